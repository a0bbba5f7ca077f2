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
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The monthly archive files each article under the month of its date in the publication's zone, however months
 * are found: around every month's first instant, in zones of one offset and in zones with daylight saving time or
 * whose offset changed (London and Caracas had a larger offset in 1970 than in the years tested).
 */
class MonthsTest {
  private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");

  @ParameterizedTest
  @ValueSource(strings = {"UTC", "+05:30", "-09:30", "Europe/Berlin", "Europe/London", "America/Caracas",
      "America/St_Johns", "Pacific/Apia", "Australia/Lord_Howe"})
  void everyArticleIsInTheMonthOfItsDateInThePublicationsZone(String zone) {
    Publication publication = PublicationParser.parse(Path.of("articles/_feed.yaml"),
        ("title: Daily\ntimezone: \"" + zone + "\"\n").getBytes(StandardCharsets.UTF_8), null,
        URI.create("https://news.example.org/")).publication().orElseThrow();
    ZoneId id = publication.timezone();
    List<Article> articles = new ArrayList<>();
    Random random = new Random(zone.hashCode());
    // Just before, at and just after the first instant of every month of two years with their time changes,
    // and some anywhere in them.
    for (YearMonth month = YearMonth.of(2010, 12); month.isBefore(YearMonth.of(2013, 2)); month = month.plusMonths(1)) {
      Instant first = month.atDay(1).atStartOfDay(id).toInstant();
      for (long seconds : new long[] {-3601, -1, 0, 1, 1799, 3600}) {
        articles.add(article(articles.size(), first.plusSeconds(seconds)));
      }
    }
    for (int i = 0; i < 200; i++) {
      articles.add(article(articles.size(), Instant.parse("2010-12-01T00:00:00Z").plusSeconds(random.nextInt(70_000_000))));
    }

    Catalog catalog = Catalogs.of(publication, articles, NOW);

    Map<YearMonth, List<String>> expected = new LinkedHashMap<>();
    for (Article article : catalog.articles()) { // newest first, as each month lists them
      expected.computeIfAbsent(YearMonth.from(article.published().atZone(id)), m -> new ArrayList<>()).add(article.slug());
    }
    Map<YearMonth, List<String>> found = new LinkedHashMap<>();
    catalog.months().forEach((month, list) -> found.put(month, list.stream().map(Article::slug).toList()));
    assertThat(found).containsExactlyEntriesOf(expected);
    assertThat(found.values().stream().mapToInt(List::size).sum()).isEqualTo(articles.size());
  }

  private static Article article(int n, Instant published) {
    return new ArticleParser(PublicationParser.fallback(URI.create("https://news.example.org/")))
        .parse(Path.of("articles", "a" + n + ".yaml"),
            ("title: Story " + n + "\npublished: " + published + "\ncontent: Text.\n").getBytes(StandardCharsets.UTF_8))
        .article().orElseThrow();
  }
}
