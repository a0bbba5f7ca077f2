import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Static build: `gazette build` against Hugo building the same articles with pages (each article's
 * page, the home page, a page and an RSS feed per category, the home RSS), alternating for a number of
 * pairs. Gazette builds twice per pair, around Hugo: cold (a new state directory and no output yet, a
 * first build) and warm (again, nothing changed: what a rebuild after a deploy costs). Gazette writes
 * more: Atom and JSON Feed for every listing, every archive page, and .gz beside each file.
 * Usage: java -cp CLASSES BuildBench JAR N PAIRS [JVM options for Gazette...]
 */
public class BuildBench {
  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    int pairs = Integer.parseInt(args[2]);
    List<String> jvm = List.of(args).subList(3, args.length);
    Path articles = Files.createTempDirectory("gazette-build-" + n + "-");
    Path hugoDir = Files.createTempDirectory("hugo-build-" + n + "-");
    Synthetic.write(articles, n);
    Synthetic.writeHugoSite(hugoDir, n, 50);

    List<Double> coldRatios = new ArrayList<>();
    List<Double> warmRatios = new ArrayList<>();
    List<Double> cold = new ArrayList<>();
    List<Double> warm = new ArrayList<>();
    List<Double> hugo = new ArrayList<>();
    for (int pair = 0; pair < pairs; pair++) {
      Path work = Files.createTempDirectory("gazette-build-out-");
      double c = gazette(jvm, jar, articles, work);
      ReloadBench.deleteTree(hugoDir.resolve("public"));
      double h = StartBench.hugo(hugoDir);
      double w = gazette(jvm, jar, articles, work);
      cold.add(c);
      warm.add(w);
      hugo.add(h);
      coldRatios.add(c / h);
      warmRatios.add(w / h);
      System.out.printf("N=%d pair %d: gazette build cold %.0f ms, hugo %.0f ms, gazette build again %.0f ms%n",
          n, pair + 1, c, h, w);
      ReloadBench.deleteTree(work);
    }
    if (!Files.exists(hugoDir.resolve("public").resolve("index.html"))) {
      throw new IllegalStateException("hugo wrote no index.html");
    }
    Collections.sort(coldRatios);
    Collections.sort(warmRatios);
    System.out.printf("N=%d: gazette build / hugo, first build: median %.2f (min %.2f, max %.2f); again: median %.2f"
        + " (min %.2f, max %.2f); over %d pairs. Medians: gazette %.0f ms, again %.0f ms, hugo %.0f ms.%n",
        n, ReloadBench.percentile(coldRatios, 50), coldRatios.get(0), coldRatios.get(coldRatios.size() - 1),
        ReloadBench.percentile(warmRatios, 50), warmRatios.get(0), warmRatios.get(warmRatios.size() - 1), pairs,
        StartBench.median(cold), StartBench.median(warm), StartBench.median(hugo));
    ReloadBench.deleteTree(articles);
    ReloadBench.deleteTree(hugoDir);
  }

  /** One `gazette build` into {@code work/site}, with its state in {@code work/state}: its wall time. */
  static double gazette(List<String> jvm, Path jar, Path articles, Path work) throws Exception {
    List<String> command = new ArrayList<>(List.of("java"));
    command.addAll(jvm);
    command.addAll(List.of("-jar", jar.toString(), "build", "--articles", articles.toString(), "--out",
        work.resolve("site").toString(), "--state-dir", work.resolve("state").toString()));
    Path log = Files.createTempFile("gazette-build-", ".log");
    long t0 = System.nanoTime();
    Process build = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!build.waitFor(30, TimeUnit.MINUTES) || build.exitValue() != 0) {
      throw new IllegalStateException("gazette build failed: " + Files.readString(log));
    }
    return (System.nanoTime() - t0) / 1e6;
  }
}
