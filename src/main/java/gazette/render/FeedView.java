package gazette.render;

import gazette.article.Article;
import gazette.article.Publication;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * One feed document, whatever its format: everything its bytes depend on. {@code older} is the next
 * older archive page ({@code prev-archive}), {@code newer} the next newer one ({@code next-archive}),
 * {@code current} the subscription feed an archive page belongs to; each is null when there is none.
 * {@code newestSource} dates its sources (see {@link gazette.catalog.Catalog#newestSource}).
 */
record FeedView(Route route, Publication publication, String title, String description, URI home, URI self,
    List<Article> entries, URI older, URI newer, URI current, Instant newestSource) {

  FeedView {
    entries = List.copyOf(entries);
  }

  boolean archive() {
    return route instanceof Route.Archive;
  }

  Routes routes() {
    return Routes.of(publication);
  }
}
