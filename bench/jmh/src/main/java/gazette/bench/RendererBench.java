package gazette.bench;

import gazette.catalog.Catalog;
import gazette.catalog.CatalogLoader;
import gazette.article.ContentCache;
import gazette.render.Format;
import gazette.render.Reload;
import gazette.render.Renderers;
import gazette.render.Route;
import gazette.render.Routes;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Each kind of output, rendered by a new set of renderers every time so that no body is reused from an earlier
 * render (converted content is, as in a running server), over a catalog of N synthetic articles shaped like the
 * sample story (3 of 20 categories each, feed window 50), so a change that slows one renderer shows up alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RendererBench {
  @Param({"200"})
  int articles;

  Catalog catalog;

  @Setup
  public void load() throws IOException {
    Path dir = Files.createTempDirectory("gazette-jmh");
    Files.writeString(dir.resolve("_feed.yaml"), "title: Synthetic News\nid_authority: bench.example.org\n");
    String sample = Files.readString(ParserBench.SAMPLE);
    String content = sample.substring(sample.indexOf("content: |"));
    for (int i = 0; i < articles; i++) {
      Files.writeString(dir.resolve(String.format("story-%06d.yaml", i)),
          "title: Synthetic story " + i + "\npublished: " + LocalDateTime.of(2020, 1, 1, 0, 0).plusMinutes(i) + ":00Z\n"
              + "categories: [Topic " + (i % 20) + ", Topic " + ((i * 7 + 3) % 20) + ", Topic " + ((i * 13 + 5) % 20) + "]\n"
              + content);
    }
    catalog = new CatalogLoader(dir, null, URI.create("https://news.example.org/")).load(Instant.parse("2025-01-01T00:00:00Z"));
  }

  private static final Reload RELOAD = new Reload(Instant.EPOCH, Duration.ZERO, 1);
  /** Shared by every invocation: content is converted once, as it is across reloads of a running server. */
  private final ContentCache contents = new ContentCache();

  /** Every eager route that {@code which} selects, rendered from scratch. */
  private List<Object> render(Predicate<Route> which) {
    Renderers renderers = new Renderers(contents);
    return Routes.eager(catalog).stream().filter(which)
        .map(route -> (Object) renderers.render(route, catalog, RELOAD).orElseThrow())
        .toList();
  }

  private static Predicate<Route> feeds(Format format) {
    return route -> route instanceof Route.Feed feed && feed.format() == format;
  }

  @Benchmark
  public Object rss() {
    return render(feeds(Format.RSS));
  }

  @Benchmark
  public Object atom() {
    return render(feeds(Format.ATOM));
  }

  @Benchmark
  public Object jsonFeed() {
    return render(feeds(Format.JSON_FEED));
  }

  @Benchmark
  public Object html() {
    return render(route -> route instanceof Route.Home || route instanceof Route.CategoryPage);
  }

  /** One Atom archive page of 50 articles, as rendered when first requested. */
  @Benchmark
  public Object archivePage() {
    return new Renderers(contents).render(new Route.Archive(1, Format.ATOM), catalog, RELOAD).orElseThrow();
  }

  /** One article page, as rendered when first requested. */
  @Benchmark
  public Object articlePage() {
    return new Renderers(contents).render(new Route.ArticlePage("story-000000"), catalog, RELOAD).orElseThrow();
  }
}
