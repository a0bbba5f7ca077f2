package gazette.catalog;

import gazette.article.Article;
import gazette.article.Problem;
import gazette.article.Publication;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable snapshot of what readers may see: the publication, its published articles newest first
 * (under the ids subscribers know them by), their categories and archive pages, what was deleted or
 * revised lately, where old URLs go, every problem in the input, and when the next scheduled change
 * comes due.
 */
public final class Catalog {
  /** Entries per full archive page. */
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

  /**
   * An RFC 5005 archive page: its number (1 the oldest), the token naming this version of it, its entries
   * newest first, since when it is as it is, and whether it is full (frozen: its members never change).
   * A version never changes its bytes; when what it shows changes, the page gets a new token.
   */
  public record Archive(int number, String token, List<Article> entries, Instant since, boolean full) {
    public Archive {
      entries = List.copyOf(entries);
    }
  }

  /** An entry deleted (or unpublished) lately: RFC 6721 tells feed readers that it is gone. */
  public record Tombstone(String id, Instant when) {}

  private final Publication publication;
  private final Path publicationFile;
  private final List<Article> articles;
  /** Drafts and scheduled articles: only a preview shows them, and nothing remembers them as published. */
  private final List<Article> unpublished;
  private final List<Problem> problems;
  private final Optional<Instant> nextDue;
  private final Continuity continuity;
  private volatile Map<String, Article> bySlug; // built on first use: only article pages look articles up
  private volatile Map<String, Article> byId; // built on first use: only old URLs look articles up by id
  private volatile Map<String, Article> byAlias; // built on first use: only paths that are no route look here
  private volatile NavigableMap<YearMonth, List<Article>> months; // built on first use: only the archive pages need it
  private final List<Category> categories;
  private final Map<String, Category> categoriesBySlug;

  /**
   * @param articles the published articles (sorted here, newest first)
   * @param nextDue when the next scheduled article comes due, or a remembered change expires
   */
  public Catalog(Publication publication, Path publicationFile, List<Article> articles, List<Problem> problems,
      Optional<Instant> nextDue, Continuity continuity) {
    this(publication, publicationFile, articles, List.of(), problems, nextDue, continuity);
  }

  /** @param unpublished the drafts and scheduled articles, for previews only */
  public Catalog(Publication publication, Path publicationFile, List<Article> articles, List<Article> unpublished,
      List<Problem> problems, Optional<Instant> nextDue, Continuity continuity) {
    this(publication, publicationFile, articles, unpublished, problems, nextDue, continuity, null);
  }

  /**
   * @param previous the catalog this one follows, or null: when only a few articles were replaced by others at the
   *     same place (a reload after an edit), the order and the categories are that catalog's with those replaced
   */
  Catalog(Publication publication, Path publicationFile, List<Article> articles, List<Article> unpublished,
      List<Problem> problems, Optional<Instant> nextDue, Continuity continuity, Catalog previous) {
    this.unpublished = List.copyOf(unpublished);
    this.publication = Objects.requireNonNull(publication, "publication");
    this.publicationFile = Objects.requireNonNull(publicationFile, "publicationFile");
    this.problems = problems.stream().sorted().toList();
    this.nextDue = Objects.requireNonNull(nextDue, "nextDue");
    this.continuity = Objects.requireNonNull(continuity, "continuity");
    List<Article> sorted = new ArrayList<>(articles);
    int[] replaced = previous == null ? null : replaced(previous.articles, sorted);
    if (replaced == null) {
      sorted.sort(NEWEST_FIRST); // linear when the caller's order is already right
    }
    this.articles = Collections.unmodifiableList(sorted);
    List<Category> patched = replaced == null ? null : patchedCategories(previous, replaced);
    this.categories = patched != null ? patched : grouped(this.articles, continuity.categorySlugs());
    Map<String, Category> index = new HashMap<>();
    for (Category category : categories) {
      index.put(category.slug(), category);
    }
    this.categoriesBySlug = Collections.unmodifiableMap(index);
  }

  /** Most articles replaced since the catalog before for this one to be made from it. */
  static final int MOST_REPLACED = 128;

  /**
   * Where {@code articles} has other articles than {@code before} (newest first), when they are as many, few, and
   * each is in order with its neighbours: then {@code articles} is newest first too, found without a look at the
   * others. Null otherwise.
   */
  private static int[] replaced(List<Article> before, List<Article> articles) {
    int[] at = otherObjects(before, articles, MOST_REPLACED);
    if (at == null) {
      return null;
    }
    for (int i : at) {
      if (i > 0 && NEWEST_FIRST.compare(articles.get(i - 1), articles.get(i)) > 0
          || i < articles.size() - 1 && NEWEST_FIRST.compare(articles.get(i), articles.get(i + 1)) > 0) {
        return null;
      }
    }
    return at;
  }

