package gazette.render;

import gazette.article.Article;
import gazette.article.ContentCache;
import gazette.catalog.Catalog;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every renderer of a site, with the caches they keep between renders (converted content, bodies whose
 * view is unchanged, what a writer wrote per article). One per running publication; the caches are
 * passed in or owned here, never static.
 */
public final class Renderers {
  private final ContentCache contents;
  private final FeedRenderer feeds;
  private final HtmlRenderer pages;
  private final StylesheetRenderer stylesheet = new StylesheetRenderer();
  private final StyleRenderer style = new StyleRenderer(this::look);
  private final HealthRenderer health = new HealthRenderer();
  private volatile Look look = Look.bundled();
  private volatile boolean preview;
  private final SitemapRenderer sitemap = new SitemapRenderer(Routes.SITEMAP_URLS);
  private final RobotsRenderer robots = new RobotsRenderer();
  private final Reuse reuse = new Reuse();

  public Renderers(ContentCache contents) {
    this.contents = contents;
    this.pages = new HtmlRenderer(contents, this::look, this::preview);
    this.feeds = new FeedRenderer(contents, pages::feedPage);
  }

  /**
   * Renders the given eager routes of a catalog on every core, handing back last time's body for each
   * route whose view is unchanged. Calls must not overlap.
   */
  public synchronized List<Output> renderEager(Catalog catalog, List<Route> routes, Reload reload) {
    // The listings share most of their articles: convert each one's content once, on every core.
    windowed(catalog).parallelStream().forEach(contents::html);
    List<Output> out = routes.parallelStream()
        .map(route -> render(rendererOf(route), route, catalog, reload, true))
        .flatMap(Optional::stream)
        .toList();
    reuse.finish();
    return out;
  }

  /**
   * The look pages are rendered with from now on: the next render of a Site shows it everywhere (feeds'
   * browser pages too, so no body is reused). Call it between renders, on the thread that renders.
   */
  public synchronized void look(Look next) {
    look = java.util.Objects.requireNonNull(next, "look");
    reuse.forget();
  }

  /**
   * Preview mode from now on: pages carry the script that reloads them after a save, and article pages
   * show drafts and scheduled articles (never the feeds or listings). Call it before the first render.
   */
  public void preview(boolean on) {
    preview = on;
  }

  /** Whether pages are rendered for a writer's preview. */
  public boolean preview() {
    return preview;
  }

  /** The look pages are rendered with. */
  public Look look() {
    return look;
  }

  /** The {@code 404} page: what a path with nothing there gets. */
  public Output notFound(Catalog catalog) {
    return pages.notFound(catalog);
  }

  /** The {@code 410} page for a route whose content is gone for good. */
  public Output gone(Route route, Catalog catalog) {
    return pages.gone(route, catalog);
  }

  /** The {@code 301} from a route to where its content is now. */
  public Output moved(Route route, URI to) {
    String href = to.toASCIIString().replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    byte[] body = ("<!DOCTYPE html>\n<title>Moved</title>\n<p>Moved to <a href=\"" + href + "\">" + href + "</a></p>\n")
        .getBytes(StandardCharsets.UTF_8);
    return new Output(route, 301, to, MediaTypes.HTML, body, Output.Caching.SHARED, null, null, null);
  }

  /** Renders one route from scratch; empty when the catalog has nothing there. Safe on any thread. */
  public Optional<Output> render(Route route, Catalog catalog, Reload reload) {
    return render(rendererOf(route), route, catalog, reload, false);
  }

  private <V> Optional<Output> render(Renderer<V> renderer, Route route, Catalog catalog, Reload reload,
      boolean reused) {
    return renderer.view(route, catalog, reload)
        .map(view -> reused ? reuse.get(route, view, renderer::render) : renderer.render(view));
  }

  private Renderer<?> rendererOf(Route route) {
    if (route instanceof Route.Feed || route instanceof Route.Archive) {
      return feeds;
    }
    if (route instanceof Route.Home || route instanceof Route.CategoryPage || route instanceof Route.ArticlePage
        || route instanceof Route.ListingPage || route instanceof Route.ArchiveIndex || route instanceof Route.ArchiveMonth) {
      return pages;
    }
    if (route instanceof Route.Sitemap) {
      return sitemap;
    }
    if (route instanceof Route.Robots) {
      return robots;
    }
    if (route instanceof Route.Stylesheet) {
      return stylesheet;
    }
    if (route instanceof Route.Style) {
      return style;
    }
    if (route instanceof Route.Health) {
      return health;
    }
    throw new IllegalStateException("a route kind without a renderer: " + route);
  }

  /** Every article some eager feed or listing page carries, once each. */
  private static Set<Article> windowed(Catalog catalog) {
    Set<Article> articles = Collections.newSetFromMap(new IdentityHashMap<>());
    articles.addAll(catalog.feed());
    for (Catalog.Category category : catalog.categories()) {
      articles.addAll(catalog.window(category.articles()));
    }
    return articles;
  }
}
