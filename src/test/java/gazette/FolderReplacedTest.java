package gazette;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.WireFeedInput;
import gazette.http.FeedServer;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The articles folder itself is deleted, swapped or re-pointed while Gazette serves it. */
class FolderReplacedTest {
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  @TempDir
  Path tmp;

  private Gazette gazette;
  private FeedServer server;
  private final HttpClient client = HttpClient.newHttpClient();

  private static Path folder(Path at, String... titles) throws IOException {
    Files.createDirectories(at);
    Files.writeString(at.resolve("_feed.yaml"), "title: Live\n");
    for (int i = 0; i < titles.length; i++) {
      Files.writeString(at.resolve("story-" + i + ".yaml"),
          "title: " + titles[i] + "\npublished: 2024-01-0" + (i + 1) + "\ncontent: Text.\n");
    }
    return at;
  }

  private void serve(Path articles) throws Exception {
    gazette = Gazette.load(new Gazette.Options(articles, URI.create("https://news.example.org/"),
        URI.create("http://127.0.0.1/"), 60, Clock.systemUTC()));
    server = gazette.serve("127.0.0.1", 0);
    gazette.watch();
    // watch() rescans once, for files saved since the load: let it run before the folder is touched.
    await("the rescan that follows watch()", () -> get("/health").body().contains("\"reloads\" : 2"));
  }

  @AfterEach
  void stop() {
    server.close();
    gazette.close();
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private List<String> titles() throws Exception {
    HttpResponse<String> feed = get("/feed.xml");
    assertThat(feed.statusCode()).isEqualTo(200);
    Channel channel = (Channel) new WireFeedInput().build(new StringReader(feed.body()));
    return channel.getItems().stream().map(Item::getTitle).toList();
  }

  private static void await(String what, Check check) throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!check.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("still not true after " + DEADLINE + ": " + what);
      }
      LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
    }
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  private static void delete(Path tree) throws IOException {
    try (Stream<Path> walk = Files.walk(tree)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Test
  void aDeletedFolderKeepsTheLastSiteAndHealthSaysSoUntilItIsBack() throws Exception {
    Path articles = folder(tmp.resolve("articles"), "First", "Second");
    serve(articles);

    delete(articles);
    await("health says the folder is missing", () -> get("/health").body().contains("articles folder is missing"));
    assertThat(titles()).containsExactly("Second", "First");
    assertThat(get("/health").body()).contains("\".:1:1: articles folder is missing; serving what it last held until it is back\"");

    folder(articles, "Third");
    await("the new folder is read", () -> titles().equals(List.of("Third")));
    assertThat(get("/health").body()).contains("\"problems\" : [ ]");

    Files.writeString(articles.resolve("story-1.yaml"), "title: Fourth\npublished: 2024-01-04\ncontent: Text.\n");
    await("edits in the new folder are seen", () -> titles().equals(List.of("Fourth", "Third")));
  }

  @Test
  void aFolderSwappedByMvIsWatchedAfresh() throws Exception {
    Path articles = folder(tmp.resolve("articles"), "Old");
    folder(tmp.resolve("articles.new"), "New one", "New two");
    serve(articles);

    Files.move(articles, tmp.resolve("articles.old"));
    Files.move(tmp.resolve("articles.new"), articles);

    await("the swapped-in folder is read", () -> titles().equals(List.of("New two", "New one")));
    Files.writeString(articles.resolve("story-9.yaml"), "title: Newer\npublished: 2024-01-09\ncontent: Text.\n");
    await("edits in the swapped-in folder are seen", () -> titles().equals(List.of("Newer", "New two", "New one")));
    Files.writeString(tmp.resolve("articles.old/story-0.yaml"), "title: Stale\npublished: 2024-01-10\ncontent: Text.\n");
    LockSupport.parkNanos(Duration.ofMillis(300).toNanos()); // give a stray event time to do harm
    assertThat(titles()).containsExactly("Newer", "New two", "New one");
  }

  @Test
  void aRePointedLinkIsFollowedToTheNewRelease() throws Exception {
    folder(tmp.resolve("releases/1"), "Release one");
    folder(tmp.resolve("releases/2"), "Release two");
    Path current = Files.createSymbolicLink(tmp.resolve("current"), Path.of("releases/1"));
    serve(current);
    assertThat(titles()).containsExactly("Release one");

    Path next = Files.createSymbolicLink(tmp.resolve("current.next"), Path.of("releases/2"));
    Files.move(next, current, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

    await("the new release is read", () -> titles().equals(List.of("Release two")));
  }

  @Test
  void workInTheFolderAroundTheArticlesIsNoChange() throws Exception {
    Path articles = folder(tmp.resolve("articles"), "Only");
    serve(articles);

    // A build, a log or another project next to the articles folder: files come and go beside it.
    for (int i = 0; i < 20; i++) {
      Files.writeString(tmp.resolve("beside-" + i + ".log"), "x");
      Files.delete(tmp.resolve("beside-" + i + ".log"));
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
    LockSupport.parkNanos(Gazette.QUIET.multipliedBy(3).toNanos()); // give a stray reload time to happen
    assertThat(get("/health").body()).as("reloads after files beside the folder").contains("\"reloads\" : 2");

    Files.writeString(articles.resolve("story-1.yaml"), "title: Edited\npublished: 2024-01-02\ncontent: Text.\n");
    await("the edit is published", () -> titles().equals(List.of("Edited", "Only")));
    assertThat(get("/health").body()).contains("\"reloads\" : 3");
  }
}
