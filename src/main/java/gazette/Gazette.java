package gazette;

import gazette.catalog.Catalog;
import gazette.catalog.CatalogLoader;
import gazette.http.FeedServer;
import gazette.render.HealthRenderer;
import gazette.render.Renderer;
import gazette.site.Site;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** The facade: load a folder of articles, render its Site, and serve it or rebuild it after changes. */
public final class Gazette {
  private final CatalogLoader loader;
  private final List<Renderer> renderers = Renderer.all();
  private final Clock clock;
  private final int maxAge;
  private final AtomicReference<Site> site = new AtomicReference<>();
  private long reloads;

  /**
   * How to publish: the articles folder, the base URL from the command line (null to use
   * {@code base_url}), the base URL when neither gives one, the max-age for shared caches, and the clock.
   */
  public record Options(Path articles, URI baseUrl, URI fallbackBaseUrl, int maxAge, Clock clock) {
    public static final int DEFAULT_MAX_AGE = 60;

    public Options {
      Objects.requireNonNull(articles, "articles");
      Objects.requireNonNull(fallbackBaseUrl, "fallbackBaseUrl");
      Objects.requireNonNull(clock, "clock");
    }
  }

  private Gazette(Options options) {
    this.loader = new CatalogLoader(options.articles(), options.baseUrl(), options.fallbackBaseUrl());
    this.clock = options.clock();
    this.maxAge = options.maxAge();
  }

  /** Reads the folder and renders the first Site. */
  public static Gazette load(Options options) throws IOException {
    Gazette gazette = new Gazette(options);
    gazette.reload();
    return gazette;
  }

  /** Re-reads what changed and swaps in the next Site; if anything throws, the current Site stays live. */
  public synchronized Site reload() throws IOException {
    Instant start = clock.instant();
    long began = System.nanoTime();
    Catalog catalog = loader.load(start);
    Duration took = Duration.ofNanos(System.nanoTime() - began);
    Site next = Site.render(catalog, renderers, new HealthRenderer.Reload(start, took, ++reloads),
        Optional.ofNullable(site.get()), start, maxAge);
    site.set(next);
    return next;
  }

  public Site site() {
    return site.get();
  }

  public Catalog catalog() {
    return site.get().catalog();
  }

  public FeedServer serve(String host, int port) {
    return FeedServer.start(host, port, site::get);
  }
}
