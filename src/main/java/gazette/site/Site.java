package gazette.site;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import gazette.article.Publication;
import gazette.catalog.Catalog;
import gazette.render.Output;
import gazette.render.Reload;
import gazette.render.Renderers;
import gazette.render.Route;
import gazette.render.Routes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Every URL of the published site mapped to its {@link Rendition}. A Site is immutable: a reload
 * renders the next one completely and swaps it in, so a request never sees half of a change.
 *
 * <p>Feeds, listing pages and {@code /health} are rendered with the Site. Article pages and archive
 * pages are rendered from this Site's catalog when first requested and kept in a cache bounded by
 * size: a large site has one per article, and readers rarely ask for most of them. Their bytes depend
 * only on the catalog, so rendering them later changes nothing a client can see.
 */
public final class Site {
  /** Bytes (identity and gzip) of on-demand pages kept per Site. */
  static final long ON_DEMAND_CACHE_BYTES = 32L << 20;

  private final Catalog catalog;
  private final Renderers renderers;
  private final Map<String, Rendition> renditions;
  private final Cache<String, Rendition> onDemand;
  private final Shape shape;
  private final Instant shapeChanged;
  private final Reload reload;

  private Site(Catalog catalog, Renderers renderers, Map<String, Rendition> renditions, Shape shape,
      Instant shapeChanged, Reload reload) {
    this.catalog = catalog;
    this.renderers = renderers;
    this.renditions = Collections.unmodifiableMap(renditions);
    this.shape = shape;
    this.shapeChanged = shapeChanged;
    this.reload = reload;
    this.onDemand = Caffeine.newBuilder()
        .maximumWeight(ON_DEMAND_CACHE_BYTES)
        .weigher((String path, Rendition r) -> 256 + r.identity().length + (r.gzip() == null ? 0 : r.gzip().length))
        .build();
  }

  /**
   * What every on-demand page shows besides its own articles: the publication, the category list in
   * the site header, and how many archive pages there are (the last full one links the next).
   */
  private record Shape(Publication publication, List<String> categories, int archives) {
    static Shape of(Catalog catalog) {
      return new Shape(catalog.publication(),
          catalog.categories().stream().map(c -> c.slug() + " " + c.name()).toList(), catalog.archives().size());
    }
  }

  /**
   * Renders a catalog. A URL whose bytes equal those in {@code previous} keeps its ETag and
   * Last-Modified; a changed one is stamped {@code now}. On the first render (no previous site), a URL
   * is dated by the newest of its sources, so a restart does not look like a change to pollers.
   */
  public static Site render(Catalog catalog, Renderers renderers, Optional<Site> previous, Instant now,
      Reloads reloads) {
    List<Route> eager = Routes.eager(catalog).stream().filter(r -> !(r instanceof Route.Health)).toList();
    List<Output> outputs = new ArrayList<>(renderers.renderEager(catalog, eager, reloads.at(now)));
    // Last, so that it can say how long the rest took.
    renderers.render(new Route.Health(), catalog, reloads.at(now)).ifPresent(outputs::add);
    // Hashing and compressing are independent per body: spread them over every core.
    List<Rendition> made = outputs.parallelStream()
        .map(output -> rendition(output, previous, now))
        .toList();
    Map<String, Rendition> out = new HashMap<>(outputs.size() * 2);
    for (int i = 0; i < outputs.size(); i++) {
      if (out.put(outputs.get(i).path(), made.get(i)) != null) {
        throw new IllegalStateException("two renderers produced " + outputs.get(i).path());
      }
    }
    Shape shape = Shape.of(catalog);
    Instant shapeChanged = previous.isEmpty()
        ? catalog.newestSource(catalog.articles()).truncatedTo(ChronoUnit.SECONDS)
        : previous.get().shape.equals(shape) ? previous.get().shapeChanged : now.truncatedTo(ChronoUnit.SECONDS);
    return new Site(catalog, renderers, out, shape, shapeChanged, reloads.at(now));
  }

  /** Which rebuild this is, and when it began on the monotonic clock, so /health can say how long it took. */
  public record Reloads(long count, long startedNanos) {
    Reload at(Instant now) {
      return new Reload(now, Duration.ofNanos(System.nanoTime() - startedNanos), count);
    }
  }

