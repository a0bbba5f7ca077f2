package gazette.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.sqlite.SQLiteConfig;

/**
 * Who reads each feed, kept in {@value #FILE} in the state directory (a file of its own beside the memory):
 * the subscriber counts aggregators announce (the latest figure per aggregator and feed id, per day), and how
 * many other distinct clients polled each feed per day. A client is counted by a hash of its address and
 * {@code User-Agent} with a salt drawn for the day; once the day is over its hashes are reduced to a count and
 * the salt is deleted, so no address is ever stored, and past hashes cannot be tied to one. Replicas sharing
 * the state directory share the file, and the day's salt with it, so a client is counted once whichever
 * replica it polls. Days are UTC dates.
 */
public final class Audience implements AutoCloseable {
  public static final String FILE = "stats.sqlite";
  /** How long an aggregator's figure stands for it on later days it did not poll. */
  public static final int STANDS_FOR_DAYS = 7;

  /** An aggregator's figure for one feed, as its {@code User-Agent} said on {@code day}. */
  public record Report(String feed, String aggregator, String feedId, LocalDate day, long subscribers) {
    public Report {
      Objects.requireNonNull(feed, "feed");
      Objects.requireNonNull(aggregator, "aggregator");
      feedId = feedId == null ? "" : feedId;
      Objects.requireNonNull(day, "day");
    }
  }

  /** One client (its salted hash) seen polling a feed on a day. */
  public record Visit(String feed, LocalDate day, byte[] hash) {}

  /** One day of a feed: subscribers announced by aggregators, and other distinct clients. */
  public record Day(LocalDate day, long announced, long others) {
    public long total() {
      return announced + others;
    }
  }

  /** What is known of one feed up to a day: its latest reports and each of the last days. */
  public record Feed(String path, List<Report> latest, List<Day> days) {
    public Day last() {
      return days.get(days.size() - 1);
    }
  }

  /** How long announcements are kept: the 90 days a page shows, and the 7 a figure stands. */
  static final int KEEP_REPORTS_DAYS = 97;

  private final Connection db;
  private final SecureRandom random = new SecureRandom();

  private Audience(Connection db) {
    this.db = db;
  }

