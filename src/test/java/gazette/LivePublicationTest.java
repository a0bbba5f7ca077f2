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
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The served feed follows the folder: every kind of change shows up without a restart. */
class LivePublicationTest {
  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private static final Pattern RELOADS = Pattern.compile("\"reloads\" : (\\d+)");

  @TempDir
  Path dir;

  private Gazette gazette;
  private FeedServer server;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    Files.writeString(dir.resolve("_feed.yaml"), "title: Live\n");
    write("first.yaml", article("First", "2024-01-01"));
    gazette = Gazette.load(new Gazette.Options(dir, URI.create("https://news.example.org/"),
        URI.create("http://127.0.0.1/"), 60, Clock.systemUTC()));
    server = gazette.serve("127.0.0.1", 0);
    gazette.watch();
    // watch() reads the folder once more, for files saved before it began: counting reloads starts after.
    await("the rescan that starts watching", () -> reloads() == 2);
  }

  @AfterEach
  void stop() {
    server.close();
    gazette.close();
  }

  private static String article(String title, String published) {
    return "title: " + title + "\npublished: " + published + "\ncontent: Text of " + title + ".\n";
  }

  private void write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private List<String> titles() throws Exception {
    Channel channel = (Channel) new WireFeedInput().build(new StringReader(get("/feed.xml").body()));
    return channel.getItems().stream().map(Item::getTitle).toList();
  }

  private long reloads() throws Exception {
    Matcher m = RELOADS.matcher(get("/health").body());
    assertThat(m.find()).isTrue();
    return Long.parseLong(m.group(1));
  }

  /** Polls a condition until it holds or the deadline passes. */
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

  @Test
  void createEditDeleteAndRenameAppearInTheFeed() throws Exception {
    write("second.yaml", article("Second", "2024-01-02"));
    await("created", () -> titles().equals(List.of("Second", "First")));

    write("second.yaml", article("Second, edited", "2024-01-02"));
    await("edited", () -> titles().equals(List.of("Second, edited", "First")));

    Files.move(dir.resolve("second.yaml"), dir.resolve("renamed.yaml"));
    await("renamed", () -> get("/feed.xml").body().contains("https://news.example.org/articles/renamed"));
    assertThat(titles()).containsExactly("Second, edited", "First");
    HttpResponse<String> old = get("/articles/second");
    assertThat(old.statusCode()).isEqualTo(301);
    assertThat(old.headers().firstValue("Location")).contains("https://news.example.org/articles/renamed");

    Files.delete(dir.resolve("renamed.yaml"));
    await("deleted", () -> titles().equals(List.of("First")));
    assertThat(get("/articles/renamed").statusCode()).isEqualTo(410);
    assertThat(get("/articles/second").statusCode()).isEqualTo(410);
  }

  @Test
  void fileInANewSubfolderIsPublished() throws Exception {
    write("2024/01/deep.yaml", article("Deep", "2024-01-03"));

    await("subfolder article", () -> titles().contains("Deep"));
    write("2024/01/deep.yaml", article("Deep, edited", "2024-01-03"));
    await("subfolder edit", () -> titles().contains("Deep, edited"));
  }

  @Test
  void saveThroughATempFileAndRenameIsOneEditAndTheTempFileIsNeverAnArticle() throws Exception {
    Path temp = dir.resolve(".first.yaml.tmp");
    Files.writeString(temp, article("First, saved atomically", "2024-01-01"));
    write("first.yaml~", article("Backup", "2024-01-01"));

    Files.move(temp, dir.resolve("first.yaml"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

    await("atomic save", () -> titles().equals(List.of("First, saved atomically")));
    assertThat(gazette.catalog().problems()).isEmpty();
  }

  @Test
  void fiftyFilesAtOnceAreOneBurst() throws Exception {
    long before = reloads();

    for (int i = 0; i < 50; i++) {
      write("batch-" + i + ".yaml", article("Batch " + i, "2023-06-" + String.format("%02d", 1 + i % 28)));
    }

    await("all fifty", () -> gazette.catalog().articles().size() == 51);
    assertThat(titles()).hasSize(50).contains("First");
    assertThat(reloads() - before).as("reloads for one burst of 50 files").isEqualTo(1L);
  }

  @Test
  void threeSavesWithinTheQuietWindowAreOneReload() throws Exception {
    long before = reloads();

    for (int save = 1; save <= 3; save++) {
      write("first.yaml", article("First, save " + save, "2024-01-01"));
      LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
    }

    await("the last save", () -> titles().equals(List.of("First, save 3")));
    LockSupport.parkNanos(Gazette.QUIET.multipliedBy(2).toNanos()); // a reload that would follow
    assertThat(reloads() - before).isEqualTo(1L);
  }

  @Test
  void aCopyOfManyFilesIsNeverServedHalfDone() throws Exception {
    Path source = Files.createTempDirectory("copy-source");
    for (int i = 0; i < 30; i++) {
      Files.writeString(source.resolve("copied-" + i + ".yaml"), article("Copied " + i, "2023-05-" + String.format("%02d", 1 + i % 28)));
    }
    java.util.Set<Integer> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
    java.util.concurrent.atomic.AtomicBoolean copying = new java.util.concurrent.atomic.AtomicBoolean(true);
    Thread watcher = new Thread(() -> {
      while (copying.get()) {
        seen.add(gazette.catalog().articles().size());
        LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
      }
    });
    watcher.start();

    // A copy slower than the old 150 ms cap on a burst: one file every 20 ms, 0.6 s in all.
    for (int i = 0; i < 30; i++) {
      Files.copy(source.resolve("copied-" + i + ".yaml"), dir.resolve("copied-" + i + ".yaml"));
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
    await("the whole copy", () -> gazette.catalog().articles().size() == 31);
    LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    copying.set(false);
    watcher.join();

    assertThat(seen).as("article counts ever published").containsExactlyInAnyOrder(1, 31);
  }

  @Test
  void brokenEditKeepsTheLastGoodVersionUntilFixed() throws Exception {
    write("first.yaml", "title: First, broken\npublished: someday\ncontent: x\n");
    await("problem listed", () -> get("/health").body().contains("first.yaml:2:12: published: \\\"someday\\\" is not a date"));
    assertThat(titles()).containsExactly("First");

    write("first.yaml", article("First, fixed", "2024-01-01"));
    await("fix published", () -> titles().equals(List.of("First, fixed")));
    assertThat(get("/health").body()).contains("\"problems\" : [ ]");
  }

  @Test
  void brokenPublicationKeepsTheLastGoodOne() throws Exception {
    Files.writeString(dir.resolve("_feed.yaml"), "title: [\n");
    await("problem listed", () -> get("/health").body().contains("_feed.yaml:"));

    assertThat(get("/feed.xml").body()).contains("<title>Live</title>");
    Files.writeString(dir.resolve("_feed.yaml"), "title: Live again\n");
    await("fixed publication", () -> get("/feed.xml").body().contains("<title>Live again</title>"));
  }

  @Test
  void unchangedSaveKeepsTheEtagAndLastModified() throws Exception {
    HttpResponse<String> before = get("/feed.xml");
    long reloadsBefore = reloads();

    write("first.yaml", article("First", "2024-01-01"));
    await("a reload ran", () -> reloads() > reloadsBefore);

    HttpResponse<String> after = get("/feed.xml");
    assertThat(after.headers().firstValue("ETag")).isEqualTo(before.headers().firstValue("ETag"));
    assertThat(after.headers().firstValue("Last-Modified")).isEqualTo(before.headers().firstValue("Last-Modified"));
  }

  @Test
  void scheduledArticleAppearsOnTimeWithoutAFileEvent() throws Exception {
    Instant due = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
    write("scheduled.yaml", article("Scheduled", due.toString()));
    await("a reload saw the file", () -> gazette.catalog().nextDue().isPresent());
    String etag = get("/feed.xml").headers().firstValue("ETag").orElseThrow();
    assertThat(titles()).containsExactly("First");

    await("scheduled article published", () -> titles().contains("Scheduled"));

    assertThat(Instant.now()).isAfterOrEqualTo(due);
    assertThat(get("/feed.xml").headers().firstValue("ETag")).isNotEqualTo(java.util.Optional.of(etag));
  }

  @Test
  void draftIsPublishedWhenFlippedToFalse() throws Exception {
    write("draft.yaml", article("Draft", "2024-01-05") + "draft: true\n");
    await("draft read", () -> reloads() > 1 && gazette.catalog().problems().isEmpty());
    assertThat(titles()).containsExactly("First");

    write("draft.yaml", article("Draft", "2024-01-05") + "draft: false\n");
    await("draft published", () -> titles().equals(List.of("Draft", "First")));
  }

  @Test
  void pollersAlwaysSeeOneWholeConsistentSite() throws Exception {
    int articles = 5;
    for (int i = 0; i < articles; i++) {
      write("v-" + i + ".yaml", versioned(i, 0));
    }
    await("initial", () -> titles().size() == articles + 1);
    AtomicBoolean running = new AtomicBoolean(true);
    List<String> failures = new CopyOnWriteArrayList<>();
    Map<Integer, Integer> newestSeen = new ConcurrentHashMap<>();
    ExecutorService pollers = Executors.newFixedThreadPool(4);
    for (int t = 0; t < 4; t++) {
      String path = t % 2 == 0 ? "/feed.xml" : "/atom.xml";
      pollers.execute(() -> {
        int[] seen = new int[articles];
        while (running.get()) {
          try {
            HttpResponse<String> response = get(path);
            String body = response.body();
            failures.addAll(consistency(body, response.headers().firstValue("ETag").orElse(""), articles + 1, seen));
          } catch (Exception e) {
            failures.add(path + ": " + e);
          }
        }
      });
    }

    for (int version = 1; version <= 40; version++) {
      int which = version % articles;
      write("v-" + which + ".yaml", versioned(which, version));
      newestSeen.put(which, version);
      LockSupport.parkNanos(Duration.ofMillis(15).toNanos());
    }
    await("last versions served", () -> {
      String body = get("/feed.xml").body();
      return newestSeen.entrySet().stream().allMatch(e -> body.contains("Article " + e.getKey() + " v" + e.getValue() + "<"));
    });
    running.set(false);
    pollers.shutdown();
    assertThat(pollers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

    assertThat(failures).isEmpty();
  }

  private static String versioned(int i, int version) {
    return "title: Article " + i + " v" + version + "\npublished: 2024-02-0" + (i + 1)
        + "\ncontent: Body of article " + i + " at v" + version + ".\n";
  }

  private static final Pattern ENTRY_TITLE = Pattern.compile("<title(?: type=\"text\")?>Article (\\d) v(\\d+)</title>");
  private static final Pattern ENTRY_BODY = Pattern.compile("Body of article (\\d) at v(\\d+)\\.");

  /**
   * What a single response must satisfy: it parses as a feed, its ETag is the hash of exactly these
   * bytes, it has every entry, each entry's title and body are of one version, and no article's
   * version goes back in time for this poller.
   */
  private static List<String> consistency(String body, String etag, int entries, int[] seen) throws Exception {
    List<String> failures = new ArrayList<>();
    Object feed = new WireFeedInput().build(new StringReader(body));
    int count = feed instanceof Channel channel ? channel.getItems().size()
        : ((com.rometools.rome.feed.atom.Feed) feed).getEntries().size();
    if (count != entries) {
      failures.add("expected " + entries + " entries, got " + count);
    }
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String expectedEtag = "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 27) + "\"";
    if (!expectedEtag.equals(etag)) {
      failures.add("ETag " + etag + " is not the hash of the body it came with");
    }
    Map<Integer, Integer> titles = versions(ENTRY_TITLE.matcher(body));
    Map<Integer, Integer> bodies = versions(ENTRY_BODY.matcher(body));
    if (!titles.equals(bodies)) {
      failures.add("titles " + titles + " and bodies " + bodies + " come from different states");
    }
    for (Map.Entry<Integer, Integer> e : titles.entrySet()) {
      if (e.getValue() < seen[e.getKey()]) {
        failures.add("article " + e.getKey() + " went back from v" + seen[e.getKey()] + " to v" + e.getValue());
      }
      seen[e.getKey()] = e.getValue();
    }
    return failures;
  }

  private static Map<Integer, Integer> versions(Matcher m) {
    Map<Integer, Integer> out = new java.util.TreeMap<>();
    while (m.find()) {
      Integer previous = out.put(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
      if (previous != null && previous != Integer.parseInt(m.group(2))) {
        out.put(-1, 0); // the same article twice in one body, at two versions: never equal to the other map
      }
    }
    return out;
  }
}
