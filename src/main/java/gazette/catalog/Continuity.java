package gazette.catalog;

import gazette.article.Article;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the publication memory says about a catalog beyond its articles: since when each article's
 * version is served, the slug each category name was given, the archive pages with their frozen
 * membership, what was deleted or revised lately, which article each slug last belonged to and when
 * articles no longer published were deleted (where old article URLs go), which categories are gone, and since
 * when the publication (its "shape") and what every page shows around its content (its "frame") are
 * as they are. {@code born} is the date the memory began and {@code authority} the one of its tag: ids.
 */
public record Continuity(
    Map<String, Instant> since,
    Map<String, String> categorySlugs,
    List<Catalog.Archive> archives,
    List<Catalog.Tombstone> tombstones,
    List<Article> revised,
    Map<String, String> slugOwners,
    Map<String, Instant> deletedAt,
    Map<String, Instant> goneCategories,
    Instant shapeSince,
    Instant frameSince,
    LocalDate born,
    String authority,
    Instant nextExpiry) {

  public Continuity {
    since = since instanceof PatchedMap<?, ?> ? since : Map.copyOf(since); // a patched map is immutable too
    categorySlugs = Map.copyOf(categorySlugs);
    archives = List.copyOf(archives);
    tombstones = List.copyOf(tombstones);
    revised = List.copyOf(revised);
    slugOwners = Map.copyOf(slugOwners); // copied by the caller only when they change
    deletedAt = Map.copyOf(deletedAt);
    goneCategories = Map.copyOf(goneCategories);
    Objects.requireNonNull(shapeSince, "shapeSince");
    Objects.requireNonNull(frameSince, "frameSince");
    Objects.requireNonNull(born, "born");
    Objects.requireNonNull(authority, "authority");
  }
}
