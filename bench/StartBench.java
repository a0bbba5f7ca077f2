import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Start-up: Gazette from process start to its first 200 on /feed.xml, against Hugo building the same
 * articles with only the home RSS output, alternating Gazette and Hugo for a number of pairs. Around each
 * Hugo build Gazette starts three times: cold (no parse cache, no memory, a first start), restarted with
 * nothing changed (the cache, memory and snapshot its previous run left: it serves the snapshot), and
 * restarted with one article file changed (the snapshot no longer holds, the parse cache does for the
 * other files). Reports each median ratio Gazette/Hugo (min, max), which path each restart took, Gazette's
 * peak resident memory (VmHWM at its first 200) and its heap in use after a full GC.
 *
 * <p>The Java that runs Gazette is {@code $GAZETTE_JAVA} (default: java on PATH). With {@code GAZETTE_AOT=1}
 * one unmeasured training run (a restart that serves the snapshot, then reads and renders every article)
 * records an AOT cache ({@code -XX:AOTCacheOutput}, JDK 25 and later) that every measured run then uses
 * ({@code -XX:AOTCache}); with {@code GAZETTE_CDS=1} it records a dynamic class-data sharing archive instead
 * ({@code -XX:ArchiveClassesAtExit}, what {@code bin/gazette} keeps on Java 17 to 24) and every measured run
 * uses that ({@code -XX:SharedArchiveFile}).
 *
 * <p>With {@code FLOOR_JAR} naming a jar of {@code UndertowFloor}, each pair also times that floor (Undertow
 * from Gazette's jar answering one fixed body, on the same Java with the same options and an archive or cache of
 * its own made the same way) and reports it against Hugo and Gazette's restart with nothing changed against it.
 * Usage: java -cp CLASSES StartBench JAR N PAIRS [JVM options for Gazette...]
 */
public class StartBench {
  static final String JAVA = System.getenv().getOrDefault("GAZETTE_JAVA", "java");

  /** Every file and folder a run makes goes in here, and all of it goes when the run ends, however it ends. */
  static Path scratch;

  public static void main(String[] args) throws Exception {
    scratch = Files.createTempDirectory("gazette-start-");
    try {
      measure(args);
    } finally {
      ReloadBench.deleteTree(scratch);
    }
  }

  static Path tempDir(String prefix) throws IOException {
    return Files.createTempDirectory(scratch, prefix);
  }

  static Path tempFile(String prefix, String suffix) throws IOException {
    return Files.createTempFile(scratch, prefix, suffix);
  }

