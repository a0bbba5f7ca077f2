package gazette;

import static org.assertj.core.api.Assertions.assertThat;

import gazette.http.FeedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A theme folder changes the look of a running publication, and a broken theme never breaks the pages. */
class ThemeTest {
  /**
   * Long: the first theme a JVM compiles starts javac cold, which took over 30 s once in a full
   * `mvn verify` on two cores shared with two other builds (it takes about 3 s alone).
   */
  private static final Duration DEADLINE = Duration.ofSeconds(90);
  private final HttpClient client = HttpClient.newHttpClient();

  @TempDir
  Path root;

  private Path articles;
  private Path theme;
  private Gazette gazette;
  private FeedServer server;

  @BeforeEach
  void start() throws Exception {
    articles = Files.createDirectories(root.resolve("articles"));
    theme = Files.createDirectories(root.resolve("theme"));
    Files.writeString(articles.resolve("_feed.yaml"), "title: Town News\n");
    Files.writeString(articles.resolve("bridge.yaml"), "title: The bridge opens\npublished: 2024-01-20\ncontent: Text.\n");
    Files.writeString(theme.resolve("style.css"), "body { color: rebeccapurple; }\n");
    gazette = Gazette.open(new Gazette.Options(articles, URI.create("https://news.example.org/"),
        URI.create("http://127.0.0.1/"), 60, Clock.systemUTC()));
    gazette.theme(theme);
    gazette.reload();
    server = gazette.serve("127.0.0.1", 0);
    gazette.watch();
  }

  @AfterEach
  void stop() {
    server.close();
    gazette.close();
  }

  private String get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private String await(String path, Predicate<String> condition) throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    String body = get(path);
    while (!condition.test(body)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waiting for " + path + ", last seen:\n" + body + "\n/health:\n" + get("/health"));
      }
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
      body = get(path);
    }
    return body;
  }

  @Test
  void theThemesStylesheetIsServedFromTheStart() throws Exception {
    assertThat(get("/style.css")).isEqualTo("body { color: rebeccapurple; }\n");
    assertThat(get("/")).contains("<header class=\"masthead\">");
  }

  @Test
  void aSavedTemplateChangesThePagesAndABrokenOneKeepsTheLastGoodLook() throws Exception {
    Files.writeString(theme.resolve("siteheader.jte"), """
        @param gazette.render.PageModel.Frame frame
        <header class="mine">${frame.title()}</header>
        """);
    await("/", page -> page.contains("<header class=\"mine\">Town News</header>"));
    assertThat(get("/articles/bridge")).contains("<header class=\"mine\">Town News</header>");

    Files.writeString(theme.resolve("siteheader.jte"), """
        @param gazette.render.PageModel.Frame frame
        <header class="mine">
        ${frame.titel()}
        </header>
        """);
    String health = await("/health", h -> h.contains("does not compile"));

    assertThat(health).contains("siteheader.jte:3:1: theme: does not compile: cannot find symbol: method titel()"
        + " (the pages keep their last good look)");
    assertThat(get("/")).contains("<header class=\"mine\">Town News</header>");

    Files.writeString(theme.resolve("style.css"), "body { color: teal; }\n");
    Files.delete(theme.resolve("siteheader.jte"));
    await("/health", h -> !h.contains("does not compile"));
    assertThat(await("/style.css", css -> css.contains("teal"))).isEqualTo("body { color: teal; }\n");
    assertThat(get("/")).contains("<header class=\"masthead\">").doesNotContain("class=\"mine\"");
  }
}
