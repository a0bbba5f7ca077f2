package gazette;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.WireFeedInput;
import com.sun.net.httpserver.HttpServer;
import gazette.http.FeedServer;
import gazette.http.HubNotifier;
import gazette.memory.Memory;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jdom2.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * What subscribers have seen stays true: each test is a scenario a subscriber lives through, against
 * real servers on port 0, real files and a real state directory.
 */
class PermanenceTest {
  private static final URI BASE = URI.create("https://news.example.org/");
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;
  @TempDir
  Path state;

  private final List<AutoCloseable> running = new ArrayList<>();

  /** One running publication. */
  private record Served(Gazette gazette, FeedServer server) {
    String url(String path) {
      return "http://127.0.0.1:" + server.port() + path;
    }
  }

  private Served start(URI base, Clock clock) throws IOException {
    Gazette gazette = Gazette.load(new Gazette.Options(dir, base, base, 60, clock, null, state));
    FeedServer server = gazette.serve("127.0.0.1", 0);
    running.add(gazette);
    running.add(server);
    return new Served(gazette, server);
  }

  private Served start() throws IOException {
    return start(BASE, Clock.systemUTC());
  }

  private void stop(Served served) {
    served.server().close();
    served.gazette().close();
    running.remove(served.server());
    running.remove(served.gazette());
  }

  @AfterEach
  void stopAll() throws Exception {
    for (AutoCloseable c : running) {
      c.close();
    }
  }

  private void write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private static String article(String title, String published, String more) {
    return "title: " + title + "\npublished: " + published + "\n" + more + "content: Text of " + title + ".\n";
  }

  private static HttpResponse<String> get(Served served, String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(served.url(path)));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The entry ids of the main feed in RSS, Atom and JSON Feed, by title. */
  private static Map<String, List<String>> ids(Served served) throws Exception {
    Map<String, List<String>> ids = new HashMap<>();
    Channel rss = (Channel) new WireFeedInput().build(new StringReader(get(served, "/feed.xml").body()));
    for (Item item : rss.getItems()) {
      ids.computeIfAbsent(item.getTitle(), t -> new ArrayList<>()).add(item.getGuid().getValue());
    }
    Feed atom = (Feed) new WireFeedInput().build(new StringReader(get(served, "/atom.xml").body()));
    for (Entry entry : atom.getEntries()) {
      ids.computeIfAbsent(entry.getTitleEx().getValue(), t -> new ArrayList<>()).add(entry.getId());
    }
    for (JsonNode item : JSON.readTree(get(served, "/feed.json").body()).get("items")) {
      ids.computeIfAbsent(item.get("title").asText(), t -> new ArrayList<>()).add(item.get("id").asText());
    }
    return ids;
  }

  private static String atomId(Served served) throws Exception {
    return ((Feed) new WireFeedInput().build(new StringReader(get(served, "/atom.xml").body()))).getId();
  }

  // ---- ids and URLs -----------------------------------------------------------------------------

