package gazette;

import static org.assertj.core.api.Assertions.assertThat;

import gazette.site.Rendition;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every HTML page of two fixture publications (listings and their older pages, the archive, articles, the
 * pages a browser gets for feeds) passes {@code xmllint --html} without an error. Debian's libxml2 2.9
 * parses HTML 4: it calls the HTML5 elements the pages use ({@code header}, {@code main}, {@code article},
 * {@code time}, ...) "invalid" tags; those lines, and only those, are left out.
 */
class HtmlPagesIT {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
  private static final Pattern DIAGNOSTIC = Pattern.compile(".*:\\d+: HTML parser (error|warning) : .*");
  private static final Pattern HTML5_TAG = Pattern.compile(
      ".*:\\d+: HTML parser error : Tag (article|aside|figcaption|figure|footer|header|main|nav|section|time) invalid");

  @TempDir
  Path work;

  @ParameterizedTest
  @ValueSource(strings = {"sample", "fixtures/features"})
  @NeedsTools(Tool.XMLLINT)
  void everyPageParsesAsHtmlWithoutErrors(String publication) throws Exception {
    URI base = URI.create("https://news.example.org/");
    List<String> checked = new ArrayList<>();
    try (Gazette gazette = Gazette.load(new Gazette.Options(Path.of("src/test/resources", publication), null, base, 60,
        CLOCK))) {
      for (String path : new TreeSet<>(gazette.site().paths())) {
        Rendition rendition = gazette.site().find(path).orElseThrow();
        for (Rendition html : new Rendition[] {rendition, rendition.browser()}) {
          if (html != null && html.mediaType().startsWith("text/html")) {
            assertThat(errors(html.identity())).as(path).isEmpty();
            checked.add(path);
          }
        }
      }
    }
    assertThat(checked).contains("/", "/archive/").hasSizeGreaterThan(10);
  }

  /** What xmllint says about a page, but for HTML5 tag names; its exit status must be 0. */
  private List<String> errors(byte[] page) throws IOException, InterruptedException {
    Path file = Files.createTempFile(work, "page", ".html");
    Files.write(file, page);
    Process xmllint = new ProcessBuilder(Tool.XMLLINT.program().toString(), "--html", "--noout", "--nonet", file.toString())
        .redirectErrorStream(true).start();
    List<String> lines = new String(xmllint.getInputStream().readAllBytes()).lines().toList();
    assertThat(xmllint.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(xmllint.exitValue()).as(String.join("\n", lines)).isZero();
    return lines.stream().filter(line -> DIAGNOSTIC.matcher(line).matches() && !HTML5_TAG.matcher(line).matches()).toList();
  }
}