  static void measure(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    int pairs = Integer.parseInt(args[2]);
    List<String> jvm = new ArrayList<>(List.of(args).subList(3, args.length));
    Path gazetteDir = tempDir("gazette-start-" + n + "-");
    Path hugoDir = tempDir("hugo-start-" + n + "-");
    Synthetic.write(gazetteDir, n);
    Synthetic.writeHugo(hugoDir, n, 50);
    Thread.sleep(2_100); // a stamp read within 2 s of a write proves nothing: let the files settle, as they have on a server

    // Warm: the cache, memory and snapshot the run before left, as on a restart. Two unmeasured runs make
    // them: the first reads every article, the second starts from its cache (and, with GAZETTE_AOT=1,
    // records the AOT cache every measured run uses).
    Path warmCache = tempDir("gazette-start-cache-");
    primer(jvm, jar, gazetteDir, warmCache, List.of());
    if ("1".equals(System.getenv("GAZETTE_AOT"))) {
      Path aot = tempDir("gazette-start-aot-").resolve("gazette.aot");
      primer(jvm, jar, gazetteDir, warmCache, List.of("-XX:AOTCacheOutput=" + aot));
      if (!Files.isRegularFile(aot)) {
        throw new IllegalStateException("the training run wrote no AOT cache at " + aot + " (a Java before 25?)");
      }
      jvm.add(0, "-XX:AOTCache=" + aot);
      // -XX:AOTMode=on refuses to start unless the cache is used: a run that ignored it must not be reported as using it.
      List<String> strict = new ArrayList<>(List.of("-XX:AOTMode=on"));
      strict.addAll(jvm);
      mustStart(strict, jar, "this Java does not use the AOT cache at " + aot);
    } else if ("1".equals(System.getenv("GAZETTE_CDS"))) {
      // What bin/gazette does on Java 17 to 24: a dynamic class-data sharing archive recorded as one run exits.
      Path jsa = tempDir("gazette-start-cds-").resolve("gazette.jsa");
      primer(jvm, jar, gazetteDir, warmCache, List.of("-XX:ArchiveClassesAtExit=" + jsa, "-Xlog:cds*=off"));
      // -Xshare:on refuses to start unless the archive maps: a run that ignored it must not be reported as using it.
      mustStart(List.of("-Xshare:on", "-XX:SharedArchiveFile=" + jsa, "-Xlog:cds*=off"), jar,
          "the training run wrote no class-data archive this Java maps at " + jsa);
      jvm.addAll(0, List.of("-XX:SharedArchiveFile=" + jsa, "-Xlog:cds*=off"));
    } else {
      primer(jvm, jar, gazetteDir, warmCache, List.of());
    }

    // The floor: Undertow alone, on the same Java with an archive or cache of its own made the same way.
    String floorJar = System.getenv("FLOOR_JAR");
    List<String> floorJvm = null;
    try {
      floorJvm = floorJar == null ? null : floorOptions(List.of(args).subList(3, args.length), jar, floorJar);
    } catch (IllegalStateException e) {
      System.out.printf("N=%d: the floor's training failed, and it is left out of this run: %s%n", n, e.getMessage());
    }

    List<Double> cold = new ArrayList<>();
    List<Double> warm = new ArrayList<>();
    List<Double> changed = new ArrayList<>();
    List<Double> hugo = new ArrayList<>();
    List<Double> coldRatios = new ArrayList<>();
    List<Double> warmRatios = new ArrayList<>();
    List<Double> changedRatios = new ArrayList<>();
    List<Double> floor = new ArrayList<>();
    List<Double> floorRatios = new ArrayList<>();
    int fromSnapshot = 0;
    int changedFromSnapshot = 0;
    long peakCold = 0;
    long peakWarm = 0;
    String heapCold = "";
    String heapWarm = "";
    for (int pair = 0; pair < pairs; pair++) {
      Path coldCache = tempDir("gazette-start-cold-");
      Run c = run(jvm, jar, gazetteDir, coldCache, pair == pairs - 1, n, false);
      ReloadBench.deleteTree(coldCache);
      if (Files.exists(ReloadBench.stateDir(coldCache))) {
        ReloadBench.deleteTree(ReloadBench.stateDir(coldCache));
      }
      if (c == null) {
        return;
      }
      double h = hugo(hugoDir);
      Run w = run(jvm, jar, gazetteDir, warmCache, pair == pairs - 1, n, true);
      if (w == null) {
        return;
      }
      // One article edited, as a writer does between two restarts.
      Path edited = gazetteDir.resolve(Synthetic.name(pair % n));
      Files.writeString(edited, Files.readString(edited) + "  Edited before restart " + (pair + 1) + ".\n");
      Run ch = run(jvm, jar, gazetteDir, warmCache, false, n, true);
      if (ch == null) {
        return;
      }
      if (floorJvm != null) {
        try {
          double f = floor(floorJvm, jar, floorJar);
          floor.add(f);
          floorRatios.add(f / h);
        } catch (IllegalStateException e) {
          System.out.printf("N=%d: the floor failed, and is left out of this run: %s%n", n, e.getMessage());
          floorJvm = null;
        }
      }
      fromSnapshot += w.snapshot() ? 1 : 0;
      changedFromSnapshot += ch.snapshot() ? 1 : 0;
      cold.add(c.ms());
      warm.add(w.ms());
      changed.add(ch.ms());
      hugo.add(h);
      coldRatios.add(c.ms() / h);
      warmRatios.add(w.ms() / h);
      changedRatios.add(ch.ms() / h);
      peakCold = Math.max(peakCold, c.peakRssKb());
      peakWarm = Math.max(peakWarm, w.peakRssKb());
      if (pair == pairs - 1) {
        heapCold = c.heap();
        heapWarm = w.heap();
      }
      System.out.printf("N=%d pair %d: Gazette cold %.0f ms, Hugo %.0f ms, Gazette restart with nothing changed %.0f ms%s,"
          + " with one file changed %.0f ms (to first 200; Hugo to build)%n", n, pair + 1, c.ms(), h, w.ms(),
          w.snapshot() ? " (snapshot)" : " (no snapshot)", ch.ms());
      if (floorJvm != null && floor.size() > pair) {
        System.out.printf("N=%d pair %d: Undertow alone answering one fixed body %.0f ms to first 200%n", n, pair + 1,
            floor.get(pair));
      }
    }
    if (!Files.exists(hugoDir.resolve("public").resolve("index.xml"))) {
      throw new IllegalStateException("hugo wrote no index.xml");
    }
    System.out.printf("N=%d: Gazette/Hugo over %d pairs on %s%s: cold start %s; restart with nothing changed %s;"
        + " restart with one file changed %s. Medians: Gazette cold %.0f ms, unchanged %.0f ms, one changed %.0f ms,"
        + " Hugo %.0f ms. Restarts served from the snapshot: %d of %d unchanged, %d of %d changed.%n",
        n, pairs, JAVA, archive(jvm),
        spread(coldRatios), spread(warmRatios), spread(changedRatios), median(cold), median(warm), median(changed),
        median(hugo), fromSnapshot, pairs, changedFromSnapshot, pairs);
    if (floorJvm != null) {
      System.out.printf("N=%d: the floor, Undertow alone answering one fixed body (no article, memory or command line),"
          + " on the same Java%s: median %.0f ms to first 200, %s of Hugo; Gazette's restart with nothing changed is %s"
          + " of this floor%n", n, archive(floorJvm), median(floor), spread(floorRatios), spread(ratios(warm, floor)));
    }
    System.out.printf("N=%d: Gazette peak RSS cold %d MiB, warm %d MiB; cold %s; warm %s%n",
        n, peakCold / 1024, peakWarm / 1024, heapCold, heapWarm);
  }