  @Test
  void renamesMovesSlugAndDateChangesAndANewHostKeepEveryIdAndOldUrlsRedirect() throws Exception {
    write("_feed.yaml", "title: Daily\n"); // no id_authority: the host of the base URL, remembered
    write("2024-01-20-ambassador.yaml", article("Ambassador", "2024-01-20T10:00:00+04:00", ""));
    write("other.yaml", article("Other", "2024-01-10", ""));
    Served served = start();
    String id = "tag:news.example.org,2024-01-20:ambassador";
    String feedId = atomId(served);
    assertThat(ids(served).get("Ambassador")).containsExactly(id, id, id);

    // renamed in one save, while serving
    Files.move(dir.resolve("2024-01-20-ambassador.yaml"), dir.resolve("2024-01-20-ambassador-credentials.yaml"));
    served.gazette().reload();
    assertThat(ids(served).get("Ambassador")).containsExactly(id, id, id);
    HttpResponse<String> old = get(served, "/articles/ambassador");
    assertThat(old.statusCode()).isEqualTo(301);
    assertThat(old.headers().firstValue("Location")).contains("https://news.example.org/articles/ambassador-credentials");
    assertThat(get(served, "/articles/ambassador-credentials").statusCode()).isEqualTo(200);

    // moved into a folder and its date corrected, between two runs
    stop(served);
    Files.createDirectories(dir.resolve("2024"));
    Files.move(dir.resolve("2024-01-20-ambassador-credentials.yaml"), dir.resolve("2024/2024-01-20-ambassador-credentials.yaml"));
    write("2024/2024-01-20-ambassador-credentials.yaml", article("Ambassador", "2024-01-19T10:00:00+04:00", ""));
    served = start();
    assertThat(ids(served).get("Ambassador")).containsExactly(id, id, id);

    // a slug written in the file
    write("2024/2024-01-20-ambassador-credentials.yaml", article("Ambassador", "2024-01-19T10:00:00+04:00",
        "slug: us-ambassador\n"));
    served.gazette().reload();
    assertThat(ids(served).get("Ambassador")).containsExactly(id, id, id);
    assertThat(get(served, "/articles/ambassador").headers().firstValue("Location"))
        .contains("https://news.example.org/articles/us-ambassador");
    assertThat(get(served, "/articles/ambassador-credentials").headers().firstValue("Location"))
        .contains("https://news.example.org/articles/us-ambassador");

    // another host
    stop(served);
    served = start(URI.create("https://gazette.example.com/"), Clock.systemUTC());
    assertThat(ids(served).get("Ambassador")).containsExactly(id, id, id);
    assertThat(atomId(served)).isEqualTo(feedId);
    assertThat(ids(served).get("Other")).containsExactly("tag:news.example.org,2024-01-10:other",
        "tag:news.example.org,2024-01-10:other", "tag:news.example.org,2024-01-10:other");

    // deleted
    Files.delete(dir.resolve("2024/2024-01-20-ambassador-credentials.yaml"));
    served.gazette().reload();
    assertThat(ids(served)).doesNotContainKey("Ambassador");
    HttpResponse<String> gone = get(served, "/articles/us-ambassador");
    assertThat(gone.statusCode()).isEqualTo(410);
    assertThat(gone.body()).contains("This article was removed.");
    assertThat(get(served, "/articles/ambassador").statusCode()).isEqualTo(410);
    Feed atom = (Feed) new WireFeedInput().build(new StringReader(get(served, "/atom.xml").body()));
    assertThat(atom.getForeignMarkup()).filteredOn(e -> e.getName().equals("deleted-entry"))
        .extracting(e -> e.getAttributeValue("ref")).containsExactly(id);
  }

  @Test
  void aCategoryThatDisappearsIsGoneAndNonCanonicalSpellingsRedirect() throws Exception {
    write("_feed.yaml", "title: Daily\n");
    write("a.yaml", article("A", "2024-01-20", "categories: [World, Sport]\n"));
    Served served = start();

    write("a.yaml", article("A", "2024-01-20", "categories: [World]\n"));
    served.gazette().reload();

    assertThat(get(served, "/categories/sport/").statusCode()).isEqualTo(410);
    assertThat(get(served, "/categories/sport/feed.xml").statusCode()).isEqualTo(410);
    assertThat(get(served, "/categories/world").headers().firstValue("Location"))
        .contains("https://news.example.org/categories/world/");
    assertThat(get(served, "/articles/a/").headers().firstValue("Location")).contains("https://news.example.org/articles/a");
    HttpResponse<String> doubled = get(served, "//feed.xml");
    assertThat(doubled.statusCode()).isEqualTo(301);
    assertThat(doubled.headers().firstValue("Location")).contains("https://news.example.org/feed.xml");
  }

