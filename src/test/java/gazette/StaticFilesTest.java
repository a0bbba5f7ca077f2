package gazette;

import static org.assertj.core.api.Assertions.assertThat;

import gazette.cli.Main;
import gazette.http.FeedServer;
import gazette.site.Rendition;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The static folder beside the articles: served at the site's root with the contract of every page, never over Gazette's own URLs. */
class StaticFilesTest {
  private static final URI BASE = URI.create("https://news.example.org/");
  private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0};

  @TempDir
  Path work;
  private Path articles;
  private Path statics;

  @BeforeEach
  void publication() throws IOException {
    articles = Files.createDirectories(work.resolve("articles"));
    statics = Files.createDirectories(work.resolve("static"));
    Files.writeString(articles.resolve("_feed.yaml"), "title: Daily\nicon: /media/icon.png\n");
    Files.writeString(articles.resolve("a.yaml"), "title: A\npublished: 2024-01-01\nimage: /media/bridge.jpg\ncontent: x\n");
    Files.createDirectories(statics.resolve("media"));
    Files.write(statics.resolve("media/bridge.jpg"), JPEG);
    Files.writeString(statics.resolve("print.css"), "body { color: #333; }\n".repeat(40));
  }

  private Gazette load() throws IOException {
    return Gazette.load(new Gazette.Options(articles, BASE, BASE, 60, Clock.systemUTC(), null, null));
  }

  @Test
  void filesAreServedAtTheRootWithTheirTypeEtagDateAnd304() throws Exception {
    try (Gazette gazette = load(); FeedServer server = gazette.serve("127.0.0.1", 0)) {
      HttpClient client = HttpClient.newHttpClient();
      String origin = "http://127.0.0.1:" + server.port();

      HttpResponse<byte[]> jpeg = client.send(HttpRequest.newBuilder(URI.create(origin + "/media/bridge.jpg"))
          .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
      HttpResponse<byte[]> again = client.send(HttpRequest.newBuilder(URI.create(origin + "/media/bridge.jpg"))
          .header("If-None-Match", jpeg.headers().firstValue("ETag").orElseThrow()).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      HttpResponse<byte[]> css = client.send(HttpRequest.newBuilder(URI.create(origin + "/print.css"))
          .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());

      assertThat(jpeg.statusCode()).isEqualTo(200);
      assertThat(jpeg.body()).isEqualTo(JPEG);
      assertThat(jpeg.headers().firstValue("Content-Type")).contains("image/jpeg");
      assertThat(jpeg.headers().firstValue("ETag").orElseThrow()).matches("\"[A-Za-z0-9_-]{27}\"");
      assertThat(jpeg.headers().firstValue("Last-Modified")).isPresent();
      assertThat(jpeg.headers().firstValue("Content-Encoding")).as("an image is not gzipped").isEmpty();
      assertThat(again.statusCode()).isEqualTo(304);
      assertThat(css.headers().firstValue("Content-Type")).contains("text/css; charset=utf-8");
      assertThat(css.headers().firstValue("Content-Encoding")).contains("gzip");
      assertThat(new String(new GZIPInputStream(new ByteArrayInputStream(css.body())).readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo(Files.readString(statics.resolve("print.css")));
    }
  }

  @Test
  void aFileAtOneOfGazettesUrlsIsAProblemAndGazettesUrlWins() throws Exception {
    Files.writeString(statics.resolve("feed.xml"), "<not-a-feed/>");
    Files.createDirectories(statics.resolve("articles"));
    Files.writeString(statics.resolve("articles/a"), "shadow");
    Files.writeString(statics.resolve("articles/a.html"), "shadow in a build");
    Files.writeString(statics.resolve("index.html"), "shadow of the home page in a build");
    Files.writeString(statics.resolve("feed.xml.gz"), "shadow of a precompressed feed");
    Files.writeString(statics.resolve("articles/a.txt"), "no shadow");

    try (Gazette gazette = load()) {
      assertThat(new String(gazette.site().find("/feed.xml").orElseThrow().identity(), StandardCharsets.UTF_8)).contains("<rss");
      assertThat(gazette.site().find("/articles/a").orElseThrow().mediaType()).startsWith("text/html");
      assertThat(new String(gazette.site().find("/health").orElseThrow().identity(), StandardCharsets.UTF_8))
          .contains("/feed.xml is a URL of Gazette's own; the static file is not served (rename it)");
    }
    StringWriter out = new StringWriter();
    int code = Main.run(new String[] {"check", "--articles", articles.toString(), "--state-dir",
        work.resolve("state").toString()}, new PrintWriter(out), new PrintWriter(out));
    assertThat(code).isEqualTo(1);
    assertThat(out.toString()).contains(statics.resolve("feed.xml") + ":1:1: /feed.xml is a URL of Gazette's own; the static file is not served (rename it)")
        .contains(statics.resolve("articles/a") + ":1:1: /articles/a is a URL of Gazette's own")
        .contains(statics.resolve("articles/a.html") + ":1:1: /articles/a.html is a URL of Gazette's own")
        .contains(statics.resolve("index.html") + ":1:1: /index.html is a URL of Gazette's own")
        .contains(statics.resolve("feed.xml.gz") + ":1:1: /feed.xml.gz is a URL of Gazette's own")
        .doesNotContain("a.txt");
  }

  @Test
  void nothingOutsideTheFolderIsServed() throws Exception {
    Path secret = Files.writeString(work.resolve("secret.txt"), "password");
    Files.createSymbolicLink(statics.resolve("leak.txt"), secret);
    Files.createSymbolicLink(statics.resolve("inside.jpg"), statics.resolve("media/bridge.jpg"));
    Files.writeString(statics.resolve(".hidden"), "x");
    try (RandomAccessFile big = new RandomAccessFile(statics.resolve("big.bin").toFile(), "rw")) {
      big.setLength(16L * 1024 * 1024 + 1);
    }

    try (Gazette gazette = load()) {
      assertThat(gazette.site().find("/leak.txt")).isEmpty();
      assertThat(gazette.site().find("/../secret.txt")).isEmpty();
      assertThat(gazette.site().find("/media/../../secret.txt")).isEmpty();
      assertThat(gazette.site().find("/.hidden")).isEmpty();
      assertThat(gazette.site().find("/big.bin")).isEmpty();
      assertThat(gazette.site().find("/inside.jpg").orElseThrow().identity()).as("a link that stays inside").isEqualTo(JPEG);
      assertThat(gazette.catalog().problems()).map(Object::toString).contains(
          statics.resolve("leak.txt") + ":1:1: symbolic link leads outside the static folder; not served",
          statics.resolve("big.bin") + ":1:1: file is 16777217 bytes, over the limit of 16777216 for a static file; not served");
    }
  }

  @Test
  void faviconLeadsToTheIconUnlessTheFolderHasOneAndRobotsTxtMayBeReplaced() throws Exception {
    try (Gazette gazette = load()) {
      Rendition favicon = gazette.site().find("/favicon.ico").orElseThrow();
      assertThat(favicon.status()).isEqualTo(301);
      assertThat(favicon.location()).isEqualTo(URI.create("https://news.example.org/media/icon.png"));
    }

    Files.write(statics.resolve("favicon.ico"), new byte[] {0, 0, 1, 0, 1, 0});
    Files.writeString(statics.resolve("robots.txt"), "User-agent: *\nDisallow: /private/\n");

    try (Gazette gazette = load()) {
      Rendition favicon = gazette.site().find("/favicon.ico").orElseThrow();
      assertThat(favicon.status()).isEqualTo(200);
      assertThat(favicon.mediaType()).isEqualTo("image/x-icon");
      assertThat(new String(gazette.site().find("/robots.txt").orElseThrow().identity(), StandardCharsets.UTF_8))
          .isEqualTo("User-agent: *\nDisallow: /private/\n");
      assertThat(gazette.catalog().problems()).isEmpty();
    }
  }

  @Test
  void aChangedStaticFileIsServedWithoutARestart() throws Exception {
    try (Gazette gazette = load()) {
      gazette.watch();

      Files.writeString(statics.resolve("media/new.txt"), "fresh");

      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (gazette.site().find("/media/new.txt").isEmpty()) {
        assertThat(System.nanoTime()).as("the new file is served within 10 s").isLessThan(deadline);
        Thread.onSpinWait();
      }
      assertThat(gazette.site().find("/media/new.txt").orElseThrow().mediaType()).isEqualTo("text/plain; charset=utf-8");
    }
  }

  @Test
  void aStaticFolderCreatedAfterTheStartIsServed() throws Exception {
    Files.delete(statics.resolve("media/bridge.jpg"));
    Files.delete(statics.resolve("media"));
    Files.delete(statics.resolve("print.css"));
    Files.delete(statics);
    try (Gazette gazette = load()) {
      gazette.watch();

      Files.createDirectories(statics.resolve("media"));
      Files.write(statics.resolve("media/bridge.jpg"), JPEG);

      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (gazette.site().find("/media/bridge.jpg").isEmpty()) {
        assertThat(System.nanoTime()).as("the new folder's file is served within 10 s").isLessThan(deadline);
        Thread.onSpinWait();
      }
    }
  }

  @Test
  void buildWritesTheStaticFilesAsTheyAre() throws Exception {
    Files.writeString(statics.resolve("LICENSE"), "text without an extension");
    Path out = work.resolve("site");
    StringWriter printed = new StringWriter();

    int code = Main.run(new String[] {"build", "--articles", articles.toString(), "--out", out.toString(), "--state-dir",
        work.resolve("state").toString(), "--cache-dir", work.resolve("cache").toString(), "--base-url", BASE.toString()}, new PrintWriter(printed), new PrintWriter(printed));

    assertThat(code).as(printed.toString()).isZero();
    assertThat(out.resolve("media/bridge.jpg")).hasBinaryContent(JPEG);
    assertThat(out.resolve("print.css")).hasSameTextualContentAs(statics.resolve("print.css"));
    assertThat(out.resolve("print.css.gz")).exists();
    assertThat(out.resolve("LICENSE")).hasContent("text without an extension");
  }
}
