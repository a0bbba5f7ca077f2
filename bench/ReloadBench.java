import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Time from an article file being written to /feed.xml serving a new ETag, over many edits, with N
 * synthetic articles. Baseline, in the same run: a fresh process started on the edited folder, timed
 * from launch to its first 200 on /feed.xml (what a publisher without live reload needs).
 * Usage: java -cp bench bench/ReloadBench.java JAR N EDITS
 */
public class ReloadBench {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    int edits = Integer.parseInt(args[2]);
    Path dir = Files.createTempDirectory("gazette-reload-" + n + "-");
    Synthetic.write(dir, n);
    String content = Synthetic.sampleContent();
    int newest = n - 1;

    List<Double> reload = new ArrayList<>();
    List<Double> work = new ArrayList<>();
    int extraReloads = 0;
    int port = freePort();
    Path log = Files.createTempFile("gazette-bench-", ".log");
    Process server = start(jar, dir, port, cacheDir(dir), log);
    try {
      long startedMs = awaitFirst200(port, server);
      System.out.printf("N=%d: server up in %d ms%n", n, startedMs);
      String etag = etag(port).orElseThrow();
      int expected = -1; // "site rebuilt" lines once the edit before was reloaded
      for (int edit = -5; edit < edits; edit++) { // five warm-up edits are not counted
        String text = Synthetic.article(newest, " (edit " + edit + ")", content);
        // Quiet first: a second reload of the edit before (one can only follow 500 ms of quiet) must show here,
        // not be taken for this edit's.
        int rebuilt = quiet(log);
        if (expected >= 0 && rebuilt > expected && edit > 0) {
          extraReloads += rebuilt - expected; // the edit before was reloaded more than once
        }
        long t0 = System.nanoTime();
        Files.writeString(dir.resolve(Synthetic.name(newest)), text);
        String next;
        while ((next = etag(port).orElse(etag)).equals(etag)) {
          LockSupport.parkNanos(2_000_000); // 2 ms: fine enough, and leaves the server its CPU
          if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(30)) {
            throw new IllegalStateException("no new ETag 30 s after edit " + edit);
          }
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        // The server logs each reload's own work (reading, then rendering) just after it swaps the Site in.
        List<Double> took;
        while ((took = rebuilt(log)).size() <= rebuilt) {
          LockSupport.parkNanos(2_000_000);
          if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(30)) {
            throw new IllegalStateException("no \"site rebuilt\" line 30 s after edit " + edit);
          }
        }
        if (edit >= 0) {
          reload.add(ms);
          // The first reload to finish after the write is the one that read it; a later line (none, unless the
          // folder was seen changing twice) would be another reload's.
          work.add(took.get(rebuilt));
        }
        expected = rebuilt + 1;
        etag = next;
      }
      if (edits > 0) {
        extraReloads += Math.max(0, quiet(log) - expected);
      }
    } finally {
      stop(server);
    }

    List<Double> restart = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      int p = freePort();
      long t0 = System.nanoTime();
      Process again = start(jar, dir, p);
      try {
        awaitFirst200(p, again);
        restart.add((System.nanoTime() - t0) / 1e6);
      } finally {
        stop(again);
      }
    }

    Collections.sort(reload);
    Collections.sort(work);
    Collections.sort(restart);
    double p50 = percentile(reload, 50);
    double p95 = percentile(reload, 95);
    double restartMedian = percentile(restart, 50);
    System.out.printf("N=%d: write -> new ETag at /feed.xml over %d edits: p50 %.1f ms, p95 %.1f ms, max %.1f ms%n",
        n, reload.size(), p50, p95, reload.get(reload.size() - 1));
    System.out.printf("N=%d: the reload itself (read and render, as the server logs it; after the %d ms of quiet"
        + " it waits for): p50 %.0f ms, p95 %.0f ms, max %.0f ms%n", n, QUIET_MS, percentile(work, 50),
        percentile(work, 95), work.get(work.size() - 1));
    System.out.printf("N=%d: reloads beyond one per measured edit: %d%n", n, extraReloads);
    System.out.printf("N=%d: baseline restart (parse cache from the run before) to first 200 (median of 3): %.0f ms; reload p50 / restart = %.4f, p95 / restart = %.4f%n",
        n, restartMedian, p50 / restartMedian, p95 / restartMedian);
    deleteTree(dir);
    for (Path kept : List.of(cacheDir(dir), stateDir(cacheDir(dir)))) {
      if (Files.exists(kept)) {
        deleteTree(kept);
      }
    }
  }

  /** How long Gazette waits for the folder to be still before it reloads (Gazette.QUIET). */
  static final int QUIET_MS = 500;
  private static final Pattern REBUILT = Pattern.compile("site rebuilt: .*; read (\\d+) ms \\(\\d+ parsed\\), rendered (\\d+) ms");

  /** Waits until twice the quiet Gazette waits for passes with no new "site rebuilt" line; the number of lines then. */
  static int quiet(Path log) throws IOException, InterruptedException {
    int seen = rebuilt(log).size();
    while (true) {
      Thread.sleep(QUIET_MS * 2L);
      int now = rebuilt(log).size();
      if (now == seen) {
        return now;
      }
      seen = now;
    }
  }

  /** Each "site rebuilt" line of a server's log so far: the reload's read plus render time, in ms. */
  static List<Double> rebuilt(Path log) throws IOException {
    List<Double> took = new ArrayList<>();
    Matcher m = REBUILT.matcher(Files.readString(log));
    while (m.find()) {
      took.add(Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2)));
    }
    return took;
  }

  static double percentile(List<Double> sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  /** Starts Gazette with its parse cache beside the articles folder (see {@link #cacheDir}). */
  static Process start(Path jar, Path dir, int port) throws IOException {
    return start(jar, dir, port, cacheDir(dir));
  }

  /** Where a benchmark's Gazette keeps its parse cache: beside its articles, never in the user's cache. */
  static Path cacheDir(Path articles) {
    return articles.resolveSibling(articles.getFileName() + "-cache");
  }

  /** The publication memory goes with the parse cache: a cold start has neither, a warm one both. */
  static Path stateDir(Path cacheDir) {
    return cacheDir.resolveSibling(cacheDir.getFileName() + "-state");
  }

  static Process start(Path jar, Path dir, int port, Path cacheDir) throws IOException {
    return start(jar, dir, port, cacheDir, Files.createTempFile("gazette-bench-", ".log"));
  }

  static Process start(Path jar, Path dir, int port, Path cacheDir, Path log) throws IOException {
    List<String> command = new ArrayList<>(List.of("java"));
    String options = System.getenv("GAZETTE_JAVA_OPTS");
    if (options != null && !options.isBlank()) {
      command.addAll(List.of(options.trim().split("\\s+")));
    }
    command.addAll(List.of("-jar", jar.toString(), "serve", "--articles", dir.toString(), "--port", String.valueOf(port),
        "--cache-dir", cacheDir.toString(), "--state-dir", stateDir(cacheDir).toString()));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  static long awaitFirst200(int port, Process process) throws InterruptedException {
    long t0 = System.nanoTime();
    while (true) {
      try {
        HttpResponse<Void> r = CLIENT.send(HttpRequest.newBuilder(feed(port)).build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return (System.nanoTime() - t0) / 1_000_000;
        }
      } catch (IOException e) {
        // not listening yet
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("gazette exited with " + process.exitValue());
      }
      if (System.nanoTime() - t0 > TimeUnit.MINUTES.toNanos(5)) {
        throw new IllegalStateException("no 200 after 5 minutes");
      }
      // 10 ms: the server listens from its start and answers 503 until ready, so polling faster
      // would take CPU from the start being measured; 10 ms is nothing next to a start of seconds.
      LockSupport.parkNanos(10_000_000);
    }
  }

  static Optional<String> etag(int port) throws IOException, InterruptedException {
    HttpResponse<Void> r = CLIENT.send(HttpRequest.newBuilder(feed(port)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.discarding());
    return r.headers().firstValue("ETag");
  }

  static URI feed(int port) {
    return URI.create("http://127.0.0.1:" + port + "/feed.xml");
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Collections.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
