package gazette.render;

import static org.assertj.core.api.Assertions.assertThat;

import gazette.article.Article;
import gazette.article.ArticleParser;
import gazette.article.Publication;
import gazette.article.PublicationParser;
import gazette.catalog.Catalog;
import gazette.catalog.Catalogs;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sitemap's dates, found again at each reload only where a listing page's articles changed, are the dates
 * found from scratch: after an edit that moves one article's date, an edit that adds one, and one that removes it.
 */
class ListedDatesTest {
  private static final Publication PUBLICATION = PublicationParser.fallback(URI.create("https://news.example.org/"));
  private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");

  @Test
  void datesFoundBeforeAreTheDatesFoundAgainAfterEveryKindOfEdit() {
    List<Article> articles = stories(160);
    Routes.Newest memo = new Routes.Newest();
    Catalog first = Catalogs.of(PUBLICATION, articles, NOW);
    assertThat(Routes.listed(first, memo)).isEqualTo(Routes.listed(first, null));

    // An old article (on an archive page, a month and a category's older page) gets a later update.
    articles.set(3, article(3, "2025-05-30T00:00:00Z"));
    Catalog edited = Catalogs.of(PUBLICATION, articles, NOW);
    List<Routes.Listed> found = Routes.listed(edited, memo);
    assertThat(found).isEqualTo(Routes.listed(edited, null));
    assertThat(found).isNotEqualTo(Routes.listed(first, null));

    articles.add(article(160, "2025-05-31T00:00:00Z"));
    Catalog added = Catalogs.of(PUBLICATION, articles, NOW);
    assertThat(Routes.listed(added, memo)).isEqualTo(Routes.listed(added, null));

    articles.remove(3);
    Catalog removed = Catalogs.of(PUBLICATION, articles, NOW);
    assertThat(Routes.listed(removed, memo)).isEqualTo(Routes.listed(removed, null));
    assertThat(Routes.listed(first, memo)).isEqualTo(Routes.listed(first, null));
  }

  @Test
  void pagesNoLongerListedAreForgottenWithTheirArticles() {
    List<Article> articles = stories(160);
    Routes.Newest memo = new Routes.Newest();
    Catalog before = Catalogs.of(PUBLICATION, articles, NOW);
    assertThat(memo.remembered()).isZero();
    int listingPages = listingPages(Routes.listed(before, memo));
    assertThat(memo.remembered()).isEqualTo(listingPages);

    articles.subList(100, 160).clear(); // the newest 60 go: fewer older pages, fewer months
    Catalog after = Catalogs.of(PUBLICATION, articles, NOW);
    int fewer = listingPages(Routes.listed(after, memo));
    assertThat(fewer).isLessThan(listingPages);
    assertThat(memo.remembered()).isEqualTo(fewer);
  }

  /** The pages the memo keeps a date for: every listing page, not the archive index (its months give its date). */
  private static int listingPages(List<Routes.Listed> listed) {
    return (int) listed.stream().map(Routes.Listed::route)
        .filter(r -> !(r instanceof Route.ArticlePage) && !(r instanceof Route.ArchiveIndex)).count();
  }

  /** {@code n} stories a day apart, in two categories and a third one of every third. */
  private static List<Article> stories(int n) {
    List<Article> articles = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      articles.add(article(i, null));
    }
    return articles;
  }

  private static Article article(int n, String updated) {
    String published = Instant.parse("2024-01-01T10:00:00Z").plusSeconds(86_400L * n).toString();
    String text = "title: Story " + n + "\npublished: " + published + "\n" + (updated == null ? "" : "updated: " + updated + "\n")
        + "categories: [" + (n % 2 == 0 ? "Even" : "Odd") + (n % 3 == 0 ? ", Thirds" : "") + "]\ncontent: Text.\n";
    return new ArticleParser(PUBLICATION).parse(Path.of("articles", "story-" + n + ".yaml"),
        text.getBytes(StandardCharsets.UTF_8)).article().orElseThrow();
  }
}
