package gazette.http;

import gazette.memory.Memory;
import gazette.memory.Records;
import gazette.site.Rendition;
import gazette.site.Site;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells WebSub hubs when a feed's bytes change ({@code hub.mode=publish}, {@code hub.url=<feed>}).
 * What each hub was last told is kept in the publication memory, so a change is announced once: by one
 * of the processes sharing the memory, and after a restart for changes made while stopped. Requests are
 * sent asynchronously and retried with exponential backoff, so a slow or failing hub never holds back a
 * reload; a newer change to the same feed replaces a pending retry. When every attempt fails, the
 * memory forgets the announcement, so the next start makes it again. Each feed is announced at most
 * once per window, whichever process announces it: a burst of changes is one announcement of the
 * bytes at the window's end, so a hub is not asked to fetch a feed over and over.
 */
public final class HubNotifier implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HubNotifier.class);
  static final int ATTEMPTS = 6;
  /** The ETag of no bytes: what the memory says a hub was told when it was not. */
  private static final String UNTOLD = "-";

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "gazette-websub");
    thread.setDaemon(true);
    return thread;
  });
  private final Duration firstRetry;
  private final Duration window;
  private final Map<URI, ScheduledFuture<?>> pending = new HashMap<>();

  private final Memory memory;
  /** The newest Site announced, for the pass at the end of a window. */
  private volatile Site latest;
  /** The pass that announces what a window held back, and when it runs; null when none is due. */
  private ScheduledFuture<?> held;
  private Instant heldUntil;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong abandoned = new AtomicLong();

  /**
   * @param firstRetry the wait before the first retry; each later one waits twice as long
   * @param window each feed is announced at most once in this long: a change within the window of the
   *     last announcement waits for its end, and only the feed's bytes then are announced
   */
  public HubNotifier(Duration firstRetry, Duration window, Memory memory) {
    this.firstRetry = firstRetry;
    this.window = window;
    this.memory = memory;
  }

  /** What one pass claimed to announce now, and when the first feed it held back may be announced. */
  private record Pass(List<Rendition> claimed, Instant heldUntil) {}

  /**
   * Tells each feed's hub about its bytes, unless the memory says the hub was told of them already, or
   * was told of this feed less than a window ago (then a later pass tells it of the bytes of that time).
   */
  public void announce(Site site) {
    latest = site;
    pass(site);
  }

  /**
   * One pass over {@code site}. Only {@link #announce} sets {@link #latest}: a timed pass that read an
   * older Site must not put it back over a newer one, or the newer one's bytes would never be announced.
   */
  private void pass(Site site) {
    if (retries.isShutdown()) {
      return; // closed: another notifier, or none, speaks for this process now
    }
    Instant now = Instant.now();
    Pass pass = memory.transact(tx -> {
      List<Rendition> claimed = new ArrayList<>();
      Instant until = null;
      for (Rendition feed : site.feeds()) {
        if (feed.hub() == null) {
          continue;
        }
        Records.Hub told = tx.hub(feed.self().toString());
        if (told != null && told.etag().equals(feed.etag())) {
          continue;
        }
        Instant open = told == null || told.etag().equals(UNTOLD) ? now : told.told().plus(window);
        if (open.isAfter(now)) {
          until = until == null || open.isBefore(until) ? open : until;
          continue;
        }
        tx.put(new Records.Hub(feed.self().toString(), feed.etag(), now));
        claimed.add(feed);
      }
      return new Pass(claimed, until);
    });
    for (Rendition feed : pass.claimed()) {
      publish(feed.hub(), feed.self(), feed.etag());
    }
    if (pass.heldUntil() != null) {
      holdUntil(pass.heldUntil(), now);
    }
  }

  /** Runs one pass at {@code until} over the newest Site (one pass at a time: the earliest wins). */
  private synchronized void holdUntil(Instant until, Instant now) {
    if (retries.isShutdown() || (held != null && !heldUntil.isAfter(until))) {
      return;
    }
    if (held != null) {
      held.cancel(false);
    }
    heldUntil = until;
    held = retries.schedule(() -> {
      synchronized (this) {
        held = null; // this pass may hold back feeds of its own, for a later one
      }
      try {
        pass(latest);
      } catch (RuntimeException e) {
        LOG.warn("cannot announce the changes a window held back: {}", e.toString());
      }
    }, Math.max(0, Duration.between(now, until).toMillis()) + 1, TimeUnit.MILLISECONDS);
  }

  /** Sends one publish notification now, and retries it on failure. */
  public synchronized void publish(URI hub, URI feed, String etag) {
    if (retries.isShutdown()) {
      forget(feed, etag); // closed while a pass was under way: the next start tells the hub
      return;
    }
    ScheduledFuture<?> previous = pending.remove(feed);
    if (previous != null) {
      previous.cancel(false);
    }
    attempt(hub, feed, etag, 1);
  }

  private void attempt(URI hub, URI feed, String etag, int attempt) {
    String form = "hub.mode=publish&hub.url=" + URLEncoder.encode(feed.toString(), StandardCharsets.UTF_8);
    HttpRequest request = HttpRequest.newBuilder(hub)
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form))
        .build();
    client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
      if (error == null && response.statusCode() / 100 == 2) {
        sent.incrementAndGet();
        LOG.info("told {} that {} changed", hub, feed);
        return;
      }
      refused.incrementAndGet();
      String why = error != null ? error.toString() : "HTTP " + response.statusCode();
      if (attempt >= ATTEMPTS) {
        abandoned.incrementAndGet();
        LOG.warn("gave up telling {} that {} changed after {} attempts: {}; the next start tells it again",
            hub, feed, attempt, why);
        forget(feed, etag);
        return;
      }
      Duration wait = firstRetry.multipliedBy(1L << (attempt - 1));
      LOG.warn("hub {} refused {} ({}); retrying in {} ms", hub, feed, why, wait.toMillis());
      retry(hub, feed, etag, attempt + 1, wait);
    });
  }

  private synchronized void retry(URI hub, URI feed, String etag, int attempt, Duration wait) {
    if (retries.isShutdown()) {
      forget(feed, etag);
      return;
    }
    pending.put(feed, retries.schedule(() -> {
      synchronized (this) {
        pending.remove(feed);
      }
      attempt(hub, feed, etag, attempt);
    }, wait.toMillis(), TimeUnit.MILLISECONDS));
  }

  /** The hub did not hear of these bytes: unless a newer change was claimed since, the memory must not say it did. */
  private void forget(URI feed, String etag) {
    try {
      memory.transact(tx -> {
        Records.Hub told = tx.hub(feed.toString());
        if (told != null && told.etag().equals(etag)) {
          tx.put(new Records.Hub(feed.toString(), UNTOLD, told.told()));
        }
        return null;
      });
    } catch (RuntimeException e) {
      LOG.warn("cannot record that {} was not told of {}: {}", feed, etag, e.getMessage());
    }
  }

  /** Notifications a hub accepted. */
  public long sent() {
    return sent.get();
  }

  /** Attempts that failed (each retried, up to {@value #ATTEMPTS} in all). */
  public long refused() {
    return refused.get();
  }

  /** Notifications given up on after every attempt failed. */
  public long abandoned() {
    return abandoned.get();
  }

  /** Stops announcing; whatever was not sent yet is left for the next start (the memory says it was not told). */
  @Override
  public synchronized void close() {
    retries.shutdownNow();
  }
}
