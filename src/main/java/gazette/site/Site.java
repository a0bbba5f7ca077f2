package gazette.site;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import gazette.article.Article;
import gazette.catalog.Catalog;
import gazette.memory.Memory;
import gazette.memory.Records;
import gazette.render.Format;
import gazette.render.Output;
import gazette.render.Reload;
import gazette.render.Renderers;
import gazette.render.Route;
import gazette.render.Routes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
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
import java.util.zip.GZIPInputStream;
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
  private final Memory memory;
  private final Map<String, Rendition> renditions;
  private final Cache<String, Rendition> onDemand;
  private final Reload reload;
  private final Set<String> statics;

  private Site(Catalog catalog, Renderers renderers, Memory memory, Map<String, Rendition> renditions, Reload reload,
      Set<String> statics) {
    this.statics = Set.copyOf(statics);
    this.catalog = catalog;
    this.renderers = renderers;
    this.memory = memory;
    this.renditions = Collections.unmodifiableMap(renditions);
    this.reload = reload;
    this.onDemand = Caffeine.newBuilder()
        .maximumWeight(ON_DEMAND_CACHE_BYTES)
        .weigher((String path, Rendition r) -> 256 + r.identity().length + (r.gzip() == null ? 0 : r.gzip().length))
        .build();
  }

  /**
   * Renders a catalog. Each URL is dated by when its bytes were first served, as the publication memory
   * records it: unchanged bytes keep their date, across reloads, restarts and the processes that share
   * the memory; changed bytes are dated {@code now}, and never earlier than any date served before.
   *
   * @param previous the Site this one replaces: bodies it has already hashed and compressed are reused
   */
  public static Site render(Catalog catalog, Renderers renderers, Memory memory, Optional<Site> previous,
      Instant now, Reloads reloads) {
    return render(catalog, renderers, memory, previous, now, reloads, StaticFolder.Scan.EMPTY);
  }

  /**
   * Renders a catalog with the files of the static folder, each served at its path with the same contract
   * (strong ETag, Last-Modified from the memory, gzip for text); a static {@code robots.txt} or
   * {@code favicon.ico} replaces Gazette's default.
   */
  public static Site render(Catalog catalog, Renderers renderers, Memory memory, Optional<Site> previous,
      Instant now, Reloads reloads, StaticFolder.Scan statics) {
    List<Route> eager = Routes.eager(catalog).stream()
        .filter(r -> !(r instanceof Route.Health) && !statics.replaces(r))
        .toList();
    List<Output> outputs = new ArrayList<>(renderers.renderEager(catalog, eager, reloads.at(now)));
    for (StaticFolder.File file : statics.files().values()) {
      outputs.add(new Output(new Route.Static(file.path()), 200, null, file.mediaType(), file.bytes(),
          Output.Caching.SHARED, null, null, null));
    }
    // Hashing and compressing are independent per body: spread them over every core.
    List<Body> bodies = outputs.parallelStream()
        .map(output -> body(output, previous.map(site -> site.renditions.get(output.path())).orElse(null)))
        .toList();
    Map<String, String> etags = new HashMap<>();
    for (Body body : bodies) {
      if (etags.put(body.output().path(), body.etag()) != null) {
        throw new IllegalStateException("two renderers produced " + body.output().path());
      }
      if (body.browser() != null) {
        etags.put(body.output().path() + BROWSER, body.browser().etag());
      }
    }
    Map<String, Instant> since = stamp(memory, etags, now);
    Map<String, Rendition> out = new HashMap<>(bodies.size() * 2 + 2);
    for (Body body : bodies) {
      String path = body.output().path();
      Rendition browser = body.browser() == null ? null
          : rendition(body.browser().output(), body.browser().etag(), body.browser().gzip(), since.get(path + BROWSER), null);
      out.put(path, rendition(body.output(), body.etag(), body.gzip(), since.get(path), browser));
    }
    Output notFound = renderers.notFound(catalog);
    out.put(notFound.path(), rendition(notFound, catalog.frameSince()));
    Route favicon = new Route.Favicon();
    if (!statics.replaces(favicon) && catalog.publication().icon() != null) {
      out.put(Routes.path(favicon), rendition(renderers.moved(favicon, catalog.publication().icon()), catalog.shapeSince()));
    }
    // Last, so that it can say how long the rest took; a status document, dated by the reload.
    Output health = renderers.render(new Route.Health(), catalog, reloads.at(now)).orElseThrow();
    out.put(health.path(), rendition(health, now.truncatedTo(ChronoUnit.SECONDS)));
    return new Site(catalog, renderers, memory, out, reloads.at(now), statics.files().keySet());
  }

  /** The key under which the memory dates the page a browser gets for a path. */
  private static final String BROWSER = " (browser)";

  /** A body hashed and compressed, and the browser's page for it; the very bytes rendered last time keep their hash. */
  private record Body(Output output, String etag, byte[] gzip, Body browser) {}

  private static Body body(Output output, Rendition before) {
    Body browser = output.browser() == null ? null
        : body(output.browser(), before == null ? null : before.browser());
    if (before != null && before.identity() == output.body()) {
      return new Body(output, before.etag(), before.gzip(), browser);
    }
    return new Body(output, etag(output.body()), compressible(output.mediaType()) ? smallerGzip(output.body()) : null,
        browser);
  }

  /** Whether gzip is worth trying on a media type: text, not images, audio, video, fonts or archives (already compressed). */
  static boolean compressible(String mediaType) {
    String type = mediaType.split(";", 2)[0].trim();
    return type.startsWith("text/") || type.endsWith("+xml") || type.endsWith("+json") || type.equals("application/xml")
        || type.equals("application/json") || type.equals("application/javascript") || type.equals("image/x-icon");
  }

  /** When each path's bytes were first served, by the memory shared with every process serving this publication. */
  private static Map<String, Instant> stamp(Memory memory, Map<String, String> etags, Instant now) {
    Instant second = now.truncatedTo(ChronoUnit.SECONDS);
    return memory.transact(tx -> {
      Map<String, Instant> since = new HashMap<>();
      etags.forEach((path, etag) -> {
        Records.Validator before = tx.validator(path);
        if (before != null && before.etag().equals(etag)) {
          since.put(path, before.since());
          return;
        }
        // Later than anything served before, so If-Modified-Since never hides this change.
        Instant date = before != null && !second.isAfter(before.since()) ? before.since().plusSeconds(1) : second;
        tx.put(new Records.Validator(path, etag, date));
        since.put(path, date);
      });
      return since;
    });
  }

  /** Which rebuild this is, and when it began on the monotonic clock, so /health can say how long it took. */
  public record Reloads(long count, long startedNanos) {
    Reload at(Instant now) {
      return new Reload(now, Duration.ofNanos(System.nanoTime() - startedNanos), count);
    }
  }

  private static Rendition rendition(Output output, String etag, byte[] gzip, Instant lastModified, Rendition browser) {
    return new Rendition(output.status(), output.location(), output.mediaType(), output.body(), gzip, etag,
        lastModified.truncatedTo(ChronoUnit.SECONDS), output.caching(), output.self(), output.hub(), browser);
  }

  /** A rendition of a body rendered on request, its browser's page (if any) dated alike. */
  private static Rendition rendition(Output output, Instant lastModified) {
    Rendition browser = output.browser() == null ? null : rendition(output.browser(), lastModified);
    return rendition(output, etag(output.body()), smallerGzip(output.body()), lastModified, browser);
  }

  /**
   * A Site restored from the bytes an earlier run served ({@link Snapshot}): its eager paths only, with no
   * catalog to render on-demand pages from. It stands in while the real Site is read and rendered.
   */
  static Site restored(Map<String, Rendition> renditions) {
    return new Site(null, null, null, new HashMap<>(renditions), null, Set.of());
  }

  /**
   * Whether this Site answers every path: false for a {@link #restored} one, which knows only its eager
   * paths; any other path must wait for the real Site.
   */
  public boolean complete() {
    return catalog != null;
  }

  /** The paths rendered with the Site and their renditions, except {@code /health} (a status of this very reload). */
  public Map<String, Rendition> eager() {
    Map<String, Rendition> eager = new HashMap<>(renditions);
    eager.remove(Routes.path(new Route.Health()));
    return eager;
  }

  /** The response for {@code path}, rendering an on-demand page if it is not in the cache yet. */
  public Optional<Rendition> find(String path) {
    Rendition ready = renditions.get(path);
    if (ready != null) {
      return Optional.of(ready);
    }
    if (catalog == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(onDemand.get(path, this::renderOnDemand));
  }

  /** The response for {@code path} if it is ready without rendering (feeds, listing pages, cached pages), else null. */
  public Rendition ready(String path) {
    Rendition eager = renditions.get(path);
    return eager != null ? eager : onDemand.getIfPresent(path);
  }

  /** Whether {@link #find} may have to render or read something: a path not ready. */
  public boolean mustRender(String path) {
    return catalog != null && ready(path) == null;
  }

  /**
   * What is at a path that is not rendered with the Site: an article page, an archive page (the kept
   * bytes of a version once served, or the current one), a redirect from an old or non-canonical
   * URL, or a page saying its content is gone. Null: nothing is there.
   */
  private Rendition renderOnDemand(String path) {
    Routes routes = Routes.of(catalog.publication());
    Optional<Route> parsed = Routes.parse(path);
    if (parsed.isEmpty()) {
      return Routes.canonical(path)
          .map(canonical -> moved(Routes.parse(canonical).orElseThrow(), routes.base().resolve(canonical.substring(1)),
              catalog.shapeSince()))
          .or(() -> catalog.aliased(path).map(a -> moved(new Route.Alias(path), routes.link(a), catalog.since(a))))
          .orElse(null);
    }
    Route route = parsed.get();
    if (route instanceof Route.ArticlePage page) {
      Optional<Article> article = catalog.article(page.slug());
      if (article.isPresent()) {
        Article a = article.get();
        if (!a.page()) {
          return moved(route, routes.link(a), catalog.since(a));
        }
        return renderers.render(route, catalog, reload)
            .map(output -> rendition(output, later(catalog.since(a), catalog.frameSince())))
            .orElse(null);
      }
      Optional<Article> movedTo = catalog.moved(page.slug());
      if (movedTo.isPresent()) {
        return moved(route, routes.link(movedTo.get()), catalog.since(movedTo.get()));
      }
      if (renderers.preview() && catalog.unpublished(page.slug()).isPresent()) {
        // A writer's preview of a draft or a scheduled article: never remembered as served.
        return renderers.render(route, catalog, reload)
            .map(output -> rendition(output, catalog.frameSince()))
            .orElse(null);
      }
      return catalog.goneArticle(page.slug()).map(when -> gone(route, when)).orElse(null);
    }
    if (route instanceof Route.CategoryPage page) {
      return catalog.goneCategory(page.category()).map(when -> gone(route, when)).orElse(null);
    }
    if (route instanceof Route.Feed feed && feed.category() != null) {
      return catalog.goneCategory(feed.category()).map(when -> gone(route, when)).orElse(null);
    }
    if (route instanceof Route.Archive archive) {
      return archive(archive, path, routes);
    }
    if (route instanceof Route.ListingPage || route instanceof Route.ArchiveMonth || route instanceof Route.Sitemap) {
      return renderers.render(route, catalog, reload).map(this::dated).orElse(null);
    }
    return null;
  }

  /**
   * A listing page, archive month or sitemap part rendered on request, dated as eager bodies are: by when the
   * memory first saw its bytes, else by this Site's reload (when these bytes became what is served), so the
   * date does not depend on when it was asked for, and replicas sharing the memory agree.
   */
  private Rendition dated(Output output) {
    String etag = etag(output.body());
    Instant since = stamp(memory, Map.of(output.path(), etag), reload.at()).get(output.path());
    return rendition(output, etag, smallerGzip(output.body()), since, null);
  }

  private Rendition archive(Route.Archive route, String path, Routes routes) {
    List<Catalog.Archive> pages = catalog.archives();
    Catalog.Archive current = route.page() <= pages.size() ? pages.get(route.page() - 1) : null;
    if (route.token() != null) {
      Optional<Rendition> kept = kept(path);
      boolean showing = current != null && current.token().equals(route.token());
      if (kept.isPresent()) {
        // Its browser's page is rendered from what the page shows, which only the current version still has.
        Output page = showing ? renderers.render(route, catalog, reload).orElseThrow().browser() : null;
        return page == null ? kept.get() : kept.get().withBrowser(rendition(page, kept.get().lastModified()));
      }
      if (showing) {
        Output output = renderers.render(route, catalog, reload).orElseThrow();
        Rendition rendition = rendition(output, current.since());
        // A version of an archive page is served immutable: its bytes must outlive the content that made them.
        memory.keep(path, new Memory.Document(rendition.etag(), gzip(rendition.identity()), rendition.lastModified()));
        return rendition;
      }
    }
    if (current == null) {
      return null;
    }
    Route.Archive now = Routes.archive(current, route.format());
    return moved(route, routes.url(now), current.since());
  }

  /** The bytes kept for an immutable document, if they are there and hash to their ETag. */
  private Optional<Rendition> kept(String path) {
    return memory.kept(path).flatMap(document -> {
      byte[] identity = gunzip(document.gzip());
      if (identity == null || !etag(identity).equals(document.etag())) {
        return Optional.empty();
      }
      Route.Archive route = (Route.Archive) Routes.parse(path).orElseThrow();
      Format format = route.format();
      return Optional.of(new Rendition(200, null, format.mediaType(), identity,
          document.gzip().length < identity.length ? document.gzip() : null, document.etag(),
          document.firstServed().truncatedTo(ChronoUnit.SECONDS), Output.Caching.IMMUTABLE,
          Routes.of(catalog.publication()).url(route), null, null));
    });
  }

  private Rendition moved(Route from, URI to, Instant since) {
    return rendition(renderers.moved(from, to), since);
  }

  private Rendition gone(Route route, Instant when) {
    return rendition(renderers.gone(route, catalog), when);
  }

  private static Instant later(Instant a, Instant b) {
    return b.isAfter(a) ? b : a;
  }

  private static final java.util.regex.Pattern PLAIN_PATH = java.util.regex.Pattern.compile("/[A-Za-z0-9._~/+-]*");

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

  /** The {@code 404} page every path with nothing there gets. */
  public Rendition notFound() {
    return renditions.get(Routes.path(new Route.NotFound()));
  }

  /** The paths of the static folder's files this Site serves. */
  public Set<String> staticPaths() {
    return statics;
  }

  /** The paths of every version of an archive page kept because it was served: they keep their bytes. */
  public List<String> keptPaths() {
    return memory.keptPaths();
  }

  /**
   * Paths that lead elsewhere ({@code 301}) or say their content is gone ({@code 410}): old article URLs,
   * categories no longer used, the stable names of archive pages, and {@code /favicon.ico} when it leads to
   * the publication's icon.
   */
  public List<String> formerPaths() {
    List<String> paths = new ArrayList<>();
    String favicon = Routes.path(new Route.Favicon());
    if (renditions.containsKey(favicon) && renditions.get(favicon).status() == 301) {
      paths.add(favicon);
    }
    for (String slug : catalog.formerArticleSlugs()) {
      paths.add(Routes.path(new Route.ArticlePage(slug)));
    }
    for (String alias : catalog.aliases()) {
      // A Gazette URL and a static file win over an old one (AliasCheck warns of both); and the static export
      // names each path in an nginx include, so a path with characters nginx reads as syntax (spaces, quotes,
      // braces, semicolons) is left to serve.
      if (Routes.parse(alias).isEmpty() && Routes.canonical(alias).isEmpty() && !statics.contains(alias)
          && PLAIN_PATH.matcher(alias).matches()) {
        paths.add(alias);
      }
    }
    for (String slug : catalog.goneCategories()) {
      paths.add(Routes.path(new Route.CategoryPage(slug)));
      for (Format format : Format.ALL) {
        paths.add(Routes.path(new Route.Feed(slug, format)));
      }
    }
    for (Catalog.Archive archive : catalog.archives()) {
      for (Format format : Format.ALL) {
        if (format.paged()) {
          paths.add(Routes.path(new Route.Archive(archive.number(), null, format)));
        }
      }
    }
    return paths;
  }

  /** Every feed of the Site (the renditions that have their own URL), in URL order. */
  public List<Rendition> feeds() {
    List<Rendition> feeds = new ArrayList<>();
    for (Rendition rendition : renditions.values()) {
      if (rendition.feed()) {
        feeds.add(rendition);
      }
    }
    feeds.sort(Comparator.comparing(r -> r.self().toString()));
    return feeds;
  }

  public Catalog catalog() {
    return catalog;
  }

  /** When this Site's reload began, how long it took, and which reload it was. */
  public Reload reload() {
    return reload;
  }

  static String etag(byte[] body) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
      return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 27) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** The gzip form of a body, or null when it is not smaller. */
  private static byte[] smallerGzip(byte[] body) {
    byte[] gzip = gzip(body);
    return gzip.length < body.length ? gzip : null;
  }

  private static byte[] gunzip(byte[] gzip) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      return in.readAllBytes();
    } catch (IOException e) {
      return null;
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
