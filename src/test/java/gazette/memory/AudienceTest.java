package gazette.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudienceTest {
  private static final LocalDate DAY = LocalDate.of(2024, 3, 10);

  @TempDir
  Path dir;

  private static Audience.Visit visit(String feed, LocalDate day, int n) {
    return new Audience.Visit(feed, day, new byte[] {(byte) n, 1, 2, 3});
  }

  @Test
  void theLatestFigureOfEachAggregatorAndFeedIdCountsForSevenDays() throws Exception {
    try (Audience audience = Audience.open(dir)) {
      audience.record(List.of(new Audience.Report("/feed.xml", "Feedly", "", DAY.minusDays(9), 400),
          new Audience.Report("/feed.xml", "Feedbin", "1", DAY.minusDays(2), 10),
          new Audience.Report("/feed.xml", "Feedbin", "2", DAY.minusDays(1), 5),
          new Audience.Report("/feed.xml", "Feedbin", "1", DAY, 12)), List.of());

      Audience.Feed feed = audience.feeds(DAY, 10).get(0);

      assertThat(feed.path()).isEqualTo("/feed.xml");
      assertThat(feed.days()).hasSize(10);
      assertThat(feed.days().get(0)).isEqualTo(new Audience.Day(DAY.minusDays(9), 400, 0));
      assertThat(feed.days().get(6)).as("Feedly's figure still stands").isEqualTo(new Audience.Day(DAY.minusDays(3), 400, 0));
      assertThat(feed.days().get(7)).as("and is gone after 7 days").isEqualTo(new Audience.Day(DAY.minusDays(2), 10, 0));
      assertThat(feed.last()).isEqualTo(new Audience.Day(DAY, 17, 0));
      assertThat(feed.latest()).extracting(Audience.Report::aggregator, Audience.Report::feedId, Audience.Report::subscribers)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("Feedbin", "1", 12L),
              org.assertj.core.groups.Tuple.tuple("Feedbin", "2", 5L));
    }
  }

  @Test
  void eachClientCountsOnceADayAndPastDaysKeepOnlyTheirCountNotTheirSalt() throws Exception {
    try (Audience audience = Audience.open(dir); Audience replica = Audience.open(dir)) {
      byte[] salt = audience.salt(DAY).orElseThrow();
      assertThat(replica.salt(DAY)).as("replicas share the day's salt").hasValue(salt);
      audience.record(List.of(), List.of(visit("/feed.xml", DAY, 1), visit("/feed.xml", DAY, 2)));
      replica.record(List.of(), List.of(visit("/feed.xml", DAY, 2), visit("/atom.xml", DAY, 1)));

      assertThat(audience.feeds(DAY, 1)).extracting(Audience.Feed::path, f -> f.last().others())
          .containsExactly(org.assertj.core.groups.Tuple.tuple("/atom.xml", 1L), org.assertj.core.groups.Tuple.tuple("/feed.xml", 2L));

      byte[] next = audience.salt(DAY.plusDays(1)).orElseThrow();
      assertThat(replica.salt(DAY)).as("a replica a moment behind cannot bring the past day's salt back").isEmpty();
      audience.record(List.of(), List.of(visit("/feed.xml", DAY.plusDays(1), 1)));

      assertThat(next).isNotEqualTo(salt);
      Audience.Feed feed = audience.feeds(DAY.plusDays(1), 2).get(1);
      assertThat(feed.days()).containsExactly(new Audience.Day(DAY, 0, 2), new Audience.Day(DAY.plusDays(1), 0, 1));
      try (var rows = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(Audience.FILE)).createStatement()
          .executeQuery("SELECT (SELECT count(*) FROM salts), (SELECT count(*) FROM visitors WHERE day < '" + DAY.plusDays(1) + "')")) {
        rows.next();
        assertThat(rows.getInt(1)).as("only today's salt is kept").isEqualTo(1);
        assertThat(rows.getInt(2)).as("no hash of a past day is kept").isZero();
      }
    }
  }

  @Test
  void aDayEndsWithoutTrafficOnTheNext() throws Exception {
    try (Audience audience = Audience.open(dir)) {
      audience.salt(DAY).orElseThrow();
      audience.record(List.of(), List.of(visit("/feed.xml", DAY, 1)));

      audience.endDaysBefore(DAY.plusDays(1));

      try (var rows = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(Audience.FILE)).createStatement()
          .executeQuery("SELECT (SELECT count(*) FROM salts), (SELECT count(*) FROM visitors)")) {
        rows.next();
        assertThat(rows.getInt(1)).as("no salt is kept past its day").isZero();
        assertThat(rows.getInt(2)).isZero();
      }
      assertThat(audience.feeds(DAY.plusDays(1), 2).get(0).days()).contains(new Audience.Day(DAY, 0, 1));
      assertThat(java.nio.file.Files.size(dir.resolve(Audience.FILE + "-wal"))).as("the log emptied").isZero();
    }
  }
}
