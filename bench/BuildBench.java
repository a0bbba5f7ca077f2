import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Static build: `gazette build` against Hugo building the same articles with pages (each article's
 * page, the home page, a page and an RSS feed per category, the home RSS), alternating for a number of
 * pairs. Gazette builds twice per pair, around Hugo: cold (a new state directory, parse cache and output,
 * a first build) and warm (again, nothing changed: what a rebuild after a deploy costs; the parse cache of
 * the first build spares it parsing). Gazette writes
 * more: Atom and JSON Feed for every listing, every archive page, and .gz beside each file.
 *
 * <p>JAVA is the {@code java} Gazette runs on; with {@code --aot}, a first unmeasured build records an
 * ahead-of-time cache ({@code -XX:AOTCacheOutput}, JDK 25 and later) and every measured build uses it
 * ({@code -XX:AOTCache}), as the launcher does. LABEL names the runtime in the report.
 * Usage: java -cp CLASSES BuildBench JAR N PAIRS JAVA LABEL [--aot] [JVM options for Gazette...]
 */
public class BuildBench {
  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    int pairs = Integer.parseInt(args[2]);
    String java = args[3];
    String label = args[4];
    boolean aot = args.length > 5 && args[5].equals("--aot");
    List<String> jvm = new ArrayList<>(List.of(args).subList(aot ? 6 : 5, args.length));
    Path articles = Files.createTempDirectory("gazette-build-" + n + "-");
    Path hugoDir = Files.createTempDirectory("hugo-build-" + n + "-");
    Synthetic.write(articles, n);
    Synthetic.writeHugoSite(hugoDir, n, 50);
    Path cache = null;
    if (aot) {
      // One training run, as the launcher's first run: a build of the same articles, then the cache is written.
      cache = Files.createTempFile("gazette-build-", ".aot");
      Files.delete(cache);
      Path training = Files.createTempDirectory("gazette-build-training-");
      List<String> record = new ArrayList<>(jvm);
      record.add("-XX:AOTCacheOutput=" + cache);
      double t = gazette(java, record, jar, articles, training);
      ReloadBench.deleteTree(training);
      if (!Files.isRegularFile(cache)) {
        throw new IllegalStateException(java + " wrote no AOT cache at " + cache);
      }
      System.out.printf("N=%d %s: training build that recorded the AOT cache %.0f ms (%d KiB)%n", n, label, t,
          Files.size(cache) / 1024);
      jvm.add("-XX:AOTCache=" + cache);
    }

    List<Double> coldRatios = new ArrayList<>();
    List<Double> warmRatios = new ArrayList<>();
    List<Double> cold = new ArrayList<>();
    List<Double> warm = new ArrayList<>();
    List<Double> hugo = new ArrayList<>();
    for (int pair = 0; pair < pairs; pair++) {
      Path work = Files.createTempDirectory("gazette-build-out-");
      double c = gazette(java, jvm, jar, articles, work);
      ReloadBench.deleteTree(hugoDir.resolve("public"));
      double h = hugo(hugoDir);
      double w = gazette(java, jvm, jar, articles, work);
      cold.add(c);
      warm.add(w);
      hugo.add(h);
      coldRatios.add(c / h);
      warmRatios.add(w / h);
      System.out.printf("N=%d %s pair %d: gazette build cold %.0f ms, hugo %.0f ms, gazette build again %.0f ms%n",
          n, label, pair + 1, c, h, w);
      ReloadBench.deleteTree(work);
    }
    if (!Files.exists(hugoDir.resolve("public").resolve("index.html"))) {
      throw new IllegalStateException("hugo wrote no index.html");
    }
    Collections.sort(coldRatios);
    Collections.sort(warmRatios);
    System.out.printf("N=%d %s: gazette build / hugo, first build: median %.2f (min %.2f, max %.2f); again: median %.2f"
        + " (min %.2f, max %.2f); over %d pairs. Medians: gazette %.0f ms, again %.0f ms, hugo %.0f ms.%n",
        n, label, ReloadBench.percentile(coldRatios, 50), coldRatios.get(0), coldRatios.get(coldRatios.size() - 1),
        ReloadBench.percentile(warmRatios, 50), warmRatios.get(0), warmRatios.get(warmRatios.size() - 1), pairs,
        median(cold), median(warm), median(hugo));
    ReloadBench.deleteTree(articles);
    ReloadBench.deleteTree(hugoDir);
    if (cache != null) {
      Files.delete(cache);
    }
  }

  static double hugo(Path hugoDir) throws Exception {
    long t0 = System.nanoTime();
    Process build = new ProcessBuilder("hugo", "--quiet", "-s", hugoDir.toString(), "-d", hugoDir.resolve("public").toString())
        .redirectErrorStream(true).redirectOutput(Files.createTempFile("hugo-", ".log").toFile()).start();
    if (!build.waitFor(30, TimeUnit.MINUTES) || build.exitValue() != 0) {
      throw new IllegalStateException("hugo failed");
    }
    return (System.nanoTime() - t0) / 1e6;
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return ReloadBench.percentile(sorted, 50);
  }

  /**
   * One `gazette build` into {@code work/site}, with its state in {@code work/state} and its parse cache in
   * {@code work/cache} (never the user's own cache): its wall time.
   */
  static double gazette(String java, List<String> jvm, Path jar, Path articles, Path work) throws Exception {
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(jvm);
    command.addAll(List.of("-jar", jar.toString(), "build", "--articles", articles.toString(), "--out",
        work.resolve("site").toString(), "--state-dir", work.resolve("state").toString(), "--cache-dir",
        work.resolve("cache").toString()));
    Path log = Files.createTempFile("gazette-build-", ".log");
    long t0 = System.nanoTime();
    Process build = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!build.waitFor(30, TimeUnit.MINUTES) || build.exitValue() != 0) {
      throw new IllegalStateException("gazette build failed: " + Files.readString(log));
    }
    return (System.nanoTime() - t0) / 1e6;
  }
}