  /**
   * The places where {@code now} holds another object than {@code before} (compared as references, so no element is
   * read), or null when the lists differ in size or at more than {@code most} places.
   */
  static int[] otherObjects(List<?> before, List<?> now, int most) {
    if (before.size() != now.size()) {
      return null;
    }
    int[] at = new int[most];
    int count = 0;
    for (int i = 0; i < now.size(); i++) {
      if (now.get(i) != before.get(i)) {
        if (count == most) {
          return null;
        }
        at[count++] = i;
      }
    }
    return Arrays.copyOf(at, count);
  }

  /**
   * The categories of {@code previous} with the articles replaced at these places in this catalog, when each names the
   * categories the one it replaces named and every category keeps its slug; null otherwise. Each category's articles
   * are then in the places they had, with the replaced ones swapped, even where an article moved past others (a run of
   * places each holding another article). At 100,000 articles, grouping every article again was a fifth of a reload.
   */
  private List<Category> patchedCategories(Catalog previous, int[] replaced) {
    if (!continuity.categorySlugs().equals(previous.continuity.categorySlugs())) {
      return null;
    }
    Map<String, List<Article>> changed = new HashMap<>(); // slug → its articles, with the replaced ones in place
    for (int i : replaced) {
      Article was = previous.articles.get(i);
      Article now = articles.get(i);
      if (!now.categories().equals(was.categories())) {
        return null;
      }
      for (String name : now.categories()) {
        String slug = continuity.categorySlugs().get(name);
        if (slug == null) {
          continue;
        }
        // Found in the list as it was, sorted for what it held; in the new one, articles replaced before may have
        // other dates. In its place there, as it is in its place among all the articles.
        List<Article> before = previous.categoriesBySlug.get(slug).articles();
        int at = Collections.binarySearch(before, was, NEWEST_FIRST);
        if (at < 0 || before.get(at) != was) {
          return null; // not in the category it names: that catalog was not grouped as this class groups
        }
        changed.computeIfAbsent(slug, s -> new ArrayList<>(before)).set(at, now);
      }
    }
    List<Category> categories = new ArrayList<>(previous.categories.size());
    for (Category category : previous.categories) {
      List<Article> list = changed.get(category.slug());
      categories.add(list == null ? category : new Category(category.name(), category.slug(), list));
    }
    return List.copyOf(categories);
  }

