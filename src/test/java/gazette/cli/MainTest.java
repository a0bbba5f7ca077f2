package gazette.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(args, new PrintWriter(out), new PrintWriter(err));
  }

  private void write(String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text);
  }

  @Test
  void checkPrintsEveryProblemInEveryFileAndExits1() throws IOException {
    write("_feed.yaml", "title: Daily\ntimezone: Moon/Base\n");
    write("a.yaml", """
        title: A
        pubished: 2024-01-20
        content: x
        """);
    write("b.yaml", """
        title: [B]
        published: 2024-02-30
        updated: yesterday
        slug: Not A Slug
        draft: perhaps
        content: x
        """);
    write("c.yaml", """
        title: C
        published: 2024-01-20
        format: docx
        content: x
        enclosures: [{url: /a.mp3, type: audio/mpeg, length: -1}]
        """);
    write("d.yaml", "title: D\npublished: 2024-01-20\nlink: ftp://example.org/d\n");

    int code = run("check", "--articles", dir.toString());

    String a = dir.resolve("a.yaml").toString();
    String b = dir.resolve("b.yaml").toString();
    String c = dir.resolve("c.yaml").toString();
    String d = dir.resolve("d.yaml").toString();
    assertThat(code).isEqualTo(1);
    assertThat(out.toString().lines()).containsExactly(
        dir.resolve("_feed.yaml") + ":2:11: timezone: \"Moon/Base\" is not a time zone (expected an IANA name such as Europe/Paris, or UTC)",
        a + ":1:1: published: required field is missing",
        a + ":2:1: pubished: unknown field (did you mean published?)",
        b + ":1:8: title: expected text, found a list",
        b + ":2:12: published: \"2024-02-30\" is not a real date or time",
        b + ":3:10: updated: \"yesterday\" is not a date (expected 2024-01-20 or 2024-01-20T10:00:00+04:00)",
        b + ":4:7: slug: \"Not A Slug\" is not a slug (use lowercase letters, digits and inner hyphens)",
        b + ":5:8: draft: expected true or false, found \"perhaps\"",
        c + ":3:9: format: \"docx\" is not a format (expected markdown, html or text)",
        c + ":5:54: enclosures[0].length: expected a whole number of 0 or more, found \"-1\"",
        d + ":3:7: link: \"ftp://example.org/d\" is not an http or https URL",
        "11 problems in 5 files");
  }

  @Test
  void checkReportsAPipeAndAHugeFileAndKeepsGoing() throws Exception {
    write("_feed.yaml", "title: Daily\n");
    write("good.yaml", "title: Good\npublished: 2024-01-20\ncontent: x\n");
    assertThat(new ProcessBuilder("mkfifo", dir.resolve("pipe.yaml").toString()).start().waitFor()).isZero();
    try (java.io.RandomAccessFile huge = new java.io.RandomAccessFile(dir.resolve("huge.yaml").toFile(), "rw")) {
      huge.setLength(3L << 30);
    }

    int code = run("check", "--articles", dir.toString());

    assertThat(code).isEqualTo(1);
    assertThat(out.toString().lines()).containsExactly(
        dir.resolve("huge.yaml") + ":1:1: file is 3221225472 bytes, over the limit of 1048576",
        dir.resolve("pipe.yaml") + ":1:1: not a regular file: a named pipe",
        "2 problems in 2 files");
  }

  @Test
  void controlCharactersInFileNamesAndKeysAreEscapedSoNoLineIsFaked() throws IOException {
    write("_feed.yaml", "title: Daily\n");
    write("evil\nok: 3 published articles.yaml", "title: [\n");
    write("keys.yaml", "title: K\npublished: 2024-01-20\ncontent: x\n\"\\e[2J\\u202Egnp.exe\": 1\n");

    int code = run("check", "--articles", dir.toString());

    assertThat(code).isEqualTo(1);
    assertThat(out.toString().lines()).containsExactly(
        dir + "/evil\\nok: 3 published articles.yaml:2:1: not valid YAML: expected the node content, but found '<stream end>'",
        dir.resolve("keys.yaml") + ":4:1: \\x1b[2J\\u202egnp.exe: unknown field",
        "2 problems in 2 files");
  }

  @Test
  void checkOfTheSamplePublicationPasses() {
    int code = run("check", "--articles", "src/test/resources/sample");

    assertThat(code).isEqualTo(0);
    assertThat(out.toString()).isEqualTo("ok: 2 published articles\n");
  }

  @Test
  void missingFolderIsAUsageError() {
    int code = run("check", "--articles", dir.resolve("nope").toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).startsWith("--articles " + dir.resolve("nope") + ": no such folder");
  }

  @Test
  void unknownOptionIsAUsageError() {
    assertThat(run("serve", "--prot", "80")).isEqualTo(2);
    // picocli follows with the usage, or with the options whose names begin alike ("Possible solutions: --preview").
    assertThat(err.toString()).startsWith("Unknown options: '--prot', '80'\n");
  }

  @Test
  void aLimitBelowOneIsAUsageError() throws IOException {
    write("_feed.yaml", "title: Daily\n");

    assertThat(run("serve", "--articles", dir.toString(), "--max-connections", "0")).isEqualTo(2);
    assertThat(err.toString()).startsWith("--max-connections 0: expected 1 or more\n");
  }

  @Test
  void serveRefusesAnInvalidPublication() throws IOException {
    write("_feed.yaml", "description: no title\n");

    int code = run("serve", "--articles", dir.toString(), "--port", "0");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).isEqualTo(
        dir.resolve("_feed.yaml") + ":1:1: title: required field is missing\n"
        + "gazette: cannot serve: " + dir.resolve("_feed.yaml") + " is invalid (fix the problems above)\n");
  }

  @Test
  void aShortStatsTokenIsRefusedBeforeAnythingListens() {
    int code = run("serve", "--articles", dir.toString(), "--port", "0", "--stats-token", "s3cret ");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).startsWith("--stats-token: 6 characters is guessable; use 16 or more");
  }
}