  @Test
  void everyNameGetsAWorkingUrlAndTwoNamesThatFoldAlikeGetTwo() throws Exception {
    write("_feed.yaml", "title: Xəbərlər\n");
    write("новости.yaml", article("Новости дня", "2024-01-20", "categories: [Ədəbiyyat, Новости, 体育, C++]\n"));
    write("b.yaml", article("B", "2024-01-21", "categories: [C#]\n"));
    Served served = start();

    for (String path : List.of("/articles/novosti", "/categories/edebiyyat/", "/categories/novosti/feed.xml",
        "/categories/ti-yu/atom.xml", "/categories/c/", "/categories/c-2/")) {
      assertThat(get(served, path).statusCode()).as(path).isEqualTo(200);
    }
    assertThat(get(served, "/categories/c/").body()).contains("<h1>C++</h1>");
    assertThat(get(served, "/categories/c-2/").body()).contains("<h1>C#</h1>");
    assertThat(served.gazette().catalog().problems()).map(Object::toString).containsExactly(
        dir.resolve("b.yaml") + ":3:13: warning: categories: \"C#\" and \"C++\" both make the URL slug \"c\"; \"C#\" is at categories/c-2/");
  }

  // ---- Last-Modified ----------------------------------------------------------------------------

  @Test
  void deletingTheNewestArticleWhileStoppedMovesLastModifiedForward() throws Exception {
    write("_feed.yaml", "title: Daily\n");
    write("old.yaml", article("Old", "2024-01-01", ""));
    write("new.yaml", article("New", "2024-01-02", ""));
    Instant first = Instant.parse("2025-03-01T10:00:00Z");
    Served served = start(BASE, Clock.fixed(first, ZoneOffset.UTC));
    String before = get(served, "/feed.xml").headers().firstValue("Last-Modified").orElseThrow();
    stop(served);

    Files.delete(dir.resolve("new.yaml"));
    served = start(BASE, Clock.fixed(first.plusSeconds(3600), ZoneOffset.UTC));

    HttpResponse<String> after = get(served, "/feed.xml", "If-Modified-Since", before);
    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(after.headers().firstValue("Last-Modified")).contains("Sat, 01 Mar 2025 11:00:00 GMT");
    assertThat(before).isEqualTo("Sat, 01 Mar 2025 10:00:00 GMT");
  }

  @Test
  void twoServersOnOneMemoryAgreeOnEveryValidatorAndAnIfModifiedSinceClientDownloadsOnce() throws Exception {
    write("_feed.yaml", "title: Daily\nlimit: 2\n");
    for (int i = 1; i <= 5; i++) {
      write("s" + i + ".yaml", article("Story " + i, "2024-01-0" + i, "categories: [World]\n"));
    }
    Instant t = Instant.now();
    Served one = start(BASE, Clock.fixed(t, ZoneOffset.UTC));
    Served two = start(BASE, Clock.fixed(t.plusSeconds(7), ZoneOffset.UTC)); // started seconds later

    Files.setLastModifiedTime(dir.resolve("s3.yaml"), FileTime.from(t.plusSeconds(20)));
    stop(two);
    two = start(BASE, Clock.fixed(t.plusSeconds(30), ZoneOffset.UTC)); // restarted after a touch

    Set<String> paths = new HashSet<>(one.gazette().site().paths());
    paths.remove("/health"); // a status document: it tells each process's own reloads
    assertThat(paths).isEqualTo(new HashSet<>(two.gazette().site().paths()) {{ remove("/health"); }});
    for (String path : paths) {
      HttpResponse<String> a = get(one, path);
      HttpResponse<String> b = get(two, path);
      assertThat(b.statusCode()).as(path).isEqualTo(a.statusCode());
      assertThat(b.headers().firstValue("ETag")).as(path).isEqualTo(a.headers().firstValue("ETag"));
      assertThat(b.headers().firstValue("Last-Modified")).as(path).isEqualTo(a.headers().firstValue("Last-Modified"));
    }

    String date = null;
    int downloads = 0;
    for (int poll = 0; poll < 10; poll++) {
      Served replica = poll % 2 == 0 ? one : two;
      HttpResponse<String> response = date == null ? get(replica, "/feed.xml") : get(replica, "/feed.xml", "If-Modified-Since", date);
      if (response.statusCode() == 200) {
        downloads++;
      }
      date = response.headers().firstValue("Last-Modified").orElse(date);
    }
    assertThat(downloads).isEqualTo(1);
  }

