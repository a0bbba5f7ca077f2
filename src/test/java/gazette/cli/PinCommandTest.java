package gazette.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gazette.Gazette;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PinCommandTest {
  @TempDir
  Path dir;
  @TempDir
  Path state;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(args, new PrintWriter(out), new PrintWriter(err));
  }

  private void publish() throws IOException {
    Gazette.load(new Gazette.Options(dir, null, URI.create("https://news.example.org/"), 60, Clock.systemUTC(), null,
        state)).close();
  }

  @Test
  void pinWritesTheRememberedIdAndKeepsEveryOtherByte() throws IOException {
    Files.writeString(dir.resolve("_feed.yaml"), "title: Daily\n");
    Files.writeString(dir.resolve("2024-01-20-story.yaml"), "title: Story\npublished: 2024-01-20\ncontent: x\n");
    publish();
    Files.move(dir.resolve("2024-01-20-story.yaml"), dir.resolve("renamed.yaml"));
    String written = "\uFEFF# a comment about the story\r\n\r\ntitle: Story\r\npublished: 2024-01-20\r\ncontent: x\r\n";
    Files.writeString(dir.resolve("renamed.yaml"), written);

    int check = run("check", "--articles", dir.toString(), "--state-dir", state.toString());
    assertThat(check).isZero();
    assertThat(out.toString()).contains(dir.resolve("renamed.yaml") + ":1:1: warning: id: this article was published as"
        + " \"tag:news.example.org,2024-01-20:story\"");

    int code = run("pin", "--articles", dir.toString(), "--state-dir", state.toString());

    assertThat(code).isZero();
    assertThat(out.toString()).endsWith("pinned " + dir.resolve("renamed.yaml")
        + ": id: tag:news.example.org,2024-01-20:story\npinned 1 article\n");
    assertThat(Files.readString(dir.resolve("renamed.yaml"), StandardCharsets.UTF_8)).isEqualTo(
        "\uFEFF# a comment about the story\r\n\r\nid: \"tag:news.example.org,2024-01-20:story\"\r\ntitle: Story\r\n"
            + "published: 2024-01-20\r\ncontent: x\r\n");
    out.getBuffer().setLength(0);
    assertThat(run("check", "--articles", dir.toString(), "--state-dir", state.toString())).isZero();
    assertThat(out.toString()).isEqualTo("ok: 1 published article\n");
  }

  @Test
  void aDryRunWritesNothingAndOnlyPublishedArticlesWithoutAWrittenIdArePinned() throws IOException {
    Files.writeString(dir.resolve("_feed.yaml"), "title: Daily\n");
    Files.writeString(dir.resolve("a.yaml"), "title: A\npublished: 2024-01-20\ncontent: x\n");
    Files.writeString(dir.resolve("b.yaml"), "id: urn:x:b\ntitle: B\npublished: 2024-01-21\ncontent: x\n");
    publish();
    Files.writeString(dir.resolve("c.yaml"), "title: C, not published yet\npublished: 2024-01-22\ncontent: x\n");

    int code = run("pin", "--dry-run", "--articles", dir.toString(), "--state-dir", state.toString());

    assertThat(code).isZero();
    assertThat(out.toString()).isEqualTo("would pin " + dir.resolve("a.yaml")
        + ": id: tag:news.example.org,2024-01-20:a\nwould pin 1 article\n");
    assertThat(Files.readString(dir.resolve("a.yaml"))).isEqualTo("title: A\npublished: 2024-01-20\ncontent: x\n");
  }

  @Test
  void withoutAMemoryThereIsNothingToPin() throws IOException {
    Files.writeString(dir.resolve("_feed.yaml"), "title: Daily\n");
    Files.writeString(dir.resolve("a.yaml"), "title: A\npublished: 2024-01-20\ncontent: x\n");

    int code = run("pin", "--articles", dir.toString(), "--state-dir", state.toString());

    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).isEqualTo("gazette: nothing to pin: no article has been published from " + state
        + " (run serve first, or give --state-dir)\n");
  }

  @Test
  void aFileWhoseFieldsAreNotOnePerLineIsNotTouched() {
    assertThatThrownBy(() -> Pinning.withId("{title: A, published: 2024-01-20}\n", "urn:x"))
        .hasMessage("its fields are not one per line at the left margin");
    assertThatThrownBy(() -> Pinning.withId("# only a comment\n", "urn:x")).hasMessage("it has no fields");
  }
}
