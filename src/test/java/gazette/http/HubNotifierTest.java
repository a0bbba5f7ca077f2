package gazette.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import gazette.Gazette;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small WebSub hub on 127.0.0.1 hears about every feed whose bytes change, even after it failed once. */
class HubNotifierTest {
  @TempDir
  Path dir;

  private HttpServer hub;
  private final List<String> published = new CopyOnWriteArrayList<>();
  /** When each publish request arrived, in nanoseconds, in the order they did. */
  private final List<Long> arrived = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private Gazette gazette;
  private HubNotifier notifier;
  private FeedServer server;

  @BeforeEach
  void start() throws IOException {
    hub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hub.createContext("/", exchange -> {
      requests.incrementAndGet();
      String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      boolean fail = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
      if (!fail && exchange.getRequestMethod().equals("POST")
          && "application/x-www-form-urlencoded".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
        published.add(URLDecoder.decode(form, StandardCharsets.UTF_8));
        arrived.add(System.nanoTime());
      }
      exchange.sendResponseHeaders(fail ? 503 : 204, -1);
      exchange.close();
    });
    hub.start();
    Files.writeString(dir.resolve("_feed.yaml"), "title: Pushed\nhub: http://127.0.0.1:" + hub.getAddress().getPort() + "/hub\n");
    Files.writeString(dir.resolve("a.yaml"), "title: A\npublished: 2024-01-01\ncategories: [World]\ncontent: x\n");
    Files.writeString(dir.resolve("b.yaml"), "title: B\npublished: 2024-01-02\ncategories: [Sport]\ncontent: y\n");
    gazette = Gazette.load(new Gazette.Options(dir, URI.create("https://news.example.org/"), URI.create("http://127.0.0.1/"),
        60, Clock.systemUTC()));
    notifier = gazette.announceToHubs(Duration.ofMillis(50), Duration.ZERO);
    // A new memory: the hub has been told of nothing, so it hears of all nine feeds once.
    await("hub told of every feed at start", () -> published.size() == 9);
    published.clear();
    requests.set(0);
    gazette.watch();
    server = gazette.serve("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    server.close();
    notifier.close();
    gazette.close();
    hub.stop(0);
  }

  private void await(String what, java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what).isLessThan(deadline);
      LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
    }
  }

  @Test
  void everyChangedFeedIsPublishedToTheHubAndRetriedAfterAFailure() throws Exception {
    failuresLeft.set(1);

    Files.writeString(dir.resolve("a.yaml"), "title: A, edited\npublished: 2024-01-01\ncategories: [World]\ncontent: x\n");

    List<String> expected = List.of("/atom.xml", "/feed.json", "/feed.xml", "/categories/world/atom.xml",
        "/categories/world/feed.json", "/categories/world/feed.xml").stream()
        .map(p -> "hub.mode=publish&hub.url=https://news.example.org" + p).toList();
    await("hub told of all six feeds", () -> published.containsAll(expected));
    assertThat(published).doesNotContain("hub.mode=publish&hub.url=https://news.example.org/categories/sport/feed.xml");
    assertThat(requests.get()).isEqualTo(published.size() + 1);
  }

  @Test
  void feedsNameTheHubInTheirLinkHeaderAndBody() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.port() + "/atom.xml")).build(), HttpResponse.BodyHandlers.ofString());

    String hubUrl = "http://127.0.0.1:" + hub.getAddress().getPort() + "/hub";
    assertThat(response.headers().firstValue("Link")).contains(
        "<https://news.example.org/atom.xml>; rel=\"self\", <" + hubUrl + ">; rel=\"hub\"");
    assertThat(response.body()).contains("<link rel=\"hub\" href=\"" + hubUrl + "\" />");
  }

  @Test
  void anUnchangedSaveTellsTheHubNothing() throws Exception {
    Files.writeString(dir.resolve("b.yaml"), "title: B\npublished: 2024-01-02\ncategories: [Sport]\ncontent: y\n");
    long reloads = gazette.catalog().articles().size();
    Files.writeString(dir.resolve("a.yaml"), "title: A\npublished: 2024-01-01\ncategories: [World]\ncontent: x\n");
    Files.writeString(dir.resolve("_feed.yaml"), Files.readString(dir.resolve("_feed.yaml")));
    Files.writeString(dir.resolve("c.yaml"), "title: C\npublished: 2023-01-01\ncategories: [Sport]\ncontent: z\n");

    await("c published", () -> gazette.catalog().articles().size() == reloads + 1);
    await("hub told about sport", () -> published.stream().anyMatch(p -> p.endsWith("/categories/sport/feed.xml")));
    assertThat(published).noneMatch(p -> p.contains("/categories/world/"));
  }

  @Test
  void eachFeedIsAnnouncedAtMostOncePerWindowAndTheLastChangeIsAnnounced() throws Exception {
    Duration window = Duration.ofSeconds(1);
    notifier.close();
    notifier = gazette.announceToHubs(Duration.ofMillis(50), window);
    published.clear();
    arrived.clear();
    String feed = "hub.mode=publish&hub.url=https://news.example.org/feed.xml";

    long lastReload = 0;
    for (int edit = 1; edit <= 3; edit++) {
      String title = "A, edit " + edit;
      Files.writeString(dir.resolve("a.yaml"), "title: " + title + "\npublished: 2024-01-01\ncategories: [World]\ncontent: x\n");
      await("edit " + edit + " published", () -> gazette.catalog().articles().stream().anyMatch(a -> a.title().equals(title)));
      lastReload = System.nanoTime();
    }
    long after = lastReload;
    await("the last change announced", () -> {
      for (int i = 0; i < published.size(); i++) {
        if (published.get(i).equals(feed) && arrived.get(i) >= after) {
          return true;
        }
      }
      return false;
    });
    LockSupport.parkNanos(window.toNanos()); // anything else it would still send

    List<Long> times = new java.util.ArrayList<>();
    for (int i = 0; i < published.size(); i++) {
      if (published.get(i).equals(feed)) {
        times.add(arrived.get(i));
      }
    }
    assertThat(times).as("three reloads, fewer announcements").hasSizeBetween(1, 2);
    for (int i = 1; i < times.size(); i++) {
      assertThat(Duration.ofNanos(times.get(i) - times.get(i - 1))).as("apart by a window at least")
          .isGreaterThan(window.minusMillis(100));
    }
    assertThat(published).filteredOn(p -> p.endsWith("/categories/sport/feed.xml")).isEmpty();
  }

  @Test
  void whatAWindowHeldBackWhenClosedIsToldByTheNextStartOnce() throws Exception {
    Duration window = Duration.ofSeconds(1);
    notifier.close();
    notifier = gazette.announceToHubs(Duration.ofMillis(50), window);
    published.clear();
    String feed = "hub.mode=publish&hub.url=https://news.example.org/feed.xml";

    Files.writeString(dir.resolve("a.yaml"), "title: A, first\npublished: 2024-01-01\ncategories: [World]\ncontent: x\n");
    await("the first edit announced", () -> published.contains(feed));
    Files.writeString(dir.resolve("a.yaml"), "title: A, second\npublished: 2024-01-01\ncategories: [World]\ncontent: x\n");
    await("the second edit published", () -> gazette.catalog().articles().stream().anyMatch(a -> a.title().equals("A, second")));
    notifier.close(); // within the window that holds the second edit back
    LockSupport.parkNanos(window.multipliedBy(2).toNanos());
    assertThat(published).as("nothing is sent after close").filteredOn(feed::equals).hasSize(1);

    notifier = gazette.announceToHubs(Duration.ofMillis(50), window); // as the next start does
    await("the held-back edit told by the next start", () -> published.stream().filter(feed::equals).count() == 2);
    LockSupport.parkNanos(window.toNanos());
    assertThat(published).filteredOn(feed::equals).hasSize(2);
  }
}
