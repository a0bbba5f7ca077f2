import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Start-up: Gazette from process start to its first 200 on /feed.xml, against Hugo building the same
 * articles with only the home RSS output, alternating Gazette and Hugo for a number of pairs.
 * Reports the median ratio Gazette/Hugo (min, max), Gazette's peak resident memory (VmHWM at its
 * first 200) and its heap in use after a full GC.
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

    List<Double> gazette = new ArrayList<>();
    List<Double> hugo = new ArrayList<>();
    List<Double> ratios = new ArrayList<>();
    long peakRss = 0;
    String heap = "";
    for (int pair = 0; pair < pairs; pair++) {
      int port = ReloadBench.freePort();
      List<String> command = new ArrayList<>(List.of("java"));
      command.addAll(jvm);
      command.addAll(List.of("-jar", jar.toString(), "serve", "--articles", gazetteDir.toString(), "--port", String.valueOf(port)));
      Path log = Files.createTempFile("gazette-start-", ".log");
      long t0 = System.nanoTime();
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      double g;
      try {
        ReloadBench.awaitFirst200(port, process);
        g = (System.nanoTime() - t0) / 1e6;
        peakRss = Math.max(peakRss, vmHwmKb(process.pid()));
        if (pair == pairs - 1) {
          heap = heapAfterGc(process.pid());
        }
      } catch (IllegalStateException e) {
        System.out.printf("N=%d: Gazette failed: %s; last log lines:%n%s%n", n, e.getMessage(), tail(log));
        return;
      } finally {
        ReloadBench.stop(process);
      }
      long t1 = System.nanoTime();
      Process build = new ProcessBuilder("hugo", "--quiet", "-s", hugoDir.toString(), "-d", hugoDir.resolve("public").toString())
          .redirectErrorStream(true).redirectOutput(Files.createTempFile("hugo-", ".log").toFile()).start();
      if (!build.waitFor(30, TimeUnit.MINUTES) || build.exitValue() != 0) {
        throw new IllegalStateException("hugo failed");
      }
      double h = (System.nanoTime() - t1) / 1e6;
      gazette.add(g);
      hugo.add(h);
      ratios.add(g / h);
      System.out.printf("N=%d pair %d: Gazette %.0f ms to first 200, Hugo %.0f ms to build%n", n, pair + 1, g, h);
    }
    if (!Files.exists(hugoDir.resolve("public").resolve("index.xml"))) {
      throw new IllegalStateException("hugo wrote no index.xml");
    }
    Collections.sort(ratios);
    System.out.printf("N=%d: Gazette/Hugo start ratio median %.2f (min %.2f, max %.2f) over %d pairs;"
        + " Gazette median %.0f ms, Hugo median %.0f ms; Gazette peak RSS %d MiB; %s%n",
        n, ReloadBench.percentile(ratios, 50), ratios.get(0), ratios.get(ratios.size() - 1), pairs,
        median(gazette), median(hugo), peakRss / 1024, heap);
    ReloadBench.deleteTree(gazetteDir);
    ReloadBench.deleteTree(hugoDir);
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
