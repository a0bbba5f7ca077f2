package gazette.site;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import gazette.article.Article;
import gazette.article.Publication;
import gazette.catalog.Catalog;
import gazette.render.HealthRenderer;
import gazette.render.MediaTypes;
import gazette.render.OnDemand;
import gazette.render.Output;
import gazette.render.Renderer;
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
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Collections;
import java.util.HashMap;
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
 * pages ({@link OnDemand}) are rendered from this Site's catalog when first requested and kept in a cache
 * bounded by size: a large site has one per article, and readers rarely ask for most of them. Their
 * bytes depend only on the catalog, so rendering them later changes nothing a client can see.
 */
public final class Site {
  /** Bytes (identity and gzip) of on-demand pages kept per Site. */
  static final long ON_DEMAND_CACHE_BYTES = 32L << 20;

  private final Catalog catalog;
  private final Map<String, Rendition> renditions;
  private final Cache<String, Rendition> onDemand;
  private final Shape shape;
  private final Instant shapeChanged;
  private final Instant rendered;
  private final int maxAgeSeconds;

  private Site(Catalog catalog, Map<String, Rendition> renditions, Shape shape, Instant shapeChanged, Instant rendered,
      int maxAgeSeconds) {
    this.catalog = catalog;
    this.renditions = Collections.unmodifiableMap(renditions);
    this.shape = shape;
    this.shapeChanged = shapeChanged;
    this.rendered = rendered;
    this.maxAgeSeconds = maxAgeSeconds;
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
   * is dated by when its sources last changed, so a restart does not look like a change to pollers.
   */
  public static Site render(Catalog catalog, List<Renderer> renderers, Optional<Site> previous, Instant now,
      int maxAgeSeconds, Reloads reloads) {
    // The feeds share most of their articles: convert each one's content once, on every core.
    windowed(catalog).parallelStream().forEach(Article::html);
    // Each renderer keeps its own state, so different renderers can run at once.
    List<Output> outputs = renderers.parallelStream().flatMap(renderer -> renderer.render(catalog).stream()).toList();
    // Hashing and compressing are independent per body: spread them over every core.
    List<Rendition> made = outputs.parallelStream()
        .map(output -> rendition(output, previous, now, maxAgeSeconds))
        .toList();
    Map<String, Rendition> out = new HashMap<>(outputs.size() * 2);
    for (int i = 0; i < outputs.size(); i++) {
      if (out.put(outputs.get(i).path(), made.get(i)) != null) {
        throw new IllegalStateException("two renderers produced " + outputs.get(i).path());
      }
    }
    HealthRenderer.Reload reload = new HealthRenderer.Reload(now, reloads.elapsed(), reloads.count());
    Output health = new HealthRenderer().render(catalog, reload);
    out.put(health.path(), rendition(health, previous, now, maxAgeSeconds));
    Shape shape = Shape.of(catalog);
    Instant shapeChanged = previous.isEmpty()
        ? catalog.sourcesChanged(catalog.articles()).truncatedTo(ChronoUnit.SECONDS)
        : previous.get().shape.equals(shape) ? previous.get().shapeChanged : now.truncatedTo(ChronoUnit.SECONDS);
    return new Site(catalog, out, shape, shapeChanged, now, maxAgeSeconds);
  }

  /** Every article some eager feed or listing page carries, once each. */
  private static Collection<Article> windowed(Catalog catalog) {
    Set<Article> articles = Collections.newSetFromMap(new IdentityHashMap<>());
    articles.addAll(catalog.feed());
    for (Catalog.Category category : catalog.categories()) {
      articles.addAll(catalog.window(category.articles()));
    }
    return articles;
  }

  /** Which rebuild this is, and when it began on the monotonic clock, so /health can say how long it took. */
  public record Reloads(long count, long startedNanos) {
    Duration elapsed() {
      return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
  }

  private static Rendition rendition(Output output, Optional<Site> previous, Instant now, int maxAgeSeconds) {
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
      lastModified = earlier(output.sourcesChanged().truncatedTo(ChronoUnit.SECONDS), second);
    }
    return rendition(output, etag, lastModified, maxAgeSeconds);
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isAfter(b) ? b : a;
  }

  private static Rendition rendition(Output output, String etag, Instant lastModified, int maxAgeSeconds) {
    String cacheControl = switch (output.caching()) {
      case SHARED -> "public, max-age=" + maxAgeSeconds;
      case REVALIDATE -> "no-cache";
      case IMMUTABLE -> "public, max-age=31536000, immutable";
    };
    String link = output.self() == null ? null : "<" + output.self() + ">; rel=\"self\""
        + (output.hub() == null ? "" : ", <" + output.hub() + ">; rel=\"hub\"");
    byte[] gzip = gzip(output.body());
    return Rendition.of(output.mediaType(), output.body(),
        gzip.length < output.body().length ? gzip : null, etag, lastModified, cacheControl, link, output.self(),
        output.hub(), browserType(output.mediaType()), browserType(output.mediaType()) == null ? VARY : VARY_WITH_ACCEPT);
  }

  private static final String VARY = "Accept-Encoding";
  private static final String VARY_WITH_ACCEPT = "Accept, Accept-Encoding";
  private static final String XML_FOR_BROWSERS = "application/xml; charset=utf-8";

  /** Browsers show RSS and Atom types as text or a download; as XML they apply the feed's stylesheet. */
  private static String browserType(String mediaType) {
    return mediaType.equals(MediaTypes.RSS) || mediaType.equals(MediaTypes.ATOM) ? XML_FOR_BROWSERS : null;
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
    return !renditions.containsKey(path) && OnDemand.handles(path) && onDemand.getIfPresent(path) == null;
  }

  /**
   * An on-demand page dates from when its own sources or the rest of what it shows last changed, so
   * If-Modified-Since stays truthful without the page having been rendered before.
   */
  private Rendition renderOnDemand(String path) {
    return OnDemand.render(catalog, path).map(output -> {
      Instant sources = output.sourcesChanged().truncatedTo(ChronoUnit.SECONDS);
      Instant lastModified = earlier(sources.isAfter(shapeChanged) ? sources : shapeChanged,
          rendered.truncatedTo(ChronoUnit.SECONDS));
      return rendition(output, etag(output.body()), lastModified, maxAgeSeconds);
    }).orElse(null);
  }

  /** The paths rendered with the Site. */
  public Set<String> eagerPaths() {
    return renditions.keySet();
  }

  /** Every path the Site serves: the eager ones and every on-demand page. */
  public Set<String> paths() {
    Set<String> all = new HashSet<>(renditions.keySet());
    all.addAll(OnDemand.paths(catalog));
    return all;
  }

  /** The feeds whose bytes differ from (or are absent in) {@code before}: what a WebSub hub must hear about. */
  public List<Rendition> feedsChangedSince(Site before) {
    List<Rendition> changed = new ArrayList<>();
    for (Map.Entry<String, Rendition> entry : renditions.entrySet()) {
      Rendition now = entry.getValue();
      Rendition then = before.renditions.get(entry.getKey());
      if (now.self() != null && (then == null || !then.etag().equals(now.etag()))) {
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