  // ---- archives ---------------------------------------------------------------------------------

  /**
   * An RFC 5005 §4.2 client: it reads the subscription document, then follows prev-archive until it
   * reaches an archive document it has processed; entries in newer documents win; tombstones (RFC
   * 6721) remove entries. It remembers every response served immutable.
   */
  private static final class ArchiveClient {
    final Map<String, String> entries = new HashMap<>();
    final Set<String> processed = new HashSet<>();
    final Map<String, String> immutable = new LinkedHashMap<>();
    int fetched;

    void poll(Served served) throws Exception {
      Set<String> settled = new HashSet<>(); // ids decided by a newer document in this walk
      String url = served.url("/atom.xml");
      boolean subscription = true;
      while (url != null) {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        fetched++;
        if (response.headers().firstValue("Cache-Control").orElse("").contains("immutable")) {
          immutable.put(URI.create(url).getPath(), response.body());
        }
        Feed feed = (Feed) new WireFeedInput().build(new StringReader(response.body()));
        for (Element element : feed.getForeignMarkup()) {
          if (element.getName().equals("deleted-entry") && settled.add(element.getAttributeValue("ref"))) {
            entries.remove(element.getAttributeValue("ref"));
          }
        }
        for (Entry entry : feed.getEntries()) {
          if (settled.add(entry.getId())) {
            entries.put(entry.getId(), entry.getContents().get(0).getValue());
          }
        }
        if (!subscription) {
          processed.add(url);
        }
        subscription = false;
        url = null;
        for (Link link : feed.getOtherLinks()) {
          if (link.getRel().equals("prev-archive")) {
            String href = URI.create(link.getHref()).getPath();
            url = processed.contains(served.url(href)) ? null : served.url(href);
          }
        }
      }
    }
  }

  private void story(int i, String date, String extra) throws IOException {
    write(String.format("story-%03d.yaml", i), "title: Story " + i + "\npublished: " + date + "\ncontent: Body of story "
        + i + extra + ".\n");
  }

  @Test
  void anArchiveClientEndsWithTheCurrentSetAndTextThroughInsertsBackdatingDeletesAndEdits() throws Exception {
    write("_feed.yaml", "title: Archived\n");
    LocalDate day = LocalDate.of(2020, 1, 1);
    for (int i = 0; i < 120; i++) {
      story(i, day.plusDays(i).toString(), "");
    }
    Instant t = Instant.parse("2025-01-01T00:00:00Z");
    Served served = start(BASE, Clock.fixed(t, ZoneOffset.UTC));
    ArchiveClient client = new ArchiveClient();
    client.poll(served);
    assertThat(client.entries).hasSize(120);

    for (int i = 120; i < 150; i++) { // 30 newer
      story(i, day.plusDays(i).toString(), "");
    }
    served = restart(served, t.plusSeconds(60));
    client.poll(served);

    write("story-140.yaml", "title: Story 140\npublished: 2019-06-01\ncontent: Body of story 140, backdated.\n");
    served = restart(served, t.plusSeconds(120));
    client.poll(served);

    Files.delete(dir.resolve("story-003.yaml")); // on the first, full page
    served = restart(served, t.plusSeconds(180));
    client.poll(served);

    story(7, day.plusDays(7).toString(), ", with a typo fixed"); // also on the first page
    served = restart(served, t.plusSeconds(240));
    client.poll(served);

    Map<String, String> expected = new HashMap<>();
    for (var article : served.gazette().catalog().articles()) {
      expected.put(article.id(), "<p>" + Files.readString(dir.resolve(article.file().getFileName()))
          .lines().filter(l -> l.startsWith("content: ")).findFirst().orElseThrow().substring(9) + "</p>");
    }
    assertThat(expected).hasSize(149);
    assertThat(client.entries).isEqualTo(expected);
    for (Map.Entry<String, String> kept : client.immutable.entrySet()) {
      assertThat(get(served, kept.getKey()).body()).as(kept.getKey()).isEqualTo(kept.getValue());
    }
    assertThat(client.immutable).hasSizeGreaterThan(3);

    // A new subscriber walking the archives never sees the deleted story, and reads the fixed text even
    // once the subscription feed no longer carries the revision.
    ArchiveClient fresh = new ArchiveClient();
    fresh.poll(served);
    assertThat(fresh.entries).isEqualTo(expected);
    served = restart(served, t.plus(Duration.ofDays(40)));
    assertThat(served.gazette().catalog().revised()).isEmpty();
    assertThat(served.gazette().catalog().tombstones()).isEmpty();
    ArchiveClient later = new ArchiveClient();
    later.poll(served);
    assertThat(later.entries).isEqualTo(expected);
  }

