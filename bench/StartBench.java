import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Start-up: Gazette from process start to its first 200 on /feed.xml, against Hugo building the same
 * articles with only the home RSS output, alternating Gazette and Hugo for a number of pairs. Gazette
 * starts twice per pair, around the Hugo build: cold (no parse cache, a first start) and warm (the
 * cache its previous run wrote, a restart). Reports each median ratio Gazette/Hugo (min, max),
 * Gazette's peak resident memory (VmHWM at its first 200) and its heap in use after a full GC.
 * Usage: java -cp CLASSES StartBench JAR N PAIRS [JVM options for Gazette...]
 */
public class StartBench {
  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    int pairs = Integer.parseInt(args[2]);
    List<String> jvm = List.of(args).subList(3, args.length);
    Path gazetteDir = Files.createTempDirectory("gazette-start-" + n + "-");
    Path hugoDir = Files.createTempDirectory("hugo-start-" + n + "-");
    Synthetic.write(gazetteDir, n);
    Synthetic.writeHugo(hugoDir, n, 50);

    // Cold: an empty cache folder, as on a first start. Warm: the cache the run before wrote, as on a
    // restart with the same articles. One unmeasured run writes the first warm cache.
    Path warmCache = Files.createTempDirectory("gazette-start-cache-");
    int primerPort = ReloadBench.freePort();
    Process primer = gazette(jvm, jar, gazetteDir, warmCache, primerPort, Files.createTempFile("gazette-start-", ".log"));
    try {
      ReloadBench.awaitFirst200(primerPort, primer);
    } finally {
      ReloadBench.stop(primer);
    }

    List<Double> cold = new ArrayList<>();
    List<Double> warm = new ArrayList<>();
    List<Double> hugo = new ArrayList<>();
    List<Double> coldRatios = new ArrayList<>();
    List<Double> warmRatios = new ArrayList<>();
    long peakCold = 0;
    long peakWarm = 0;
    String heapCold = "";
    String heapWarm = "";
    for (int pair = 0; pair < pairs; pair++) {
      Path coldCache = Files.createTempDirectory("gazette-start-cold-");
      Run c = run(jvm, jar, gazetteDir, coldCache, pair == pairs - 1, n);
      ReloadBench.deleteTree(coldCache);
      if (Files.exists(ReloadBench.stateDir(coldCache))) {
        ReloadBench.deleteTree(ReloadBench.stateDir(coldCache));
      }
      if (c == null) {
        return;
      }
      double h = hugo(hugoDir);
      Run w = run(jvm, jar, gazetteDir, warmCache, pair == pairs - 1, n);
      if (w == null) {
        return;
      }
      cold.add(c.ms());
      warm.add(w.ms());
      hugo.add(h);
      coldRatios.add(c.ms() / h);
      warmRatios.add(w.ms() / h);
      peakCold = Math.max(peakCold, c.peakRssKb());
      peakWarm = Math.max(peakWarm, w.peakRssKb());
      if (pair == pairs - 1) {
        heapCold = c.heap();
        heapWarm = w.heap();
      }
      System.out.printf("N=%d pair %d: Gazette cold %.0f ms, Hugo %.0f ms, Gazette warm %.0f ms (to first 200; Hugo to build)%n",
          n, pair + 1, c.ms(), h, w.ms());
    }
    if (!Files.exists(hugoDir.resolve("public").resolve("index.xml"))) {
      throw new IllegalStateException("hugo wrote no index.xml");
    }
    Collections.sort(coldRatios);
    Collections.sort(warmRatios);
    System.out.printf("N=%d: Gazette/Hugo, cold start: median %.2f (min %.2f, max %.2f); warm start: median %.2f"
        + " (min %.2f, max %.2f); over %d pairs. Medians: Gazette cold %.0f ms, warm %.0f ms, Hugo %.0f ms.%n",
        n, ReloadBench.percentile(coldRatios, 50), coldRatios.get(0), coldRatios.get(coldRatios.size() - 1),
        ReloadBench.percentile(warmRatios, 50), warmRatios.get(0), warmRatios.get(warmRatios.size() - 1), pairs,
        median(cold), median(warm), median(hugo));
    System.out.printf("N=%d: Gazette peak RSS cold %d MiB, warm %d MiB; cold %s; warm %s%n",
        n, peakCold / 1024, peakWarm / 1024, heapCold, heapWarm);
    ReloadBench.deleteTree(gazetteDir);
    ReloadBench.deleteTree(hugoDir);
    ReloadBench.deleteTree(warmCache);
    ReloadBench.deleteTree(ReloadBench.stateDir(warmCache));
  }

  /** One Gazette start: time to its first 200, its peak RSS then, and (if asked) its heap after a full GC. */
  record Run(double ms, long peakRssKb, String heap) {}

  static Run run(List<String> jvm, Path jar, Path articles, Path cache, boolean measureHeap, int n) throws Exception {
    int port = ReloadBench.freePort();
    Path log = Files.createTempFile("gazette-start-", ".log");
    long t0 = System.nanoTime();
    Process process = gazette(jvm, jar, articles, cache, port, log);
    try {
      ReloadBench.awaitFirst200(port, process);
      double ms = (System.nanoTime() - t0) / 1e6;
      return new Run(ms, vmHwmKb(process.pid()), measureHeap ? heapAfterGc(process.pid()) : "");
    } catch (IllegalStateException e) {
      System.out.printf("N=%d: Gazette failed: %s; last log lines:%n%s%n", n, e.getMessage(), tail(log));
      return null;
    } finally {
      ReloadBench.stop(process);
    }
  }

  static Process gazette(List<String> jvm, Path jar, Path articles, Path cache, int port, Path log) throws IOException {
    List<String> command = new ArrayList<>(List.of("java"));
    command.addAll(jvm);
    command.addAll(List.of("-jar", jar.toString(), "serve", "--articles", articles.toString(), "--port",
        String.valueOf(port), "--cache-dir", cache.toString(), "--state-dir",
        ReloadBench.stateDir(cache).toString()));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  static double hugo(Path hugoDir) throws Exception {
    long t1 = System.nanoTime();
    Process build = new ProcessBuilder("hugo", "--quiet", "-s", hugoDir.toString(), "-d", hugoDir.resolve("public").toString())
        .redirectErrorStream(true).redirectOutput(Files.createTempFile("hugo-", ".log").toFile()).start();
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

  /** Heap in use after a full collection, as jcmd reports it. */
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
