package gazette.render;

import gazette.article.Article;
import gazette.article.Publication;
import gazette.catalog.Catalog;
import java.net.URI;
import java.util.List;

/**
 * One feed document, whatever its format: everything its bytes depend on. {@code id} is the document's
 * own Atom id (a tag: URI that no base URL change touches). {@code older} is the next older archive
 * page ({@code prev-archive}), {@code newer} what follows an archive page ({@code next-archive}: the
 * stable name of the next page, or the subscription feed after the newest), and {@code current} the
 * subscription feed an archive page belongs to; each is null when there is none. {@code tombstones} are the entries deleted lately (RFC 6721).
 */
record FeedView(Route route, Publication publication, String id, String title, String description, URI home,
    URI self, List<Article> entries, URI older, URI newer, URI current, List<Catalog.Tombstone> tombstones) {

  FeedView {
    entries = List.copyOf(entries);
    tombstones = List.copyOf(tombstones);
  }

  boolean archive() {
    return route instanceof Route.Archive;
  }

  Routes routes() {
    return Routes.of(publication);
  }
}
