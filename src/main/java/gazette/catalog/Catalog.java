package gazette.catalog;

import gazette.article.Article;
import gazette.article.Problem;
import gazette.article.Publication;
import gazette.article.Slugs;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable snapshot of what readers may see: the publication, its published articles newest first,
 * their categories and archive pages, every problem in the input, when the next scheduled article
 * comes due, and when each source file was last modified.
 */
public final class Catalog {
  /** Entries per archive page: fixed, so that a full page never changes when newer articles arrive. */
  public static final int ARCHIVE_PAGE_SIZE = 50;

  /** Newest first; ties broken by id so the order never depends on the file system. */
  public static final Comparator<Article> NEWEST_FIRST = Comparator.comparing(Article::published)
      .reversed()
      .thenComparing(Article::id);

  /** One category in use: its name as first written, its URL slug, and its articles newest first. */
  public record Category(String name, String slug, List<Article> articles) {
    public Category {
      articles = List.copyOf(articles);
    }
  }

  private final Publication publication;
  private final Path publicationFile;
  private final List<Article> articles;
  private final List<Problem> problems;
  private final Optional<Instant> nextScheduled;
  private final Instant publicationSeen;
  private volatile Map<String, Article> bySlug; // built on first use: only article pages look articles up
  private final List<Category> categories;
  private final Map<String, Category> categoriesBySlug;

  /**
   * @param publicationSeen when Gazette first saw the current version of {@code _feed.yaml}
   * @param articles the published articles (sorted here, newest first)
   */
  public Catalog(Publication publication, Path publicationFile, Instant publicationSeen, List<Article> articles,
      List<Problem> problems, Optional<Instant> nextScheduled) {
    this.publication = Objects.requireNonNull(publication, "publication");
    this.publicationFile = Objects.requireNonNull(publicationFile, "publicationFile");
    this.publicationSeen = Objects.requireNonNull(publicationSeen, "publicationSeen");
    List<Article> sorted = new ArrayList<>(articles);
    sorted.sort(NEWEST_FIRST); // linear when the caller's order is already right
    this.articles = Collections.unmodifiableList(sorted);
    this.problems = problems.stream().sorted().toList();
    this.nextScheduled = Objects.requireNonNull(nextScheduled, "nextScheduled");
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, String> slugOfName = new HashMap<>();
    Map<String, List<Article>> grouped = new HashMap<>();
    for (Article article : this.articles) {
      for (String name : article.categories()) {
        String slug = slugOfName.computeIfAbsent(name, Slugs::of);
        if (slug.isEmpty()) {
          continue;
        }
        names.putIfAbsent(slug, name);
        List<Article> list = grouped.computeIfAbsent(slug, s -> new ArrayList<>());
        if (list.isEmpty() || list.get(list.size() - 1) != article) {
          list.add(article);
        }
      }
    }
    this.categories = names.keySet().stream().sorted()
        .map(slug -> new Category(names.get(slug), slug, grouped.get(slug)))
        .toList();
    Map<String, Category> bySlug = new HashMap<>();
    for (Category category : categories) {
      bySlug.put(category.slug(), category);
    }
    this.categoriesBySlug = Collections.unmodifiableMap(bySlug);
  }

  public Publication publication() {
    return publication;
  }

  public Path publicationFile() {
    return publicationFile;
  }

  /** Every published article, newest first. */
  public List<Article> articles() {
    return articles;
  }

  public List<Problem> problems() {
    return problems;
  }

  public Optional<Instant> nextScheduled() {
    return nextScheduled;
  }

  /** When Gazette first saw the current version of {@code _feed.yaml}. */
  public Instant publicationSeen() {
    return publicationSeen;
  }

  /** The newest {@code limit} articles: what the main feeds carry. */
  public List<Article> feed() {
    return window(articles);
  }

  /** The newest {@code limit} of some articles (given newest first). */
  public List<Article> window(List<Article> newestFirst) {
    return newestFirst.subList(0, Math.min(publication.limit(), newestFirst.size()));
  }

  public Optional<Article> article(String slug) {
    Map<String, Article> index = bySlug;
    if (index == null) {
      Map<String, Article> built = new HashMap<>(articles.size() * 2);
      for (Article article : articles) {
        built.put(article.slug(), article);
      }
      bySlug = index = Collections.unmodifiableMap(built);
    }
    return Optional.ofNullable(index.get(slug));
  }

  /** Every category in use, by slug. */
  public List<Category> categories() {
    return categories;
  }

  /** The category at a slug, if one is in use. */
  public Optional<Category> category(String slug) {
    return Optional.ofNullable(categoriesBySlug.get(slug));
  }

  /**
   * The archive pages (RFC 5005) holding every article older than the feed window: page 1 has the
   * oldest {@value #ARCHIVE_PAGE_SIZE}, and so on; only the last page may be partly filled. Each
   * page lists its articles newest first.
   */
  public List<List<Article>> archives() {
    int archived = Math.max(0, articles.size() - publication.limit());
    List<List<Article>> pages = new ArrayList<>();
    for (int start = 0; start < archived; start += ARCHIVE_PAGE_SIZE) {
      int end = Math.min(archived, start + ARCHIVE_PAGE_SIZE);
      // articles is newest first: the oldest-first positions [start, end) sit at the tail
      pages.add(articles.subList(articles.size() - end, articles.size() - start));
    }
    return pages;
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
   * The newest of the sources of an output built from these articles: their {@code updated} dates,
   * when Gazette first saw their files as they are, and when it first saw {@code _feed.yaml}.
   */
  public Instant newestSource(List<Article> of) {
    Instant latest = publicationSeen;
    for (Article a : of) {
      Instant max = a.updated().isAfter(a.firstSeen()) ? a.updated() : a.firstSeen();
      if (max.isAfter(latest)) {
        latest = max;
      }
    }
    return latest;
  }
}
