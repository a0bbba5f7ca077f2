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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GazetteTest {
  @TempDir
  Path dir;

  @Test
  void invalidArticlesAreLeftOutAndListedAtHealth() throws Exception {
    Files.writeString(dir.resolve("_feed.yaml"), "title: Daily\n");
    Files.writeString(dir.resolve("good.yaml"), "title: Good\npublished: 2024-01-01\ncontent: x\n");
    Files.writeString(dir.resolve("bad.yaml"), "title: Bad\npublished: soon\ncontent: x\n");
    Gazette gazette = Gazette.load(new Gazette.Options(dir, null, URI.create("http://127.0.0.1/"), 60, Clock.systemUTC()));

    try (FeedServer server = gazette.serve("127.0.0.1", 0)) {
      HttpClient client = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + server.port();
      String feed = client.send(HttpRequest.newBuilder(URI.create(base + "/feed.xml")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      String health = client.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
          HttpResponse.BodyHandlers.ofString()).body();

      assertThat(feed).contains("<title>Good</title>").doesNotContain("<title>Bad</title>");
      assertThat(health).contains("\"status\" : \"problems\"").contains("\"articles\" : 1")
          .contains("\"bad.yaml:2:12: published: \\\"soon\\\" is not a date")
          .doesNotContain(dir.toString());
    }
  }

  @Test
  void healthNamesFilesRelativeToTheFolderAndShowsNoServerPath() throws Exception {
    Files.writeString(dir.resolve("_feed.yaml"), "title: Daily\n");
    Files.createDirectories(dir.resolve("2024"));
    Files.writeString(dir.resolve("2024/a.yaml"), "title: A\npublished: 2024-01-01\nslug: same\ncontent: x\n");
    Files.writeString(dir.resolve("2024/b.yaml"), "title: B\npublished: 2024-01-02\nslug: same\ncontent: x\n");
    Files.writeString(dir.resolve("c.yaml"), "title: C\npublished: 2024-01-03\nid: urn:" + "x".repeat(500) + "\nslug: c\n"
        + "content: x\n");
    Files.writeString(dir.resolve("d.yaml"), "title: D\npublished: 2024-01-04\nid: urn:" + "x".repeat(500) + "\nslug: d\n"
        + "content: x\n");
    Gazette gazette = Gazette.load(new Gazette.Options(dir, null, URI.create("http://127.0.0.1/"), 60, Clock.systemUTC()));

    try (FeedServer server = gazette.serve("127.0.0.1", 0)) {
      String health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + server.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString()).body();

      assertThat(health).contains("\"2024/b.yaml:3:7: slug: \\\"same\\\" is already used by 2024/a.yaml\"")
          .contains("\"d.yaml:3:5: id: \\\"urn:" + "x".repeat(53) + "...\\\" is already used by c.yaml\"")
          .doesNotContain(dir.toString());
    } finally {
      gazette.close();
    }
  }

  @Test
  void anErrorOnTheReloadThreadIsHandedToTheFatalListenersNotSwallowed() throws Exception {
    Files.writeString(dir.resolve("_feed.yaml"), "title: Daily\n");
    Files.writeString(dir.resolve("a.yaml"), "title: A\npublished: 2024-01-01\ncontent: x\n");
    Gazette gazette = Gazette.load(new Gazette.Options(dir, null, URI.create("http://127.0.0.1/"), 60, Clock.systemUTC()));
    java.util.concurrent.CompletableFuture<Error> fatal = new java.util.concurrent.CompletableFuture<>();
    gazette.onFatal(fatal::complete);
    gazette.onSwap((before, after) -> {
      throw new OutOfMemoryError("Java heap space (thrown by this test)");
    });

    try {
      gazette.watch(); // its first rescan swaps a Site, on the reload thread

      assertThat(fatal.get(10, java.util.concurrent.TimeUnit.SECONDS)).isInstanceOf(OutOfMemoryError.class)
          .hasMessage("Java heap space (thrown by this test)");
    } finally {
      gazette.close();
    }
  }
}
