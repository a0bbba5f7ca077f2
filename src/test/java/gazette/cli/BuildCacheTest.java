package gazette.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    assertThat(build()).contains("(0 written, ").endsWith("; 0 article files parsed, 3 read from the parse cache\n");
    assertThat(work.resolve("site/feed.xml")).hasBinaryContent(feed);
    assertThat(work.resolve("site/articles/bridge.html")).hasBinaryContent(page);

    Files.writeString(articles.resolve("harbour.yaml"), "title: The new harbour\npublished: 2024-01-20\ncontent: |\n"
        + "  The **rebuilt** harbour.\n");
    assertThat(build()).endsWith("; 1 article file parsed, 2 read from the parse cache\n");
    assertThat(Files.readString(work.resolve("site/articles/harbour.html"))).contains("The new harbour", "<strong>rebuilt</strong>");
    assertThat(work.resolve("site/articles/bridge.html")).hasBinaryContent(page);
  }

  @Test
  void theFolderSpelledAnotherWayFindsTheSameParses() throws Exception {
    assertThat(build()).endsWith("; 3 article files parsed\n");
    Path spelled = work.resolve(".").resolve("articles");
    assertThat(buildOf(spelled)).endsWith("; 0 article files parsed, 3 read from the parse cache\n");
    assertThat(Files.readString(work.resolve("site/articles/bridge.html"))).contains("<strong>bridge</strong>");
  }

  @Test
  void theCacheFileIsCreatedAsAnyOtherFileIsSoAnotherUserOfTheFolderCanReadIt() throws Exception {
    build();
    Path cacheFile;
    try (var files = Files.list(cache)) {
      cacheFile = files.filter(p -> p.toString().endsWith(".cache")).findFirst().orElseThrow();
    }
    Path ordinary = Files.createFile(cache.resolve("ordinary"));
    assertThat(Files.getPosixFilePermissions(cacheFile)).isEqualTo(Files.getPosixFilePermissions(ordinary));
    try (var files = Files.list(cache)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void aFileWithAWarningIsParsedAgainSoEveryBuildReportsIt() throws Exception {
    Files.writeString(articles.resolve("market.yaml"), "title: market\npublished: 2024-01-20\ncategories: news, sport\n"
        + "content: The market.\n");
    String warning = "is one category with a comma in its name";
    assertThat(build()).contains(warning).endsWith("; 3 article files parsed\n");
    assertThat(build()).contains(warning).endsWith("; 1 article file parsed, 2 read from the parse cache\n");
  }

  @Test
  void noCacheParsesEveryFileAndKeepsNothing() throws Exception {
    assertThat(build("--no-cache")).endsWith("; 3 article files parsed\n");
    assertThat(build("--no-cache")).endsWith("; 3 article files parsed\n");
    assertThat(cache).doesNotExist();
  }

  @Test
  void withoutAPublicAddressNothingIsReadWrittenOrRemembered() throws Exception {
    Files.writeString(articles.resolve("_feed.yaml"), "title: Daily\n");
    StringWriter printed = new StringWriter();
    int code = Main.run(new String[] {"build", "--articles", articles.toString(), "--out", work.resolve("site").toString(),
        "--state-dir", work.resolve("state").toString(), "--cache-dir", cache.toString()}, new PrintWriter(printed),
        new PrintWriter(printed));

    assertThat(code).isEqualTo(2);
    assertThat(printed.toString()).contains("a static site needs its public address").doesNotContain("article files parsed");
    assertThat(work.resolve("state")).doesNotExist(); // the memory was not opened, so it records nothing
    assertThat(cache).doesNotExist();
    assertThat(work.resolve("site")).doesNotExist();

    assertThat(build("--base-url", "https://news.example.org/")).endsWith("; 3 article files parsed\n");
  }

  private String build(String... more) {
    return buildOf(articles, more);
  }

  private String buildOf(Path folder, String... more) {
    StringWriter printed = new StringWriter();
    List<String> args = new ArrayList<>(List.of("build", "--articles", folder.toString(), "--out",
        work.resolve("site").toString(), "--state-dir", work.resolve("state").toString(), "--cache-dir", cache.toString()));
    args.addAll(List.of(more));
    int code = Main.run(args.toArray(String[]::new), new PrintWriter(printed), new PrintWriter(printed));
    assertThat(code).as(printed.toString()).isZero();
    return printed.toString();
  }
}