  private Served restart(Served served, Instant at) throws IOException {
    stop(served);
    return start(BASE, Clock.fixed(at, ZoneOffset.UTC));
  }

  // ---- WebSub -----------------------------------------------------------------------------------

  @Test
  void editsMadeWhileStoppedAreAnnouncedOncePerChangedFeed() throws Exception {
    Map<String, AtomicInteger> pings = new ConcurrentHashMap<>();
    HttpServer hub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hub.createContext("/", exchange -> {
      String form = URLDecoder.decode(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
          StandardCharsets.UTF_8);
      pings.computeIfAbsent(form.substring(form.indexOf("hub.url=") + 8), k -> new AtomicInteger()).incrementAndGet();
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    hub.start();
    try {
      write("_feed.yaml", "title: Pushed\nhub: http://127.0.0.1:" + hub.getAddress().getPort() + "/\n");
      write("a.yaml", article("A", "2024-01-01", "categories: [World]\n"));
      write("b.yaml", article("B", "2024-01-02", "categories: [Sport]\n"));
      Served served = start();
      try (HubNotifier hubs = served.gazette().announceToHubs(Duration.ofMillis(50), Duration.ZERO)) {
        await(() -> pings.size() == 9);
      }
      stop(served);
      pings.clear();

      write("a.yaml", article("A, edited while stopped", "2024-01-01", "categories: [World]\n"));
      served = start();
      try (HubNotifier hubs = served.gazette().announceToHubs(Duration.ofMillis(50), Duration.ZERO)) {
        await(() -> pings.size() == 6);
      }
      stop(served);
      served = start(); // nothing changed since: nothing to announce
      try (HubNotifier hubs = served.gazette().announceToHubs(Duration.ofMillis(50), Duration.ZERO)) {
        assertThat(pings.keySet()).containsExactlyInAnyOrder("https://news.example.org/feed.xml",
            "https://news.example.org/atom.xml", "https://news.example.org/feed.json",
            "https://news.example.org/categories/world/feed.xml", "https://news.example.org/categories/world/atom.xml",
            "https://news.example.org/categories/world/feed.json");
        assertThat(pings.values()).allMatch(n -> n.get() == 1);
      }
    } finally {
      hub.stop(0);
    }
  }

  // ---- a damaged memory -------------------------------------------------------------------------

  @Test
  void aDamagedMemoryIsRebuiltWithAWarningNeverTrusted() throws Exception {
    write("_feed.yaml", "title: Daily\nid_authority: news.example.org\n");
    write("a.yaml", article("A", "2024-01-01", ""));
    Served served = start();
    String feed = get(served, "/feed.xml").body();
    stop(served);
    byte[] bytes = Files.readAllBytes(state.resolve(Memory.FILE));
    for (int i = 100; i < bytes.length; i += 97) {
      bytes[i] ^= 0x5a;
    }
    Files.write(state.resolve(Memory.FILE), bytes);
    Files.deleteIfExists(state.resolve(Memory.FILE + "-wal"));
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    Logger memoryLog = (Logger) LoggerFactory.getLogger(Memory.class);
    memoryLog.addAppender(log);
    try {
      served = start();
    } finally {
      memoryLog.detachAppender(log);
    }

    assertThat(log.list).map(ILoggingEvent::getFormattedMessage).anyMatch(m -> m.contains("is damaged"));
    assertThat(get(served, "/feed.xml").body()).isEqualTo(feed);
  }

  private static void await(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
      LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
    }
  }
}