  /** Runs {@code gazette --version} with these JVM options, and fails with {@code failure} unless it exits 0. */
  static void mustStart(List<String> options, Path jar, String failure) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(JAVA));
    command.addAll(options);
    command.addAll(List.of("-jar", jar.toString(), "--version"));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String said = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new IllegalStateException(failure + ": " + said);
    }
  }

  /** " with an AOT cache", " with a class-data archive" or "", as JVM options say. */
  static String archive(List<String> options) {
    return options.stream().anyMatch(o -> o.startsWith("-XX:AOTCache=")) ? " with an AOT cache"
        : options.stream().anyMatch(o -> o.startsWith("-XX:SharedArchiveFile=")) ? " with a class-data archive" : "";
  }

  /** Each of {@code a} divided by the one of {@code b} measured in the same pair. */
  static List<Double> ratios(List<Double> a, List<Double> b) {
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      ratios.add(a.get(i) / b.get(i));
    }
    return ratios;
  }

  /**
   * The JVM options of the floor's measured runs: Gazette's, with an AOT cache or class-data archive made by one
   * training run of the floor itself when Gazette's runs have one ({@code GAZETTE_AOT}, {@code GAZETTE_CDS}).
   */
  static List<String> floorOptions(List<String> base, Path jar, String floorJar) throws Exception {
    List<String> options = new ArrayList<>(base);
    if ("1".equals(System.getenv("GAZETTE_AOT"))) {
      Path aot = tempDir("gazette-start-floor-").resolve("floor.aot");
      String said = floorTraining(options, jar, floorJar, List.of("-XX:AOTCacheOutput=" + aot));
      if (!Files.isRegularFile(aot)) {
        throw new IllegalStateException("the floor's training run wrote no AOT cache at " + aot + ": " + said);
      }
      options.add(0, "-XX:AOTCache=" + aot);
      // -XX:AOTMode=on refuses to start unless the cache is used: a floor that ignored it must not be reported as using it.
      floorTraining(options, jar, floorJar, List.of("-XX:AOTMode=on"));
    } else if ("1".equals(System.getenv("GAZETTE_CDS"))) {
      Path jsa = tempDir("gazette-start-floor-").resolve("floor.jsa");
      floorTraining(options, jar, floorJar, List.of("-XX:ArchiveClassesAtExit=" + jsa, "-Xlog:cds*=off"));
      options.addAll(0, List.of("-XX:SharedArchiveFile=" + jsa, "-Xlog:cds*=off"));
      // -Xshare:on refuses to start unless the archive maps: a floor that ignored it must not be reported as using it.
      floorTraining(options, jar, floorJar, List.of("-Xshare:on"));
    }
    return options;
  }

  /** An unmeasured run of the floor: started, asked once, stopped (a training run writes its cache as it exits). */
  static String floorTraining(List<String> options, Path jar, String floorJar, List<String> extra) throws Exception {
    List<String> command = new ArrayList<>(extra);
    command.addAll(options);
    int port = ReloadBench.freePort();
    Path log = tempFile("gazette-start-floor-", ".log");
    Process process = floorProcess(command, jar, floorJar, port, log);
    try {
      ReloadBench.awaitFirst200(port, process);
    } catch (IllegalStateException e) {
      throw new IllegalStateException("the floor did not start with " + extra + ": " + Files.readString(log), e);
    } finally {
      process.destroy();
      if (!process.waitFor(300, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
    return Files.readString(log);
  }

  /** One measured start of the floor: from process start to its first 200, in ms. */
  static double floor(List<String> options, Path jar, String floorJar) throws Exception {
    int port = ReloadBench.freePort();
    Path log = tempFile("gazette-start-floor-", ".log");
    long t0 = System.nanoTime();
    Process process = floorProcess(options, jar, floorJar, port, log);
    try {
      ReloadBench.awaitFirst200(port, process);
      return (System.nanoTime() - t0) / 1e6;
    } catch (IllegalStateException e) {
      throw new IllegalStateException("Undertow alone (" + e.getMessage() + "): " + Files.readString(log), e);
    } finally {
      ReloadBench.stop(process);
    }
  }

  static Process floorProcess(List<String> options, Path jar, String floorJar, int port, Path log) throws IOException {
    List<String> command = new ArrayList<>(List.of(JAVA));
    command.addAll(options);
    command.addAll(List.of("-cp", jar + java.io.File.pathSeparator + floorJar, "UndertowFloor", String.valueOf(port)));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** "median M (min A, max B)" of some ratios. */
  static String spread(List<Double> ratios) {
    List<Double> sorted = new ArrayList<>(ratios);
    Collections.sort(sorted);
    return String.format("median %.2f (min %.2f, max %.2f)", ReloadBench.percentile(sorted, 50), sorted.get(0),
        sorted.get(sorted.size() - 1));
  }

  /** An unmeasured run that reads and renders every article, then stops (writing its caches and snapshot). */
  static void primer(List<String> jvm, Path jar, Path articles, Path cache, List<String> extra) throws Exception {
    List<String> options = new ArrayList<>(extra);
    options.addAll(jvm);
    int port = ReloadBench.freePort();
    Path log = tempFile("gazette-start-", ".log");
    Process primer = gazette(options, jar, articles, cache, port, log);
    try {
      ReloadBench.awaitFirst200(port, primer);
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
      while (!Files.readString(log).contains("site rebuilt") && System.nanoTime() < deadline) {
        Thread.sleep(100); // the rescan that follows the start: after it, the caches are written
      }
    } finally {
      // A training run writes its AOT cache as the JVM exits, which takes a while: give it minutes, not seconds.
      primer.destroy();
      if (!primer.waitFor(extra.isEmpty() ? 10 : 300, TimeUnit.SECONDS)) {
        primer.destroyForcibly().waitFor();
        System.out.printf("a primer run did not stop in time; last log lines:%n%s%n", tail(log));
      }
    }
  }

  /** One Gazette start: time to its first 200, its peak RSS then, and (if asked) its heap after a full GC. */
  record Run(double ms, long peakRssKb, String heap, boolean snapshot) {}

  static Run run(List<String> jvm, Path jar, Path articles, Path cache, boolean measureHeap, int n, boolean leaveCaches)
      throws Exception {
    int port = ReloadBench.freePort();
    Path log = tempFile("gazette-start-", ".log");
    long t0 = System.nanoTime();
    Process process = gazette(jvm, jar, articles, cache, port, log);
    try {
      ReloadBench.awaitFirst200(port, process);
      double ms = (System.nanoTime() - t0) / 1e6;
      long peak = vmHwmKb(process.pid());
      boolean snapshot = Files.readString(log).contains("Snapshot serving the snapshot of the last run");
      // Stopped once the rescan that follows the start is done, so it leaves its caches and snapshot for the next
      // restart (a restart stopped while it still reads the articles leaves the last run's). The heap is measured
      // then too: after a snapshot's first 200 the articles are still being read, and it would weigh too little.
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
      while ((leaveCaches || measureHeap) && !Files.readString(log).contains("site rebuilt") && process.isAlive()
          && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      if (measureHeap) {
        Thread.sleep(3000); // the parse cache and snapshot are written just after the rescan
      }
      return new Run(ms, peak, measureHeap ? heapAfterGc(process.pid()) : "", snapshot);
    } catch (IllegalStateException e) {
      System.out.printf("N=%d: Gazette failed: %s; last log lines:%n%s%n", n, e.getMessage(), tail(log));
      return null;
    } finally {
      ReloadBench.stop(process);
    }
  }

  static Process gazette(List<String> jvm, Path jar, Path articles, Path cache, int port, Path log) throws IOException {
    List<String> command = new ArrayList<>(List.of(JAVA));
    command.addAll(jvm);
    command.addAll(List.of("-jar", jar.toString(), "serve", "--articles", articles.toString(), "--port",
        String.valueOf(port), "--cache-dir", cache.toString(), "--state-dir",
        ReloadBench.stateDir(cache).toString()));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  static double hugo(Path hugoDir) throws Exception {
    long t1 = System.nanoTime();
    Process build = new ProcessBuilder("hugo", "--quiet", "-s", hugoDir.toString(), "-d", hugoDir.resolve("public").toString())
        .redirectErrorStream(true).redirectOutput(tempFile("hugo-", ".log").toFile()).start();
    if (!build.waitFor(30, TimeUnit.MINUTES) || build.exitValue() != 0) {
      throw new IllegalStateException("hugo failed");
    }
    return (System.nanoTime() - t1) / 1e6;
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return ReloadBench.percentile(sorted, 50);
  }

  static long vmHwmKb(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    return -1;
  }

  /** Heap in use after a full collection, as jcmd reports it, once every article is read. */
  static String heapAfterGc(long pid) throws IOException, InterruptedException {
    run("jcmd", String.valueOf(pid), "GC.run");
    String info = run("jcmd", String.valueOf(pid), "GC.heap_info");
    for (String line : info.split("\n")) {
      if (line.contains("total") && line.contains("used")) {
        return "heap after full GC: " + line.trim();
      }
    }
    return "heap: " + info.replace('\n', ' ');
  }

  static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor();
    return out;
  }

  static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
  }
}
