package gazette.http;

import gazette.site.Rendition;
import gazette.site.Site;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells WebSub hubs when a feed's bytes change ({@code hub.mode=publish}, {@code hub.url=<feed>}).
 * Requests are sent asynchronously and retried with exponential backoff, so a slow or failing hub
 * never holds back a reload; a newer change to the same feed replaces a pending retry.
 */
public final class HubNotifier implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HubNotifier.class);
  static final int ATTEMPTS = 6;

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "gazette-websub");
    thread.setDaemon(true);
    return thread;
  });
  private final Duration firstRetry;
  private final Map<URI, ScheduledFuture<?>> pending = new HashMap<>();

  /** @param firstRetry the wait before the first retry; each later one waits twice as long */
  public HubNotifier(Duration firstRetry) {
    this.firstRetry = firstRetry;
  }

  /** Tells the hub about every feed whose bytes differ between two Sites. */
  public void announceChanges(Site before, Site after) {
    for (Rendition feed : after.feedsWithNewBytes(before)) {
      if (feed.hub() != null) {
        publish(feed.hub(), feed.self());
      }
    }
  }

  /** Sends one publish notification now, and retries it on failure. */
  public synchronized void publish(URI hub, URI feed) {
    ScheduledFuture<?> previous = pending.remove(feed);
    if (previous != null) {
      previous.cancel(false);
    }
    attempt(hub, feed, 1);
  }

  private void attempt(URI hub, URI feed, int attempt) {
    String form = "hub.mode=publish&hub.url=" + URLEncoder.encode(feed.toString(), StandardCharsets.UTF_8);
    HttpRequest request = HttpRequest.newBuilder(hub)
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form))
        .build();
    client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
      if (error == null && response.statusCode() / 100 == 2) {
        LOG.info("told {} that {} changed", hub, feed);
        return;
      }
      String why = error != null ? error.toString() : "HTTP " + response.statusCode();
      if (attempt >= ATTEMPTS) {
        LOG.warn("gave up telling {} that {} changed after {} attempts: {}", hub, feed, attempt, why);
        return;
      }
      Duration wait = firstRetry.multipliedBy(1L << (attempt - 1));
      LOG.warn("hub {} refused {} ({}); retrying in {} ms", hub, feed, why, wait.toMillis());
      retry(hub, feed, attempt + 1, wait);
    });
  }

  private synchronized void retry(URI hub, URI feed, int attempt, Duration wait) {
    if (retries.isShutdown()) {
      return;
    }
    pending.put(feed, retries.schedule(() -> {
      synchronized (this) {
        pending.remove(feed);
      }
      attempt(hub, feed, attempt);
    }, wait.toMillis(), TimeUnit.MILLISECONDS));
  }

  @Override
  public void close() {
    retries.shutdownNow();
  }
}
