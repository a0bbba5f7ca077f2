package gazette.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gazette build} keeps the parse cache serve keeps: a build after a build parses only the files that changed. */
class BuildCacheTest {
  @TempDir
  Path work;
  private Path articles;
  private Path cache;

  @BeforeEach
  void articles() throws Exception {
    articles = Files.createDirectories(work.resolve("articles"));
    cache = work.resolve("cache");
    Files.writeString(articles.resolve("_feed.yaml"), "title: Daily\nbase_url: https://news.example.org/\n");
    for (String name : new String[] {"bridge", "harbour", "market"}) {
      Files.writeString(articles.resolve(name + ".yaml"), "title: " + name + "\npublished: 2024-01-20\ncontent: |\n  The **"
          + name + "** story.\n");
    }
  }

  @Test
  void aSecondBuildParsesOnlyWhatChangedAndWritesTheSameBytes() throws Exception {
    assertThat(build()).endsWith("; 3 article files parsed\n");
    assertThat(cache).isDirectoryContaining("glob:**/articles-*.cache");
    byte[] feed = Files.readAllBytes(work.resolve("site/feed.xml"));
    byte[] page = Files.readAllBytes(work.resolve("site/articles/bridge.html"));

    assertThat(build()).contains("(0 written, ").endsWith("; 0 article files parsed, the rest read from the parse cache\n");
    assertThat(work.resolve("site/feed.xml")).hasBinaryContent(feed);
    assertThat(work.resolve("site/articles/bridge.html")).hasBinaryContent(page);

    Files.writeString(articles.resolve("harbour.yaml"), "title: The new harbour\npublished: 2024-01-20\ncontent: |\n"
        + "  The **rebuilt** harbour.\n");
    assertThat(build()).endsWith("; 1 article file parsed, the rest read from the parse cache\n");
    assertThat(Files.readString(work.resolve("site/articles/harbour.html"))).contains("The new harbour", "<strong>rebuilt</strong>");
    assertThat(work.resolve("site/articles/bridge.html")).hasBinaryContent(page);
  }

  @Test
  void noCacheParsesEveryFileAndKeepsNothing() throws Exception {
    assertThat(build("--no-cache")).endsWith("; 3 article files parsed\n");
    assertThat(build("--no-cache")).endsWith("; 3 article files parsed\n");
    assertThat(cache).doesNotExist();
  }

  private String build(String... more) {
    StringWriter printed = new StringWriter();
    String[] args = {"build", "--articles", articles.toString(), "--out", work.resolve("site").toString(),
        "--state-dir", work.resolve("state").toString(), "--cache-dir", cache.toString()};
    if (more.length > 0) {
      args = java.util.Arrays.copyOf(args, args.length - 2 + more.length);
      System.arraycopy(more, 0, args, args.length - more.length, more.length);
    }
    int code = Main.run(args, new PrintWriter(printed), new PrintWriter(printed));
    assertThat(code).as(printed.toString()).isZero();
    return printed.toString();
  }
}