  /** The statistics in {@code dir} (created if missing). */
  public static Audience open(Path dir) throws IOException {
    Files.createDirectories(dir);
    SqliteLibrary.prepare();
    try {
      SQLiteConfig config = new SQLiteConfig();
      config.setBusyTimeout(10_000);
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
      config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
      // Replicas write to one file: take the write lock when a transaction begins, so two never deadlock upgrading.
      config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
      Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(FILE), config.toProperties());
      try (Statement s = db.createStatement()) {
        // A deleted salt or hash is overwritten, not left in a free page for anyone who reads the file.
        s.execute("PRAGMA secure_delete = ON");
        s.execute("CREATE TABLE IF NOT EXISTS reports (feed TEXT NOT NULL, aggregator TEXT NOT NULL, feed_id TEXT NOT NULL,"
            + " day TEXT NOT NULL, subscribers INTEGER NOT NULL, PRIMARY KEY (feed, aggregator, feed_id, day))");
        s.execute("CREATE TABLE IF NOT EXISTS visitors (feed TEXT NOT NULL, day TEXT NOT NULL, hash BLOB NOT NULL,"
            + " PRIMARY KEY (feed, day, hash)) WITHOUT ROWID");
        s.execute("CREATE TABLE IF NOT EXISTS daily (feed TEXT NOT NULL, day TEXT NOT NULL, others INTEGER NOT NULL,"
            + " PRIMARY KEY (feed, day))");
        s.execute("CREATE TABLE IF NOT EXISTS salts (day TEXT PRIMARY KEY, salt BLOB NOT NULL)");
      }
      return new Audience(db);
    } catch (SQLException e) {
      throw new IOException("cannot open the statistics at " + dir.resolve(FILE) + ": " + e.getMessage(), e);
    }
  }

  /**
   * The salt of {@code day}, drawn when first asked for (by any process sharing the file); the salts and
   * the hashes of earlier days are dropped, their hashes counted first. Empty when a later day's salt exists
   * already (another replica, or this one, has moved on): that day is counted, and its salt must not come
   * back, or its clients would be counted twice.
   */
  public synchronized java.util.Optional<byte[]> salt(LocalDate day) {
    return inTransaction(() -> {
      try (PreparedStatement newer = db.prepareStatement("SELECT 1 FROM salts WHERE day > ?")) {
        newer.setString(1, day.toString());
        try (ResultSet row = newer.executeQuery()) {
          if (row.next()) {
            return java.util.Optional.<byte[]>empty();
          }
        }
      }
      LocalDate today = day;
      reduceBefore(today);
      try (PreparedStatement insert = db.prepareStatement("INSERT OR IGNORE INTO salts VALUES (?, ?)")) {
        byte[] salt = new byte[32];
        random.nextBytes(salt);
        insert.setString(1, today.toString());
        insert.setBytes(2, salt);
        insert.executeUpdate();
      }
      try (PreparedStatement select = db.prepareStatement("SELECT salt FROM salts WHERE day = ?")) {
        select.setString(1, today.toString());
        try (ResultSet row = select.executeQuery()) {
          row.next();
          return java.util.Optional.of(row.getBytes(1));
        }
      }
    });
  }

  /** Records reports (the latest of a day wins) and visits (each client once a day), in one transaction. */
  public synchronized void record(Collection<Report> reports, Collection<Visit> visits) {
    inTransaction(() -> {
      try (PreparedStatement report = db.prepareStatement("INSERT INTO reports VALUES (?, ?, ?, ?, ?)"
          + " ON CONFLICT (feed, aggregator, feed_id, day) DO UPDATE SET subscribers = excluded.subscribers");
          PreparedStatement visit = db.prepareStatement("INSERT OR IGNORE INTO visitors VALUES (?, ?, ?)")) {
        for (Report r : reports) {
          report.setString(1, r.feed());
          report.setString(2, r.aggregator());
          report.setString(3, r.feedId());
          report.setString(4, r.day().toString());
          report.setLong(5, r.subscribers());
          report.addBatch();
        }
        report.executeBatch();
        for (Visit v : visits) {
          visit.setString(1, v.feed());
          visit.setString(2, v.day().toString());
          visit.setBytes(3, v.hash());
          visit.addBatch();
        }
        visit.executeBatch();
      }
      return null;
    });
  }

  /** Every feed with its latest reports and its last {@code days} days up to {@code today}, by path. */
  public synchronized List<Feed> feeds(LocalDate today, int days) {
    LocalDate first = today.minusDays(days - 1L);
    LocalDate from = first.minusDays(STANDS_FOR_DAYS);
    return inTransaction(() -> {
      Map<String, List<Report>> reports = new TreeMap<>();
      try (PreparedStatement select = db.prepareStatement(
          "SELECT feed, aggregator, feed_id, day, subscribers FROM reports WHERE day >= ? AND day <= ? ORDER BY day")) {
        select.setString(1, from.toString());
        select.setString(2, today.toString());
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            reports.computeIfAbsent(rows.getString(1), f -> new ArrayList<>()).add(new Report(rows.getString(1),
                rows.getString(2), rows.getString(3), LocalDate.parse(rows.getString(4)), rows.getLong(5)));
          }
        }
      }
      Map<String, Map<LocalDate, Long>> others = new TreeMap<>();
      try (PreparedStatement select = db.prepareStatement("SELECT feed, day, others FROM daily WHERE day >= ?"
          + " UNION ALL SELECT feed, day, count(*) FROM visitors WHERE day >= ? GROUP BY feed, day")) {
        select.setString(1, first.toString());
        select.setString(2, first.toString());
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            others.computeIfAbsent(rows.getString(1), f -> new TreeMap<>())
                .merge(LocalDate.parse(rows.getString(2)), rows.getLong(3), Long::sum);
          }
        }
      }
      java.util.SortedSet<String> paths = new java.util.TreeSet<>(reports.keySet());
      paths.addAll(others.keySet());
      List<Feed> feeds = new ArrayList<>();
      for (String path : paths) {
        List<Report> feedReports = reports.getOrDefault(path, List.of());
        Map<String, Report> latest = new LinkedHashMap<>(); // reports are by day: the last one wins
        List<Day> series = new ArrayList<>();
        int next = 0;
        for (LocalDate day = from; !day.isAfter(today); day = day.plusDays(1)) {
          while (next < feedReports.size() && !feedReports.get(next).day().isAfter(day)) {
            Report r = feedReports.get(next++);
            latest.put(r.aggregator() + "\n" + r.feedId(), r);
          }
          LocalDate d = day;
          latest.values().removeIf(r -> !r.day().isAfter(d.minusDays(STANDS_FOR_DAYS)));
          if (!day.isBefore(first)) {
            long announced = latest.values().stream().mapToLong(Report::subscribers).sum();
            series.add(new Day(day, announced, others.getOrDefault(path, Map.of()).getOrDefault(day, 0L)));
          }
        }
        List<Report> current = new ArrayList<>(latest.values());
        current.sort((a, b) -> Long.compare(b.subscribers(), a.subscribers()));
        feeds.add(new Feed(path, current, series));
      }
      return feeds;
    });
  }

  /**
   * Ends the days before {@code today}: their hashes become counts and are deleted with their salts, and the
   * write-ahead log is emptied so that no copy of them is left there. Run at start and every few minutes, so
   * that a day ends even when nobody polls the next one.
   */
  public synchronized void endDaysBefore(LocalDate today) {
    inTransaction(() -> {
      reduceBefore(today);
      // Announcements older than any page shows: forged agents must not grow the file without end.
      try (PreparedStatement old = db.prepareStatement("DELETE FROM reports WHERE day < ?")) {
        old.setString(1, today.minusDays(KEEP_REPORTS_DAYS).toString());
        old.executeUpdate();
      }
      return null;
    });
    try (Statement s = db.createStatement()) {
      s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (SQLException e) {
      // another process reading: the next checkpoint empties the log
    }
  }

  /** Counts the hashes of days before {@code today} and drops them, with their salts. */
  private void reduceBefore(LocalDate today) throws SQLException {
    String day = today.toString();
    try (PreparedStatement reduce = db.prepareStatement("INSERT INTO daily SELECT feed, day, count(*) FROM visitors"
        + " WHERE day < ? GROUP BY feed, day ON CONFLICT (feed, day) DO UPDATE SET others = others + excluded.others");
        PreparedStatement visitors = db.prepareStatement("DELETE FROM visitors WHERE day < ?");
        PreparedStatement salts = db.prepareStatement("DELETE FROM salts WHERE day < ?")) {
      for (PreparedStatement statement : List.of(reduce, visitors, salts)) {
        statement.setString(1, day);
        statement.executeUpdate();
      }
    }
  }

  private interface Work<T> {
    T run() throws SQLException;
  }

  private <T> T inTransaction(Work<T> work) {
    try {
      db.setAutoCommit(false);
      T result = work.run();
      db.commit();
      return result;
    } catch (SQLException e) {
      try {
        db.rollback();
      } catch (SQLException ignored) {
        // the connection reports the first failure
      }
      throw new IllegalStateException("statistics: " + e.getMessage(), e);
    } finally {
      try {
        db.setAutoCommit(true);
      } catch (SQLException ignored) {
        // nothing left to undo
      }
    }
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException e) {
      // closing: nothing to keep
    }
  }
}
