package gazette.catalog;

import gazette.article.Article;
import gazette.article.Problem;
import gazette.article.Publication;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An immutable snapshot of what readers may see: the publication, its published articles newest first,
 * every problem in the input, when the next scheduled article comes due, and when each source file
 * was last modified.
 */
public record Catalog(
    Publication publication,
    Path publicationFile,
    List<Article> articles,
    List<Problem> problems,
    Optional<Instant> nextScheduled,
    Map<Path, Instant> modified) {

  /** Newest first; ties broken by id so the order never depends on the file system. */
  public static final Comparator<Article> NEWEST_FIRST = Comparator.comparing(Article::published)
      .reversed()
      .thenComparing(Article::id);

  public Catalog {
    articles = articles.stream().sorted(NEWEST_FIRST).toList();
    problems = problems.stream().sorted().toList();
    modified = Map.copyOf(modified);
  }

  /** The newest {@code limit} articles: what the main feeds carry. */
  public List<Article> feed() {
    return articles.subList(0, Math.min(publication.limit(), articles.size()));
  }

  public Optional<Article> article(String slug) {
    return Optional.ofNullable(bySlug().get(slug));
  }

  private Map<String, Article> bySlug() {
    return articles.stream().collect(Collectors.toMap(Article::slug, Function.identity()));
  }

  /** Whether {@code _feed.yaml} itself has problems (the catalog then runs on the last good publication or defaults). */
  public boolean publicationInvalid() {
    return problems.stream().anyMatch(p -> p.file().equals(publicationFile));
  }

  /** The newest {@code updated} among these articles: the date a feed of them says it last changed. */
  public static Optional<Instant> lastUpdate(List<Article> articles) {
    return articles.stream().map(Article::updated).max(Comparator.naturalOrder());
  }

  /**
   * The latest moment the sources of an output built from these articles changed: their {@code updated}
   * dates and the modification times of their files and of {@code _feed.yaml}.
   */
  public Instant sourcesChanged(List<Article> of) {
    Instant latest = modified.getOrDefault(publicationFile, Instant.EPOCH);
    for (Article a : of) {
      Instant file = modified.getOrDefault(a.file(), Instant.EPOCH);
      Instant max = a.updated().isAfter(file) ? a.updated() : file;
      if (max.isAfter(latest)) {
        latest = max;
      }
    }
    return latest;
  }
}
