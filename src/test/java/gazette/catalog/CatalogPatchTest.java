package gazette.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import gazette.article.Article;
import gazette.article.ArticleParser;
import gazette.article.Publication;
import gazette.article.PublicationParser;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A catalog made from the one before it, where a reload replaced a few articles, orders its articles and groups its
 * categories as one made from nothing does; it keeps the categories no replaced article is in as the very same
 * objects, and makes everything again when an article moved, named other categories, or a slug changed.
 */
class CatalogPatchTest {
  private static final Publication PUBLICATION = PublicationParser.fallback(URI.create("https://news.example.org/"));
  private static final Map<String, String> SLUGS = Map.of("Harbour", "harbour", "Market", "market", "Bridge",
      "bridge", "Quay", "harbour-2");

  @Test
  void aCatalogMadeFromTheOneBeforeIsTheCatalogMadeFromNothing() {
    List<Article> articles = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      articles.add(article(i, "Story " + i, day(i), categoriesOf(i)));
    }
    Collections.reverse(articles); // newest first
    Catalog first = same(null, articles, SLUGS);

    // An edit in place: the categories it is in are made again, the others are the same objects.
    articles.set(10, article(389, "Story 389, edited", day(389), categoriesOf(389)));
    Catalog edited = same(first, articles, SLUGS);
    assertThat(categoriesOf(389)).containsExactly("Harbour", "Quay");
    assertThat(edited.category("market").orElseThrow()).isSameAs(first.category("market").orElseThrow());
    assertThat(edited.category("bridge").orElseThrow()).isSameAs(first.category("bridge").orElseThrow());
    assertThat(edited.category("harbour").orElseThrow()).isNotSameAs(first.category("harbour").orElseThrow());

    // Two names with one slug in one article: it is in that category once.
    articles.set(11, article(388, "Story 388", day(388), List.of("Quay", "Harbour", "Quay")));
    Catalog twice = same(edited, articles, Map.of("Harbour", "harbour", "Market", "market", "Bridge", "bridge",
        "Quay", "harbour"));
    articles.set(11, article(388, "Story 388, again", day(388), List.of("Quay", "Harbour", "Quay")));
    same(twice, articles, Map.of("Harbour", "harbour", "Market", "market", "Bridge", "bridge", "Quay", "harbour"));