  /** Every category in use, by slug, with its articles newest first (from {@code articles}, newest first). */
  private static List<Category> grouped(List<Article> articles, Map<String, String> categorySlugs) {
    Map<String, List<Article>> grouped = new HashMap<>();
    Map<String, String> names = new HashMap<>();
    // Each name's list, found once per name: a large site names its few categories hundreds of thousands of times.
    Map<String, List<Article>> byName = new HashMap<>();
    for (Article article : articles) {
      for (String name : article.categories()) {
        List<Article> list = byName.get(name);
        if (list == null) {
          String slug = categorySlugs.get(name);
          if (slug == null) {
            continue; // a name without a letter or digit has no URL
          }
          names.putIfAbsent(slug, name);
          list = grouped.computeIfAbsent(slug, s -> new ArrayList<>());
          byName.put(name, list);
        }
        if (list.isEmpty() || list.get(list.size() - 1) != article) {
          list.add(article);
        }
      }
    }
    return grouped.keySet().stream().sorted()
        .map(slug -> new Category(names.get(slug), slug, grouped.get(slug)))
        .toList();
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

  /** Every problem and warning, in file, line and column order. */
  public List<Problem> problems() {
    return problems;
  }

  /** The problems that keep something from being published (warnings left out). */
  public List<Problem> errors() {
    return problems.stream().filter(p -> !p.warning()).toList();
  }

  /** When the catalog changes without a file changing: a scheduled article comes due, or a remembered change expires. */
  public Optional<Instant> nextDue() {
    return nextDue;
  }

  /** The newest {@code limit} articles: what the main feeds carry. */
  public List<Article> feed() {
    return window(articles);
  }

  /** The newest {@code limit} of some articles (given newest first). */
  public List<Article> window(List<Article> newestFirst) {
    return newestFirst.subList(0, Math.min(publication.limit(), newestFirst.size()));
  }

  /** Archived articles revised lately: the subscription feed carries them too, so readers see the change. */
  public List<Article> revised() {
    return continuity.revised();
  }

  /** Entries deleted lately, newest first. */
  public List<Tombstone> tombstones() {
    return continuity.tombstones();
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

  /** A draft or scheduled article by slug: what a preview shows at {@code /articles/{slug}}. */
  public Optional<Article> unpublished(String slug) {
    return unpublished.stream().filter(a -> a.slug().equals(slug)).findFirst();
  }

  /** The drafts and scheduled articles, newest first. */
  public List<Article> unpublished() {
    return unpublished;
  }

  /**
   * The published article that names {@code path} among its {@code aliases} (its URL on an old site); the
   * first by file when two do.
   */
  public Optional<Article> aliased(String path) {
    Map<String, Article> index = byAlias;
    if (index == null) {
      Map<String, Article> built = new HashMap<>();
      for (Article article : articles) {
        for (String alias : article.aliases()) {
          built.merge(alias, article, (a, b) -> a.file().compareTo(b.file()) <= 0 ? a : b);
        }
      }
      byAlias = index = Collections.unmodifiableMap(built);
    }
    return Optional.ofNullable(index.get(path));
  }

  /** Every alias of every published article. */
  public List<String> aliases() {
    return articles.stream().flatMap(a -> a.aliases().stream()).distinct().sorted().toList();
  }

  /** The published article whose page was once at {@code /articles/{slug}} and is elsewhere now. */
  public Optional<Article> moved(String slug) {
    String id = continuity.slugOwners().get(slug);
    return Optional.ofNullable(id == null ? null : byId().get(id)).filter(a -> !a.slug().equals(slug));
  }

  /** When the article once at {@code /articles/{slug}} was deleted or unpublished. */
  public Optional<Instant> goneArticle(String slug) {
    String id = continuity.slugOwners().get(slug);
    return id == null || byId().containsKey(id) ? Optional.empty() : Optional.ofNullable(continuity.deletedAt().get(id));
  }

  private Map<String, Article> byId() {
    Map<String, Article> index = byId;
    if (index == null) {
      Map<String, Article> built = new HashMap<>(articles.size() * 2);
      for (Article article : articles) {
        built.put(article.id(), article);
      }
      byId = index = Collections.unmodifiableMap(built);
    }
    return index;
  }

  /** Every slug an article page once had and no published article has now: each leads elsewhere, or is gone. */
  public List<String> formerArticleSlugs() {
    return continuity.slugOwners().keySet().stream().filter(slug -> article(slug).isEmpty()).sorted().toList();
  }

  /** The slugs of every category no article uses any more. */
  public List<String> goneCategories() {
    return continuity.goneCategories().keySet().stream().sorted().toList();
  }

  /** When the category once at this slug stopped being used. */
  public Optional<Instant> goneCategory(String slug) {
    return Optional.ofNullable(continuity.goneCategories().get(slug));
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
   * The archive pages (RFC 5005) holding every article older than the feed window, page 1 the oldest:
   * full pages keep the members they were frozen with; the last may be partly filled.
   */
  public List<Archive> archives() {
    return continuity.archives();
  }

  /**
   * The pages of a listing's articles older than its window ({@code category} null: the publication's), page 1
   * the oldest, each newest first. The publication's are its archive pages, so HTML page n lists what archive
   * page n (RFC 5005) carries, frozen alike; a category's hold {@value #ARCHIVE_PAGE_SIZE} each, counted from
   * its oldest article, so they keep their articles as newer ones are published.
   */
  public List<List<Article>> olderPages(Category category) {
    if (category == null) {
      return archives().stream().map(Archive::entries).toList();
    }
    List<Article> all = category.articles();
    List<Article> older = all.subList(window(all).size(), all.size());
    List<List<Article>> pages = new ArrayList<>();
    for (int to = older.size(); to > 0; to -= ARCHIVE_PAGE_SIZE) {
      pages.add(older.subList(Math.max(0, to - ARCHIVE_PAGE_SIZE), to));
    }
    return pages;
  }

  /** Every month with articles, newest first, in the publication's time zone: each month's articles, newest first. */
  public NavigableMap<YearMonth, List<Article>> months() {
    NavigableMap<YearMonth, List<Article>> index = months;
    if (index == null) {
      TreeMap<YearMonth, List<Article>> built = new TreeMap<>(Comparator.reverseOrder());
      ZoneId zone = publication.timezone();
      // In a zone of one offset, a month is a span of instants: an article inside the span of the one before it
      // is in its month, found without a date of its own (100,000 of them at every reload of a large site).
      ZoneOffset fixed = zone.getRules().isFixedOffset() ? zone.getRules().getOffset(Instant.EPOCH) : null;
      Instant from = null;
      Instant until = null;
      List<Article> month = null;
      for (Article article : articles) {
        Instant published = article.published();
        if (month == null || published.isBefore(from) || !published.isBefore(until)) {
          YearMonth key = YearMonth.from(published.atZone(zone));
          month = built.computeIfAbsent(key, m -> new ArrayList<>());
          if (fixed != null) {
            from = key.atDay(1).atStartOfDay().toInstant(fixed);
            until = key.plusMonths(1).atDay(1).atStartOfDay().toInstant(fixed);
          } else {
            from = until = published; // an empty span: every article finds its own month
          }
        }
        month.add(article);
      }
      built.replaceAll((key, list) -> List.copyOf(list));
      months = index = Collections.unmodifiableNavigableMap(built);
    }
    return index;
  }

  /** Since when the article's current version is what is served. */
  public Instant since(Article article) {
    Instant since = continuity.since().get(article.id());
    if (since == null) {
      throw new IllegalArgumentException("not an article of this catalog: " + article.id());
    }
    return since;
  }

  /** Since when the publication (everything {@code _feed.yaml} says) is as it is. */
  public Instant shapeSince() {
    return continuity.shapeSince();
  }

  /** Since when what every page shows around its content (the publication and its categories) is as it is. */
  public Instant frameSince() {
    return continuity.frameSince();
  }

  /** The date the publication memory began: the date in the tag: ids of the feeds themselves. */
  public LocalDate born() {
    return continuity.born();
  }

  /** The authority of tag: ids: {@code id_authority}, else the one the memory first saw. */
  public String authority() {
    return continuity.authority();
  }

  /** Whether {@code _feed.yaml} itself has problems (the catalog then runs on the last good publication or defaults). */
  public boolean publicationInvalid() {
    return problems.stream().anyMatch(p -> !p.warning() && p.file().equals(publicationFile));
  }

  /**
   * This catalog without some articles (in the feeds, the pages and the archive pages), with more
   * problems: what is published when those articles cannot be.
   */
  public Catalog without(Set<Article> left, List<Problem> more) {
    Set<Article> out = Collections.newSetFromMap(new IdentityHashMap<>());
    out.addAll(left);
    List<Problem> problems = new ArrayList<>(this.problems);
    problems.addAll(more);
    List<Archive> archives = continuity.archives().stream()
        .map(a -> new Archive(a.number(), a.token(), a.entries().stream().filter(e -> !out.contains(e)).toList(),
            a.since(), a.full()))
        .toList();
    Continuity kept = new Continuity(continuity.since(), continuity.categorySlugs(), archives, continuity.tombstones(),
        continuity.revised().stream().filter(a -> !out.contains(a)).toList(), continuity.slugOwners(),
        continuity.deletedAt(), continuity.goneCategories(), continuity.shapeSince(), continuity.frameSince(),
        continuity.born(), continuity.authority(), continuity.nextExpiry());
    return new Catalog(publication, publicationFile, articles.stream().filter(a -> !out.contains(a)).toList(),
        unpublished.stream().filter(a -> !out.contains(a)).toList(), problems, nextDue, kept);
  }

  /** A catalog of one of this catalog's articles alone, with no archive: to render that article by itself. */
  public Catalog alone(Article article) {
    Continuity only = new Continuity(continuity.since(), continuity.categorySlugs(), List.of(), List.of(), List.of(),
        Map.of(), Map.of(), Map.of(), continuity.shapeSince(), continuity.frameSince(), continuity.born(),
        continuity.authority(), null);
    return new Catalog(publication, publicationFile, List.of(article), List.of(), Optional.empty(), only);
  }

  /** The newest {@code updated} among these articles: the date a feed of them says it last changed. */
  public static Optional<Instant> lastUpdate(List<Article> articles) {
    // A loop, not a stream: the sitemap asks this of every listing page at every reload.
    Instant newest = null;
    for (Article article : articles) {
      Instant updated = article.updated();
      if (newest == null || updated.isAfter(newest)) {
        newest = updated;
      }
    }
    return Optional.ofNullable(newest);
  }
}
