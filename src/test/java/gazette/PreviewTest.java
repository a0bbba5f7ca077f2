package gazette;

import static org.assertj.core.api.Assertions.assertThat;

import gazette.http.FeedServer;
import gazette.http.PreviewEvents;
import gazette.render.Preview;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** serve --preview shows drafts and scheduled articles to their writer, and nobody else ever sees them. */
class PreviewTest {
  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private final HttpClient client = HttpClient.newHttpClient();

  @TempDir
  Path articles;

  @TempDir
  Path state;

  @BeforeEach
  void write() throws Exception {
    Files.writeString(articles.resolve("_feed.yaml"), "title: Town News\nlanguage: en-GB\ntimezone: Asia/Baku\n");
    Files.writeString(articles.resolve("bridge.yaml"), "title: The bridge opens\npublished: 2024-01-20\ncontent: Text.\n");
    Files.writeString(articles.resolve("plan.yaml"), "title: Secret plan\npublished: 2024-02-01\ndraft: true\ncontent: Not yet.\n");
    Files.writeString(articles.resolve("later.yaml"),
        "title: Tomorrow's news\npublished: 2099-11-25T10:00:00+04:00\ncontent: Not yet either.\n");
  }

  private Gazette open(boolean preview) throws Exception {
    Gazette gazette = Gazette.open(new Gazette.Options(articles, URI.create("https://news.example.org/"),
        URI.create("http://127.0.0.1/"), 60, Clock.systemUTC(), null, state));
    if (preview) {
      gazette.preview();
    }
    gazette.reload();
    return gazette;
  }

  private HttpResponse<String> get(FeedServer server, String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aPreviewShowsDraftsAndScheduledArticlesMarkedAndNeverInAFeed() throws Exception {
    try (Gazette gazette = open(true); FeedServer server = gazette.serve("127.0.0.1", 0)) {
      HttpResponse<String> draft = get(server, "/articles/plan");
      HttpResponse<String> scheduled = get(server, "/articles/later");

      assertThat(draft.statusCode()).isEqualTo(200);
      assertThat(draft.body()).contains("<h1>Secret plan</h1>")
          .contains("<p class=\"preview-status\">Draft: only this preview shows it</p>")
          .contains("<script>" + Preview.SCRIPT + "</script>");
      assertThat(draft.headers().firstValue("Cache-Control")).contains("no-cache");
      String hash = Base64.getEncoder().encodeToString(
          MessageDigest.getInstance("SHA-256").digest(Preview.SCRIPT.getBytes(StandardCharsets.UTF_8)));
      assertThat(draft.headers().firstValue("Content-Security-Policy").orElseThrow())
          .contains("script-src 'sha256-" + hash + "'; connect-src 'self';");
      assertThat(scheduled.statusCode()).isEqualTo(200);
      assertThat(scheduled.body()).contains("<p class=\"preview-status\">Scheduled for 25 November 2099, 10:00:"
          + " only this preview shows it until then</p>");
      for (String path : new String[] {"/", "/feed.xml", "/atom.xml", "/feed.json"}) {
        assertThat(get(server, path).body()).as(path).contains("The bridge opens")
            .doesNotContain("Secret plan").doesNotContain("Tomorrow").doesNotContain("/articles/plan");
      }
    }
  }

  @Test
  void withoutPreviewADraftIsNotFoundAndNoPageHasAScriptEvenAfterAPreview() throws Exception {
    try (Gazette gazette = open(true); FeedServer server = gazette.serve("127.0.0.1", 0)) {
      assertThat(get(server, "/articles/plan").statusCode()).isEqualTo(200);
    }

    try (Gazette gazette = open(false); FeedServer server = gazette.serve("127.0.0.1", 0)) {
      HttpResponse<String> home = get(server, "/");

      assertThat(get(server, "/articles/plan").statusCode()).isEqualTo(404);
      assertThat(get(server, "/articles/later").statusCode()).isEqualTo(404);
      assertThat(get(server, "/_preview/events").statusCode()).isEqualTo(404);
      assertThat(home.body()).doesNotContain("<script").doesNotContain("Secret plan");
      assertThat(home.headers().firstValue("Content-Security-Policy").orElseThrow()).doesNotContain("script-src");
      assertThat(gazette.catalog().articles()).extracting(a -> a.slug()).containsExactly("bridge");
    }
  }

  @Test
  void anOpenPageHearsOfEverySave() throws Exception {
    try (Gazette gazette = open(true); FeedServer server = gazette.serve("127.0.0.1", 0)) {
      PreviewEvents events = gazette.preview();
      gazette.watch();
      // watch() reads the folder once more (a reload of its own): the page must hear of the save, not of that.
      long settled = System.nanoTime() + DEADLINE.toNanos();
      while (!get(server, "/health").body().contains("\"reloads\" : 2")) {
        assertThat(System.nanoTime()).as("the rescan that starts watching").isLessThan(settled);
        LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
      }
      CompletableFuture<HttpResponse<Stream<String>>> stream = client.sendAsync(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/_preview/events")).build(),
          HttpResponse.BodyHandlers.ofLines());
      HttpResponse<Stream<String>> response = stream.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
      assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      while (events.listening() == 0) {
        assertThat(System.nanoTime()).as("the page listening").isLessThan(deadline);
        LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
      }

      Files.writeString(articles.resolve("plan.yaml"), "title: Secret plan, revised\npublished: 2024-02-01\ndraft: true\ncontent: Soon.\n");

      CompletableFuture<String> data = CompletableFuture.supplyAsync(() -> {
        Iterator<String> lines = response.body().iterator();
        while (lines.hasNext()) {
          String line = lines.next();
          if (line.startsWith("data:")) {
            return line;
          }
        }
        return "the stream ended";
      });
      assertThat(data.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo("data:reload");
      assertThat(get(server, "/articles/plan").body()).contains("<h1>Secret plan, revised</h1>");
    }
  }
}
