package gazette.site;

import static org.assertj.core.api.Assertions.assertThat;

import gazette.Gazette;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart of the packaged {@code gazette serve} on the same cache and state folders: with nothing
 * changed it serves the last run's bytes from the snapshot at once, identical in every byte, ETag and
 * Last-Modified; with an article edited or deleted, {@code _feed.yaml} edited, or a scheduled article
 * come due, it does not, and its first answer already shows the change.
 */
class SnapshotRestartIT {
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String SERVED = "Snapshot serving the snapshot of the last run";
  private static final String NOT_SERVED = "Snapshot not serving the snapshot of the last run: ";

  @TempDir
  Path dir;
  private Path articles;
  private Path cache;
  private Path state;
  private int port;

  @BeforeEach
  void publication() throws IOException {
    articles = Files.createDirectories(dir.resolve("articles"));
    // As a cache folder is made under a umask of 022 or 077: SQLite's library is kept only where no one else writes.
    cache = Files.createDirectory(dir.resolve("cache"), java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
        java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
    state = dir.resolve("state");
    Files.writeString(articles.resolve("_feed.yaml"), "title: Daily\nbase_url: https://news.example.org/\n");
    for (int i = 1; i <= 3; i++) {
      Files.writeString(articles.resolve("story-" + i + ".yaml"), "title: Story " + i + "\npublished: 2024-01-0" + i
          + "\ncategories: [Town, Topic " + i + "]\ncontent: |\n  Paragraph of story " + i + ".\n");
    }
    Files.createDirectories(dir.resolve("static"));
    Files.writeString(dir.resolve("static/print.css"), "body { color: #333; }\n".repeat(40));
    port = freePort();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void aRestartWithNothingChangedServesTheSameBytesAndValidatorsAtOnce() throws Exception {
    settle();
    List<String> paths = eagerPaths();
    assertThat(paths).contains("/feed.xml", "/atom.xml", "/feed.json", "/", "/print.css", "/categories/town/feed.xml");

    Run first = start();
    first.awaitLog("site rebuilt");
    Map<String, Answer> before = fetchAll(paths);
    first.stop();
    assertThat(first.log()).doesNotContain(SERVED);
    Snapshot.Kept kept = Snapshot.read(snapshot()).orElseThrow();
    assertThat(kept.renditions().keySet()).containsExactlyInAnyOrderElementsOf(paths);
    for (String path : paths) {
      before.get(path).sameAs(kept.renditions().get(path), path);
    }

    Path library;
    try (var copies = Files.walk(cache.resolve("sqlite"))) {
      library = copies.filter(p -> p.getFileName().toString().equals(System.mapLibraryName("sqlitejdbc"))).findFirst()
          .orElseThrow();
    }
    Object libraryInode = Files.getAttribute(library, "unix:ino");

    Run second = start();
    Map<String, Answer> atOnce = fetchAll(paths); // from the first 200 on: the snapshot, or the Site that replaced it
    // SQLite's library is loaded from the copy the first run kept in the cache folder, not written out again.
    String maps = Files.readString(Path.of("/proc/" + second.process.pid() + "/maps"));
    assertThat(maps).contains(library.toString()).doesNotContain("/tmp/sqlite-");
    assertThat(Files.getAttribute(library, "unix:ino")).isEqualTo(libraryInode);
    second.awaitLog("site rebuilt");
    Map<String, Answer> after = fetchAll(paths);
    second.stop();
    assertThat(second.log()).contains(SERVED)
        .contains("the site rendered from the articles is, byte for byte, the snapshot served meanwhile")
        .doesNotContain("differs from the snapshot");
    for (String path : paths) {
      assertThat(atOnce.get(path)).as(path + " while restarting").isEqualTo(before.get(path));
      assertThat(after.get(path)).as(path + " after the articles were read").isEqualTo(before.get(path));
    }
    // The next restart still finds nothing changed: the snapshot the second run wrote says the same. On
    // another port too, since base_url, not the port, names the links.
    port = freePort();
    Run third = start();
    third.awaitLog("site rebuilt");
    third.stop();
    assertThat(third.log()).contains(SERVED).doesNotContain("differs from the snapshot");
  }

  @Test
  void anEditedArticleIsNeverServedFromTheSnapshot() throws Exception {
    primed();
    Files.writeString(articles.resolve("story-2.yaml"), "title: Story two, corrected\npublished: 2024-01-02\n"
        + "content: |\n  Paragraph of story 2.\n");
    Run run = start();
    assertThat(run.firstFeed()).contains("Story two, corrected");
    run.stop();
    assertThat(run.log()).contains(NOT_SERVED + "an article file or _feed.yaml changed").doesNotContain(SERVED);
  }

  @Test
  void anEditedPublicationFileIsNeverServedFromTheSnapshot() throws Exception {
    primed();
    Files.writeString(articles.resolve("_feed.yaml"), "title: Nightly\nbase_url: https://news.example.org/\n");
    Run run = start();
    assertThat(run.firstFeed()).contains("<title>Nightly</title>");
    run.stop();
    assertThat(run.log()).contains(NOT_SERVED + "an article file or _feed.yaml changed").doesNotContain(SERVED);
  }

  @Test
  void withoutABaseUrlARestartOnAnotherPortIsNeverServedFromTheSnapshot() throws Exception {
    Files.writeString(articles.resolve("_feed.yaml"), "title: Daily\n"); // links name http://127.0.0.1:PORT/
    primed();
    port = freePort();
    Run run = start();
    assertThat(run.firstFeed()).contains("http://127.0.0.1:" + port + "/");
    run.stop();
    assertThat(run.log()).contains(NOT_SERVED + "another Gazette build, or other settings").doesNotContain(SERVED);
  }

  @Test
  void aDeletedArticleIsNeverServedFromTheSnapshot() throws Exception {
    primed();
    Files.delete(articles.resolve("story-3.yaml"));
    Run run = start();
    String feed = run.firstFeed();
    assertThat(feed).contains("Story 1").doesNotContain("Story 3");
    run.stop();
    assertThat(run.log()).contains(NOT_SERVED + "an article file or _feed.yaml changed").doesNotContain(SERVED);
  }

  @Test
  void aScheduledArticleThatCameDueIsNeverServedFromTheSnapshot() throws Exception {
    Instant due = Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
    Files.writeString(articles.resolve("tomorrow.yaml"), "title: Scheduled story\npublished: " + due
        + "\ncontent: |\n  Not yet.\n");
    primed();
    Snapshot.Kept kept = Snapshot.read(snapshot()).orElseThrow();
    assertThat(kept.inputs().nextDue()).as("the snapshot knows when it stops being true; " + lastLog).isEqualTo(due);
    assertThat(new String(kept.renditions().get("/feed.xml").identity())).doesNotContain("Scheduled story");
    while (!Instant.now().isAfter(due.plusSeconds(1))) {
      LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
    }
    Run run = start();
    assertThat(run.firstFeed()).contains("Scheduled story");
    run.stop();
    assertThat(run.log()).contains(NOT_SERVED + "a scheduled article or a remembered change has come due")
        .doesNotContain(SERVED);
  }

  /** One run that leaves a snapshot behind, and proof that a restart would serve it. */
  private void primed() throws Exception {
    settle();
    Run run = start();
    run.awaitLog("site rebuilt");
    run.stop();
    assertThat(Snapshot.read(snapshot())).as(run.log()).isPresent();
    lastLog = run.log();
  }

  /** The log of the run that primed the snapshot. */
  private String lastLog;

  /**
   * Waits out the time in which a file's stamp cannot prove its bytes unchanged (the files were just
   * written), so that a restart with nothing changed can trust every stamp.
   */
  private static void settle() {
    LockSupport.parkNanos(Duration.ofMillis(2_200).toNanos());
  }

  /** The paths rendered with the Site (every one the snapshot must keep), as an in-process Gazette renders them. */
  private List<String> eagerPaths() throws IOException {
    URI base = URI.create("https://news.example.org/");
    try (Gazette gazette = Gazette.load(new Gazette.Options(articles, null, base, 60, Clock.systemUTC(), null, null,
        dir.resolve("static")))) {
      return new ArrayList<>(gazette.site().eager().keySet());
    }
  }

  private Path snapshot() throws IOException {
    try (var files = Files.list(cache)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".site")).findFirst().orElseThrow();
    }
  }

