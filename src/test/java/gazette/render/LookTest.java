package gazette.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gazette.render.PageModel.Frame;
import gg.jte.output.StringOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LookTest {
  @TempDir
  Path theme;

  @TempDir
  Path classes;

  private static final Frame FRAME = new Frame("Town <News>", "", "https://news.example.org/",
      "https://news.example.org/style.css", Words.of("en"), List.of(), List.of(), "https://news.example.org/archive/",
      Map.of(), null);

  private static String home(Look look) {
    StringOutput out = new StringOutput();
    look.templates().render("home.jte", Map.of("frame", FRAME, "entries", List.of()), out);
    return out.toString();
  }

  @Test
  void theJarCarriesTheSourceOfEveryBundledTemplate() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("src/main/jte"))) {
      assertThat(Look.TEMPLATES).containsExactlyInAnyOrderElementsOf(
          files.map(f -> f.getFileName().toString()).filter(n -> !n.equals("stats.jte")).toList());
    }
    for (String template : Look.TEMPLATES) {
      assertThat(Look.resource("/gazette/render/jte/" + template)).isNotEmpty();
    }
  }

  @Test
  void aThemesStylesheetReplacesTheBundledOneAndItsTemplatesStay() throws Exception {
    Files.writeString(theme.resolve("style.css"), "body { color: rebeccapurple; }\n");

    Look look = Look.theme(theme, classes);

    assertThat(new String(look.css(), StandardCharsets.UTF_8)).isEqualTo("body { color: rebeccapurple; }\n");
    assertThat(home(look)).isEqualTo(home(Look.bundled()));
  }

  @Test
  void aThemesTemplateReplacesTheBundledOneOfItsNameAndUsesTheOthers() throws Exception {
    Files.writeString(theme.resolve("siteheader.jte"), """
        @param gazette.render.PageModel.Frame frame
        <header class="mine"><a href="${frame.home()}">${frame.title()}</a> in ${frame.language()}</header>
        """);

    Look look = Look.theme(theme, classes);

    assertThat(home(look)).contains("<header class=\"mine\"><a href=\"https://news.example.org/\">Town &lt;News&gt;</a> in en</header>")
        .contains("<footer>").contains("<link rel=\"stylesheet\" href=\"https://news.example.org/style.css\">");
    assertThat(new String(look.css(), StandardCharsets.UTF_8)).isEqualTo(new String(Look.bundled().css(), StandardCharsets.UTF_8));
  }

  @Test
  void aTemplateThatDoesNotCompileNamesItsFileAndLine() throws Exception {
    Files.writeString(theme.resolve("siteheader.jte"), """
        @param gazette.render.PageModel.Frame frame
        <header>
        ${frame.titel()}
        </header>
        """);

    assertThatThrownBy(() -> Look.theme(theme, classes)).isInstanceOfSatisfying(Look.Broken.class, broken -> {
      assertThat(broken.getMessage()).isEqualTo("does not compile: cannot find symbol: method titel()");
      assertThat(broken.file()).isEqualTo(theme.resolve("siteheader.jte"));
      assertThat(broken.line()).isEqualTo(3);
    });
  }

  @Test
  void aTemplateJteCannotParseIsBrokenToo() throws Exception {
    Files.writeString(theme.resolve("home.jte"), """
        @param gazette.render.PageModel.Frame frame
        @param java.util.List<gazette.render.PageModel.Entry> entries
        @if(entries.isEmpty())
        <p>none</p>
        """);

    assertThatThrownBy(() -> Look.theme(theme, classes)).isInstanceOfSatisfying(Look.Broken.class, broken -> {
      assertThat(broken.file()).isEqualTo(theme.resolve("home.jte"));
      assertThat(broken.line()).isEqualTo(5);
      assertThat(broken.getMessage()).isEqualTo("does not compile: Missing @endif");
    });
  }
}