  private static Rendition rendition(Output output, Optional<Site> previous, Instant now) {
    Rendition before = previous.map(site -> site.renditions.get(output.path())).orElse(null);
    if (before != null && before.identity() == output.body()) {
      return before; // a renderer handed back the very bytes it gave last time
    }
    String etag = etag(output.body());
    Instant second = now.truncatedTo(ChronoUnit.SECONDS);
    Instant lastModified;
    if (before != null && before.etag().equals(etag)) {
      lastModified = before.lastModified();
    } else if (previous.isPresent()) {
      // Later than anything served before, so If-Modified-Since never hides this change.
      lastModified = before != null && !second.isAfter(before.lastModified())
          ? before.lastModified().plusSeconds(1)
          : second;
    } else {
      lastModified = earlier(output.newestSource().truncatedTo(ChronoUnit.SECONDS), second);
    }
    return rendition(output, etag, lastModified);
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isAfter(b) ? b : a;
  }

  private static Rendition rendition(Output output, String etag, Instant lastModified) {
    byte[] gzip = gzip(output.body());
    return new Rendition(output.mediaType(), output.browserType(), output.body(),
        gzip.length < output.body().length ? gzip : null, etag, lastModified, output.caching(), output.self(),
        output.hub());
  }

  /** The response for {@code path}, rendering an on-demand page if it is not in the cache yet. */
  public Optional<Rendition> find(String path) {
    Rendition ready = renditions.get(path);
    if (ready != null) {
      return Optional.of(ready);
    }
    return Optional.ofNullable(onDemand.get(path, this::renderOnDemand));
  }

  /** The response for {@code path} if it is ready without rendering (feeds, listing pages, cached pages), else null. */
  public Rendition ready(String path) {
    Rendition eager = renditions.get(path);
    return eager != null ? eager : onDemand.getIfPresent(path);
  }

  /** Whether {@link #find} would have to render: an on-demand page not in the cache. */
  public boolean mustRender(String path) {
    return !renditions.containsKey(path) && Routes.parse(path).filter(r -> !r.eager()).isPresent()
        && onDemand.getIfPresent(path) == null;
  }

  /**
   * An on-demand page dates from when its own sources or the rest of what it shows last changed, so
   * If-Modified-Since stays truthful without the page having been rendered before.
   */
  private Rendition renderOnDemand(String path) {
    return Routes.parse(path)
        .filter(route -> !route.eager())
        .flatMap(route -> renderers.render(route, catalog, reload))
        .map(output -> {
          Instant sources = output.newestSource().truncatedTo(ChronoUnit.SECONDS);
          Instant lastModified = earlier(sources.isAfter(shapeChanged) ? sources : shapeChanged,
              reload.at().truncatedTo(ChronoUnit.SECONDS));
          return rendition(output, etag(output.body()), lastModified);
        }).orElse(null);
  }

  /** How many paths are rendered with the Site. */
  public int eagerCount() {
    return renditions.size();
  }

  /** Every path the Site serves: the eager ones and every on-demand page. */
  public Set<String> paths() {
    Set<String> all = new HashSet<>(renditions.keySet());
    for (Route route : Routes.onDemand(catalog)) {
      all.add(Routes.path(route));
    }
    return all;
  }

  /** The feeds whose bytes differ from (or are absent in) {@code before}: what a WebSub hub must hear about. */
  public List<Rendition> feedsWithNewBytes(Site before) {
    List<Rendition> changed = new ArrayList<>();
    for (Map.Entry<String, Rendition> entry : renditions.entrySet()) {
      Rendition now = entry.getValue();
      Rendition then = before.renditions.get(entry.getKey());
      if (now.feed() && (then == null || !then.etag().equals(now.etag()))) {
        changed.add(now);
      }
    }
    changed.sort(Comparator.comparing(r -> r.self().toString()));
    return changed;
  }

  public Catalog catalog() {
    return catalog;
  }

  static String etag(byte[] body) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
      return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 27) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  static byte[] gzip(byte[] body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length / 3 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes) {
      {
        def.setLevel(Deflater.DEFAULT_COMPRESSION); // level 6: within a few percent of 9, at half the time
      }
    }) {
      gz.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return bytes.toByteArray();
  }
}