  /** What a client got for a path, plain and gzipped. */
  record Answer(int status, byte[] identity, byte[] gzip, String etag, String gzipEtag, String lastModified,
      String location) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Answer a && status == a.status && Arrays.equals(identity, a.identity)
          && Arrays.equals(gzip, a.gzip) && etag.equals(a.etag) && gzipEtag.equals(a.gzipEtag)
          && lastModified.equals(a.lastModified) && java.util.Objects.equals(location, a.location);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(identity);
    }

    @Override
    public String toString() {
      return status + " " + etag + " " + lastModified + " (" + identity.length + " bytes)";
    }

    /** The same response as a rendition kept in the snapshot. */
    void sameAs(Rendition rendition, String path) {
      assertThat(status).as(path).isEqualTo(rendition.status());
      assertThat(identity).as(path).isEqualTo(rendition.identity());
      assertThat(etag).as(path).isEqualTo(rendition.etag());
      assertThat(lastModified).as(path)
          .isEqualTo(java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(rendition.lastModified()
              .atZone(java.time.ZoneOffset.UTC)));
      if (rendition.gzip() != null) {
        assertThat(gzip).as(path + " gzip").isEqualTo(rendition.gzip());
      }
    }
  }

  private Map<String, Answer> fetchAll(List<String> paths) throws Exception {
    Map<String, Answer> answers = new LinkedHashMap<>();
    for (String path : paths) {
      answers.put(path, fetch(path));
    }
    return answers;
  }

  /** A path as a client gets it, waiting out the 503 of a start. */
  private Answer fetch(String path) throws Exception {
    HttpResponse<byte[]> plain = get(path, false);
    HttpResponse<byte[]> gzip = get(path, true);
    return new Answer(plain.statusCode(), plain.body(), gzip.body(), header(plain, "etag"), header(gzip, "etag"),
        header(plain, "last-modified"), plain.headers().firstValue("location").orElse(null));
  }

  private HttpResponse<byte[]> get(String path, boolean gzip) throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (true) {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(10));
      if (gzip) {
        request.header("Accept-Encoding", "gzip");
      }
      try {
        HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 503) {
          return response;
        }
        assertThat(response.headers().firstValue("retry-after")).contains("1");
      } catch (java.net.ConnectException notYet) {
        // not listening yet
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(path + " still not served after " + DEADLINE);
      }
      LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
    }
  }

  private static String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElse("");
  }

  private Run start() throws IOException {
    Path log = Files.createTempFile(dir, "serve-", ".log");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process process = new ProcessBuilder(java, "-jar", Path.of("target/gazette.jar").toAbsolutePath().toString(),
        "serve", "--articles", articles.toString(), "--port", String.valueOf(port), "--cache-dir", cache.toString(),
        "--state-dir", state.toString(), "--access-log", "off")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new Run(process, log);
  }

  /** One {@code gazette serve} process and its output. */
  private final class Run {
    private final Process process;
    private final Path log;

    Run(Process process, Path log) {
      this.process = process;
      this.log = log;
    }

    String log() throws IOException {
      return Files.readString(log);
    }

    /** The body of the first 200 on /feed.xml. */
    String firstFeed() throws Exception {
      return new String(get("/feed.xml", false).body(), java.nio.charset.StandardCharsets.UTF_8);
    }

    void awaitLog(String line) throws Exception {
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      while (!log().contains(line)) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new AssertionError("no \"" + line + "\" in the log:\n" + log());
        }
        LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
      }
    }

    /** Stops it as an operator does (SIGTERM), which writes the snapshot. */
    void stop() throws Exception {
      process.destroy();
      if (!process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("did not stop:\n" + log());
      }
      assertThat(Optional.of(process.exitValue())).as(log()).contains(143);
    }
  }
}
