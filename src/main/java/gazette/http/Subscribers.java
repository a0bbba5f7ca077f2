package gazette.http;

import gazette.memory.Audience;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts who polls the feeds, for {@link Audience}: on the traffic thread, each successful {@code GET} or
 * {@code HEAD} of a feed either carries an aggregator's announcement ({@link Aggregators}) or is one
 * client (address and {@code User-Agent}); both are gathered in memory, and every {@value #FLUSH_SECONDS}
 * seconds (and on close) written to the statistics on a thread of their own, where the client is hashed with
 * the day's salt. Neither the request path nor the traffic thread waits for the database.
 */
public final class Subscribers implements Traffic.Listener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Subscribers.class);
  static final long FLUSH_SECONDS = 10;
  /** Clients held between two writes; beyond it they are written at once. */
  static final int MOST_PENDING = 50_000;

  private record Key(String feed, String aggregator, String feedId, LocalDate day) {}

  private record Client(String feed, LocalDate day, String address, String agent) {}

  private final Audience audience;
  private final Clock clock;
  private final java.util.concurrent.ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "gazette-stats");
    thread.setDaemon(true);
    return thread;
  });
  // The traffic thread's only.
  private Map<Key, Long> reports = new HashMap<>();
  private Set<Client> clients = new HashSet<>();
  private long lastFlush;
  private long lastEpochDay = Long.MIN_VALUE;
  private LocalDate lastDay;

  /** How often past days are ended (their hashes counted, their salts deleted) even when nobody polls. */
  static final long END_DAYS_MINUTES = 5;

  public Subscribers(Audience audience, Clock clock) {
    this.audience = audience;
    this.clock = clock;
    this.lastFlush = clock.millis();
    writer.scheduleWithFixedDelay(this::endPastDays, 0, END_DAYS_MINUTES, TimeUnit.MINUTES);
  }

  private void endPastDays() {
    try {
      audience.endDaysBefore(LocalDate.now(clock.withZone(ZoneOffset.UTC)));
    } catch (RuntimeException e) {
      LOG.warn("cannot end the past days of the subscriber statistics: {}", e.getMessage());
    }
  }

  @Override
  public void served(Served served, String client) {
    RouteKind kind = RouteKind.of(served.path());
    if (kind != RouteKind.FEED && kind != RouteKind.CATEGORY_FEED || served.page()
        || served.status() != 200 && served.status() != 304) {
      return;
    }
    LocalDate day = day(served.time());
    Optional<Aggregators.Announcement> announced = Aggregators.parse(served.userAgent());
    if (announced.isPresent()) {
      Aggregators.Announcement a = announced.get();
      reports.put(new Key(served.path(), a.aggregator(), a.feedId(), day), a.subscribers());
    } else {
      clients.add(new Client(served.path(), day, client, served.userAgent() == null ? "" : served.userAgent()));
    }
    // Under a load that never lets the queue go idle, the time is checked here too.
    if (clients.size() >= MOST_PENDING || clock.millis() - lastFlush >= TimeUnit.SECONDS.toMillis(FLUSH_SECONDS)) {
      flush();
    }
  }

  /** The UTC day of a time, kept from the last response: most responses fall on the same day as the one before. */
  private LocalDate day(long millis) {
    long epochDay = Math.floorDiv(millis, 86_400_000L);
    if (epochDay != lastEpochDay) {
      lastDay = LocalDate.ofEpochDay(epochDay);
      lastEpochDay = epochDay;
    }
    return lastDay;
  }

  @Override
  public void idle() {
    if (clock.millis() - lastFlush >= TimeUnit.SECONDS.toMillis(FLUSH_SECONDS)) {
      flush();
    }
  }

  /** Hands what was gathered to the writer thread. */
  void flush() {
    lastFlush = clock.millis();
    if (reports.isEmpty() && clients.isEmpty()) {
      return;
    }
    Map<Key, Long> r = reports;
    Set<Client> c = clients;
    reports = new HashMap<>();
    clients = new HashSet<>();
    writer.execute(() -> write(r, c));
  }

  private void write(Map<Key, Long> reports, Set<Client> clients) {
    try {
      List<Audience.Report> announced = new ArrayList<>();
      reports.forEach((k, n) -> announced.add(new Audience.Report(k.feed(), k.aggregator(), k.feedId(), k.day(), n)));
      Map<LocalDate, List<Client>> byDay = new java.util.TreeMap<>();
      for (Client c : clients) {
        byDay.computeIfAbsent(c.day(), d -> new ArrayList<>()).add(c);
      }
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      // Oldest day first, each written before the next day's salt ends it: the last polls of a day still count.
      for (Map.Entry<LocalDate, List<Client>> day : byDay.entrySet()) {
        java.util.Optional<byte[]> salt = audience.salt(day.getKey());
        if (salt.isEmpty()) {
          continue; // the day has ended (its salt is gone): its clients can no longer be told from those counted
        }
        List<Audience.Visit> visits = new ArrayList<>();
        for (Client c : day.getValue()) {
          sha.update(salt.get());
          sha.update(c.address().getBytes(StandardCharsets.UTF_8));
          sha.update((byte) 0);
          sha.update(c.agent().getBytes(StandardCharsets.UTF_8));
          byte[] hash = new byte[16];
          System.arraycopy(sha.digest(), 0, hash, 0, 16);
          visits.add(new Audience.Visit(c.feed(), c.day(), hash));
        }
        audience.record(List.of(), visits);
      }
      audience.record(announced, List.of());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    } catch (RuntimeException e) {
      LOG.warn("cannot record subscriber statistics ({}); these {} polls are not counted", e.getMessage(),
          reports.size() + clients.size());
    }
  }

  /** Writes what is gathered and waits for it (up to 10 s); call it once the traffic thread has stopped. */
  @Override
  public void close() {
    flush();
    writer.shutdown();
    try {
      writer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
