package gazette.render;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import gazette.article.Article;
import gazette.article.ContentCache;
import gazette.article.Publication;
import gazette.catalog.Catalog;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Every feed document in every format: the publication's feeds, each category's, and the archive
 * pages. It decides what each document carries (a {@link FeedView}); the format's writer turns that
 * into bytes.
 */
final class FeedRenderer implements Renderer<FeedView> {
  /** Memo of what each writer wrote per article, kept while the publication is unchanged. */
  private static final long MEMO_BYTES = 32L << 20;

  private final ContentCache contents;
  /** Renders the page a browser gets for a feed. */
  private final BiFunction<FeedView, Format, Output> browserPage;
  private final Map<Format, Memo> memos = new ConcurrentHashMap<>();

  /** What one format's writer wrote per article under one publication (an Article kept across a publication change must be written again). */
  private record Memo(Publication publication, Cache<Article, Object> written) {}

  FeedRenderer(ContentCache contents, BiFunction<FeedView, Format, Output> browserPage) {
    this.contents = contents;
    this.browserPage = browserPage;
  }

  @Override
  public Optional<FeedView> view(Route route, Catalog catalog, Reload reload) {
    Publication p = catalog.publication();
    Routes routes = Routes.of(p);
    String id = "tag:" + catalog.authority() + "," + catalog.born() + ":" + Routes.path(route).substring(1);
    if (route instanceof Route.Feed feed) {
      if (feed.category() == null) {
        List<Catalog.Archive> pages = catalog.archives();
        URI older = pages.isEmpty() ? null
            : routes.url(Routes.archive(pages.get(pages.size() - 1), feed.format().archives()));
        // Archived articles revised lately travel in the subscription feed, so readers see the change.
        List<Article> entries = new ArrayList<>(catalog.feed());
        Set<Article> shown = Collections.newSetFromMap(new IdentityHashMap<>());
        shown.addAll(entries);
        catalog.revised().stream().filter(a -> !shown.contains(a)).forEach(entries::add);
        return Optional.of(new FeedView(route, p, id, p.title(), Feeds.description(p), p.baseUrl(), routes.url(route),
            entries, older, null, null, catalog.tombstones()));
      }
      return catalog.category(feed.category()).map(category -> new FeedView(route, p, id,
          p.title() + ": " + category.name(), category.name() + " from " + p.title(),
          routes.url(new Route.CategoryPage(category.slug())), routes.url(route), catalog.window(category.articles()),
          null, null, null, List.of()));
    }
    if (route instanceof Route.Archive archive) {
      List<Catalog.Archive> pages = catalog.archives();
      int n = archive.page();
      if (n > pages.size() || !pages.get(n - 1).token().equals(archive.token())) {
        return Optional.empty(); // not the current version of a page: the Site decides what it is
      }
      Format format = archive.format();
      Catalog.Archive page = pages.get(n - 1);
      URI older = n > 1 ? routes.url(Routes.archive(pages.get(n - 2), format)) : null;
      // The next page by its stable name, which never changes: naming its version would change this page
      // each time that one changes.
      URI current = routes.url(Route.Feed.main(format));
      URI newer = n < pages.size() ? routes.url(new Route.Archive(n + 1, null, format)) : current;
      return Optional.of(new FeedView(route, p, id, p.title() + " (archive " + n + ")", Feeds.description(p),
          p.baseUrl(), routes.url(route), page.entries(), older, newer, current, List.of()));
    }
    return Optional.empty();
  }

  @Override
  public Output render(FeedView view) {
    Format format = view.route() instanceof Route.Archive archive ? archive.format() : ((Route.Feed) view.route()).format();
    byte[] body = format.writer().write(view, new Entries(contents, view.routes(), memo(format, view.publication())));
    // A version of an archive page is named by what it shows: its bytes never change.
    return new Output(view.route(), 200, null, format.mediaType(), body,
        view.archive() ? Output.Caching.IMMUTABLE : Output.Caching.SHARED, view.self(),
        view.archive() ? null : view.publication().hub(), browserPage.apply(view, format));
  }

  /** The memo of one format's writer under this publication. */
  private Cache<Article, Object> memo(Format format, Publication publication) {
    return memos.compute(format, (f, memo) -> memo != null && memo.publication().equals(publication) ? memo
        : new Memo(publication, Caffeine.newBuilder()
            .weakKeys() // identity: an Article object stands for one version of one file
            .maximumWeight(MEMO_BYTES)
            .weigher((Article a, Object written) -> 64 + (written instanceof String s ? 2 * s.length() : 0))
            .build())).written();
  }
}
