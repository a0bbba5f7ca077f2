package gazette.render;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import gazette.article.Article;
import gazette.article.ContentCache;
import gazette.article.Publication;
import gazette.catalog.Catalog;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every feed document in every format: the publication's feeds, each category's, and the archive
 * pages. It decides what each document carries (a {@link FeedView}); the format's writer turns that
 * into bytes.
 */
final class FeedRenderer implements Renderer<FeedView> {
  /** Memo of what each writer wrote per article, kept while the publication is unchanged. */
  private static final long MEMO_BYTES = 32L << 20;

  private final ContentCache contents;
  private final Map<Format, Memo> memos = new ConcurrentHashMap<>();

  /** What one format's writer wrote per article under one publication (an Article kept across a publication change must be written again). */
  private record Memo(Publication publication, Cache<Article, Object> written) {}

  FeedRenderer(ContentCache contents) {
    this.contents = contents;
  }

  @Override
  public Optional<FeedView> view(Route route, Catalog catalog, Reload reload) {
    Publication p = catalog.publication();
    Routes routes = Routes.of(p);
    if (route instanceof Route.Feed feed) {
      Format archives = feed.format().archives();
      if (feed.category() == null) {
        int pages = catalog.archives().size();
        List<Article> entries = catalog.feed();
        return Optional.of(new FeedView(route, p, p.title(), Feeds.description(p), p.baseUrl(), routes.url(route),
            entries, pages == 0 ? null : routes.url(new Route.Archive(pages, archives)), null, null,
            catalog.newestSource(entries)));
      }
      return catalog.category(feed.category()).map(category -> {
        List<Article> entries = catalog.window(category.articles());
        return new FeedView(route, p, p.title() + ": " + category.name(), category.name() + " from " + p.title(),
            routes.url(new Route.CategoryPage(category.slug())), routes.url(route), entries, null, null, null,
            catalog.newestSource(entries));
      });
    }
    if (route instanceof Route.Archive archive) {
      List<List<Article>> pages = catalog.archives();
      int n = archive.page();
      if (n > pages.size()) {
        return Optional.empty();
      }
      Format format = archive.format();
      List<Article> entries = pages.get(n - 1);
      URI older = n > 1 ? routes.url(new Route.Archive(n - 1, format)) : null;
      URI newer = n < pages.size() ? routes.url(new Route.Archive(n + 1, format)) : null;
      return Optional.of(new FeedView(route, p, p.title() + " (archive " + n + ")", Feeds.description(p),
          p.baseUrl(), routes.url(route), entries, older, newer, routes.url(Route.Feed.main(format)),
          catalog.newestSource(entries)));
    }
    return Optional.empty();
  }

  @Override
  public Output render(FeedView view) {
    Format format = view.route() instanceof Route.Archive archive ? archive.format() : ((Route.Feed) view.route()).format();
    byte[] body = format.writer().write(view, new Entries(contents, view.routes(), memo(format, view.publication())));
    boolean full = view.archive() && view.entries().size() == Catalog.ARCHIVE_PAGE_SIZE;
    return new Output(view.route(), format.mediaType(), format.browserType(), body,
        full ? Output.Caching.IMMUTABLE : Output.Caching.SHARED, view.self(),
        view.archive() ? null : view.publication().hub(), view.newestSource());
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
