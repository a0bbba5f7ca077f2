package gazette.cli;

import static org.assertj.core.api.Assertions.assertThat;

import gazette.Gazette;
import gazette.article.Article;
import gazette.article.ArticleParser;
import gazette.article.Publication;
import gazette.article.PublicationParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gazette init} and {@code gazette new}, on real folders: what they write parses, checks clean, and is never overwritten. */
class ScaffoldCommandsTest {
  private static final ZoneId BAKU = ZoneId.of("Asia/Baku");

  @TempDir
  Path dir;
  @TempDir
  Path state;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    return Main.run(args, new PrintWriter(out), new PrintWriter(err));
  }

  private Publication publication(Path articles) throws IOException {
    PublicationParser.Result result = PublicationParser.parse(articles.resolve("_feed.yaml"),
        Files.readAllBytes(articles.resolve("_feed.yaml")), null, URI.create("http://localhost/"));
    assertThat(result.problems()).isEmpty();
    return result.publication().orElseThrow();
  }

  private static ArticleParser.Result parse(Publication publication, Path file) throws IOException {
    return new ArticleParser(publication).parse(file, Files.readAllBytes(file));
  }

  @Test
  void initCreatesAPublicationThatChecksCleanWithAnExampleArticleAndAStaticFolder() throws IOException {
    Path pub = dir.resolve("daily");
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    int code = run("init", pub.toString(), "--title", "The \"Daily\": news", "--base-url", "https://news.example.org",
        "--timezone", "Asia/Baku", "--language", "az");

    Instant after = Instant.now();
    assertThat(code).as(err.toString()).isZero();
    Path articles = pub.resolve("articles");
    Publication p = publication(articles);
    assertThat(p.title()).isEqualTo("The \"Daily\": news");
    assertThat(p.baseUrl()).isEqualTo(URI.create("https://news.example.org/"));
    assertThat(p.idAuthority()).isEqualTo("news.example.org");
    assertThat(p.timezone()).isEqualTo(BAKU);
    assertThat(p.language()).isEqualTo("az");
    assertThat(Files.readString(articles.resolve("_feed.yaml"))).contains("# The name of the publication")
        .contains("# hub: ").contains("limit: 50");
    assertThat(pub.resolve("static")).isDirectory();
    assertThat(pub.resolve("static").resolve(".gitkeep")).isRegularFile();
    LocalDate today = LocalDate.ofInstant(after, BAKU);
    Path example = articles.resolve(today + "-welcome.yaml");
    ArticleParser.Result parsed = parse(p, example);
    assertThat(parsed.problems()).isEmpty();
    Article article = parsed.article().orElseThrow();
    assertThat(article.id()).isEqualTo("tag:news.example.org," + today + ":welcome");
    assertThat(article.draft()).isFalse();
    assertThat(article.published()).isBetween(before, after);

    assertThat(run("check", "--articles", articles.toString(), "--state-dir", state.toString())).isZero();
    assertThat(out.toString()).isEqualTo("ok: 1 published article\n");
  }

  @Test
  void initRefusesAFolderThatHoldsAPublication() throws IOException {
    Path pub = dir.resolve("daily");
    assertThat(run("init", pub.toString(), "--timezone", "UTC")).isZero();
    Path feed = pub.resolve("articles").resolve("_feed.yaml");
    Files.writeString(feed, "title: Mine\n");

    assertThat(run("init", pub.toString(), "--timezone", "UTC")).isEqualTo(1);
    assertThat(err.toString()).isEqualTo("gazette: " + pub + " holds a publication already (" + pub.resolve("articles")
        + " is not empty); nothing written\n");
    assertThat(Files.readString(feed)).isEqualTo("title: Mine\n");

    Path other = dir.resolve("other");
    Files.createDirectories(other.resolve("articles"));
    Files.writeString(other.resolve("articles").resolve("story.yaml"), "title: Story\n");
    assertThat(run("init", other.toString())).isEqualTo(1);
    assertThat(other.resolve("articles").resolve("_feed.yaml")).doesNotExist();
  }

  @Test
  void initWithoutABaseUrlNamesItsTitleAfterTheFolderAndLeavesTheAuthorityToSet() throws IOException {
    Path pub = dir.resolve("baku-news");
    assertThat(run("init", pub.toString(), "--timezone", "UTC")).isZero();
    Path articles = pub.resolve("articles");
    Publication p = publication(articles);
    assertThat(p.title()).isEqualTo("Baku news");
    assertThat(p.idAuthority()).isNull();
    assertThat(Files.readString(articles.resolve("_feed.yaml"))).contains("# base_url: https://news.example.org/\n")
        .contains("# id_authority: news.example.org\n");
    assertThat(run("check", "--articles", articles.toString(), "--state-dir", state.toString())).isZero();
  }

  @Test
  void newWritesADraftPublishedNowInThePublicationsZoneWithTheIdThePublicationWouldGiveIt() throws IOException {
    Path pub = dir.resolve("daily");
    assertThat(run("init", pub.toString(), "--base-url", "https://news.example.org/", "--timezone", "Asia/Baku"))
        .isZero();
    Path articles = pub.resolve("articles");
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    int code = run("new", "Ədəbiyyat: \"a\" colon", "--articles", articles.toString(), "--state-dir",
        state.toString());

    Instant after = Instant.now();
    assertThat(code).as(err.toString()).isZero();
    LocalDate today = LocalDate.ofInstant(after, BAKU);
    Path file = articles.resolve(today + "-edebiyyat-a-colon.yaml");
    assertThat(out.toString()).isEqualTo("wrote " + file + " (a draft: remove draft: true to publish it)\n");
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(text).containsPattern("\npublished: " + today + "T\\d\\d:\\d\\d:\\d\\d\\+04:00\n")
        .contains("\ndraft: true\n").contains("\ntitle: \"Ədəbiyyat: \\\"a\\\" colon\"\n");
    ArticleParser.Result parsed = parse(publication(articles), file);
    assertThat(parsed.problems()).isEmpty();
    Article article = parsed.article().orElseThrow();
    assertThat(article.title()).isEqualTo("Ədəbiyyat: \"a\" colon");
    assertThat(article.draft()).isTrue();
    assertThat(article.published()).isBetween(before, after);
    assertThat(article.id()).isEqualTo("tag:news.example.org," + today + ":edebiyyat-a-colon");
    assertThat(article.idWritten()).isTrue();
    assertThat(run("check", "--articles", articles.toString(), "--state-dir", state.toString())).isZero();
    assertThat(out.toString()).isEqualTo("ok: 1 published article\n");

    // The id pinned is the one the publication gives the article when none is written: publish it without
    // its id line and draft, and ask pin what it would write.
    Files.writeString(file, text.replaceFirst("id: .*\n", "").replace("draft: true\n", ""));
    Gazette.load(new Gazette.Options(articles, null, URI.create("https://news.example.org/"), 60, Clock.systemUTC(),
        null, state)).close();
    assertThat(run("pin", "--dry-run", "--articles", articles.toString(), "--state-dir", state.toString())).isZero();
    assertThat(out.toString()).startsWith("would pin " + file + ": id: " + article.id() + "\n");
  }

  @Test
  void newWritesItsPlaceholderInThePublicationsLanguage() throws IOException {
    Path pub = dir.resolve("daily");
    assertThat(run("init", pub.toString(), "--language", "az", "--timezone", "Asia/Baku")).isZero();
    Path articles = pub.resolve("articles");
    assertThat(run("new", "Sabahın planı", "--articles", articles.toString(), "--state-dir", state.toString()))
        .isZero();
    Path file = articles.resolve(LocalDate.now(BAKU) + "-sabahin-plani.yaml");
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).contains("  Məqaləni burada, Markdown ilə yazın.\n");
  }

  @Test
  void newNeverOverwritesAFile() throws IOException {
    Path pub = dir.resolve("daily");
    assertThat(run("init", pub.toString(), "--timezone", "UTC")).isZero();
    Path articles = pub.resolve("articles");
    assertThat(run("new", "Same title", "--articles", articles.toString(), "--state-dir", state.toString())).isZero();
    Path file = articles.resolve(LocalDate.now(ZoneId.of("UTC")) + "-same-title.yaml");
    Files.writeString(file, "title: Written by hand\n", StandardCharsets.UTF_8);

    assertThat(run("new", "Same title", "--articles", articles.toString(), "--state-dir", state.toString()))
        .isEqualTo(1);
    assertThat(err.toString()).isEqualTo("gazette: " + file + " exists already; nothing written (give another title"
        + " or --slug)\n");
    assertThat(Files.readString(file)).isEqualTo("title: Written by hand\n");
  }

  @Test
  void newWithoutAnAuthorityPinsAUuidAndSaysWhy() throws IOException {
    Path pub = dir.resolve("daily");
    assertThat(run("init", pub.toString(), "--timezone", "UTC")).isZero();
    Path articles = pub.resolve("articles");

    assertThat(run("new", "Без имени", "--slug", "untitled", "--articles", articles.toString(), "--state-dir",
        state.toString())).isZero();

    Path file = articles.resolve(LocalDate.now(ZoneId.of("UTC")) + "-untitled.yaml");
    Article article = parse(publication(articles), file).article().orElseThrow();
    assertThat(article.id()).matches("urn:uuid:[0-9a-f-]{36}");
    assertThat(out.toString()).endsWith("its id is " + article.id() + ": _feed.yaml names no id_authority or base_url"
        + " to make a tag: id of\n");
  }

  @Test
  void aTitleWithoutALetterNeedsASlug() throws IOException {
    Path pub = dir.resolve("daily");
    assertThat(run("init", pub.toString(), "--timezone", "UTC")).isZero();
    assertThat(run("new", "???", "--articles", pub.resolve("articles").toString())).isEqualTo(2);
    assertThat(err.toString()).startsWith("the title has no letter or digit to make a file name of: give one with --slug");
  }
}