    // A new date that moves the article, other categories, another slug for a category, too many at once, one less.
    Catalog now = same(edited, articles, SLUGS);
    articles.set(20, article(379, "Story 379", day(3).plusSeconds(5), categoriesOf(379)));
    now = same(now, articles, SLUGS);
    articles.sort(Catalog.NEWEST_FIRST);
    now = same(now, articles, SLUGS);
    assertThat(categoriesOf(369)).containsExactly("Harbour", "Quay");
    replace(articles, article(369, "Story 369", day(369), List.of("Harbour")));
    now = same(now, articles, SLUGS);
    replace(articles, article(365, "Story 365", day(365), List.of("Bridge")));
    now = same(now, articles, SLUGS);
    now = same(now, articles, Map.of("Harbour", "harbour", "Market", "markets", "Bridge", "bridge", "Quay",
        "harbour-2"));
    for (int i = 0; i <= Catalog.MOST_REPLACED; i++) {
      Article was = articles.get(100 + i);
      articles.set(100 + i, article(399 - 100 - i, was.title() + ", batch", was.published(), was.categories()));
    }
    now = same(now, articles, SLUGS);
    articles.remove(50);
    same(now, articles, SLUGS);
  }

  @Test
  void newDatesInOneCategoryKeepItsOrderWhetherTheArticlesMoveOrNot() {
    List<Article> articles = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      articles.add(article(i, "Story " + i, day(10 * i), List.of("Harbour")));
    }
    articles.sort(Catalog.NEWEST_FIRST); // as the memory hands them over
    Catalog now = same(null, articles, SLUGS);

    // The newest moves one place down: a run of places each holding another article.
    replace(articles, article(5, "Story 5", day(35), List.of("Harbour")));
    articles.sort(Catalog.NEWEST_FIRST);
    now = same(now, articles, SLUGS);
    // Two neighbours get earlier dates in one reload and keep their places.
    replace(articles, article(3, "Story 3", day(28), List.of("Harbour")));
    replace(articles, article(5, "Story 5", day(29), List.of("Harbour")));
    articles.sort(Catalog.NEWEST_FIRST);
    assertThat(articles).extracting(Article::title).startsWith("Story 4", "Story 5", "Story 3", "Story 2");
    now = same(now, articles, SLUGS);
    Catalog.Category harbour = now.category("harbour").orElseThrow();
    replace(articles, article(0, "Story 0, edited", day(0), List.of("Harbour")));
    Catalog edited = same(now, articles, SLUGS);
    assertThat(edited.category("harbour").orElseThrow()).isNotSameAs(harbour);

    // Both articles of a category get earlier dates in one reload, in the same order.
    List<Article> two = new ArrayList<>(List.of(article(10, "Story 10", day(10), List.of("Harbour")),
        article(9, "Story 9", day(9), List.of("Harbour"))));
    Catalog both = same(null, two, SLUGS);
    two.set(0, article(10, "Story 10", day(8), List.of("Harbour")));
    two.set(1, article(9, "Story 9", day(7), List.of("Harbour")));
    same(both, two, SLUGS);
  }

  /** The catalog made from the one before (if any) and the one made from nothing: the same order and categories. */
  private static Catalog same(Catalog previous, List<Article> articles, Map<String, String> slugs) {
    List<Article> given = new ArrayList<>(articles);
    Collections.shuffle(given.subList(0, previous == null ? given.size() : 0)); // from nothing, any order
    Catalog made = catalog(given, slugs, previous);
    Catalog expected = catalog(given, slugs, null);
    assertThat(made.articles()).containsExactlyElementsOf(expected.articles());
    assertThat(made.articles()).isSortedAccordingTo(Catalog.NEWEST_FIRST);
    assertThat(made.categories()).hasSameSizeAs(expected.categories());
    for (int i = 0; i < expected.categories().size(); i++) {
      Catalog.Category want = expected.categories().get(i);
      Catalog.Category got = made.categories().get(i);
      assertThat(got.name()).isEqualTo(want.name());
      assertThat(got.slug()).isEqualTo(want.slug());
      assertThat(got.articles()).containsExactlyElementsOf(want.articles());
      assertThat(made.category(want.slug()).orElseThrow()).isSameAs(got);
    }
    return made;
  }

  private static Catalog catalog(List<Article> articles, Map<String, String> slugs, Catalog previous) {
    Instant when = Instant.parse("2025-06-01T00:00:00Z");
    Continuity continuity = new Continuity(Map.of(), slugs, List.of(), List.of(), List.of(), Map.of(), Map.of(),
        Map.of(), when, when, LocalDate.of(2025, 1, 1), "news.example.org", null);
    return new Catalog(PUBLICATION, Path.of("articles/_feed.yaml"), articles, List.of(), List.of(), Optional.empty(),
        continuity, previous);
  }

  /** Puts an article in the place of the one from the same file. */
  private static void replace(List<Article> articles, Article edited) {
    articles.replaceAll(a -> a.file().equals(edited.file()) ? edited : a);
  }

  private static List<String> categoriesOf(int n) {
    return switch (n % 4) {
      case 0 -> List.of("Harbour");
      case 1 -> List.of("Harbour", "Quay");
      case 2 -> List.of("Market", "Bridge");
      default -> List.of();
    };
  }

  private static Instant day(int n) {
    return LocalDate.of(2024, 1, 1).plusDays(n).atTime(10, 0).toInstant(java.time.ZoneOffset.UTC);
  }

  private static Article article(int n, String title, Instant published, List<String> categories) {
    String text = "title: " + title + "\npublished: " + published + "\ncategories: ["
        + String.join(", ", categories) + "]\ncontent: Text.\n";
    return new ArticleParser(PUBLICATION).parse(Path.of("articles", "story-" + n + ".yaml"),
        text.getBytes(StandardCharsets.UTF_8)).article().orElseThrow();
  }
}
