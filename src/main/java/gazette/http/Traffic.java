package gazette.http;

import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What was served, recorded off the request path. When a response ends, the I/O thread puts one {@link Served}
 * (raw values, no formatting) in a bounded queue; one thread, {@code gazette-traffic}, takes them in order and
 * hands each, with its real client address ({@link TrustedProxies}), to the listeners: the access log, the
 * metrics, the subscriber statistics. It takes them in batches and naps between two (see {@link #NAP_NANOS}), so
 * that handing over a record costs an I/O thread a lock and a store, not a wake-up of another thread. When the queue is full the I/O thread waits rather than losing a record
 * (the access log and the counters stay exact); a listener that throws is logged and skipped, never stops the
 * others.
 */
public final class Traffic implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Traffic.class);
  static final int CAPACITY = 65_536;
  /** Records handed to the listeners at a time. */
  private static final int BATCH = 1024;
  /**
   * When the queue is empty, the thread naps this long, up to {@link #NAPS} times, before it tells the listeners
   * the queue is idle and waits to be woken: a response then reaches the access log within a few milliseconds,
   * and a busy server's I/O threads never wake this thread up.
   */
  static final long NAP_NANOS = 1_000_000;
  static final int NAPS = 5;
  /** Set on an exchange whose body was rendered for it (an on-demand page not yet in the cache). */
  static final AttachmentKey<Boolean> RENDERED = AttachmentKey.create(Boolean.class);
  /** Set on an exchange that a browser's navigation to a feed was answered with the feed's HTML page. */
  static final AttachmentKey<Boolean> PAGE = AttachmentKey.create(Boolean.class);
  private static final HttpString FORWARDED = new HttpString("Forwarded");
  private static final HttpString X_FORWARDED_FOR = new HttpString("X-Forwarded-For");
  private static final Served STOP = new Served(0, null, null, null, "", "", "", "", 0, 0, null, null, 0, false, false);

  /** Told of every response, on the traffic thread, in the order they ended. */
  public interface Listener {
    void served(Served served, String client);

    /** The queue is empty for now: a moment to write out what was buffered. */
    default void idle() {}
  }

  /** A sink that buffers, and can be told to write out what it holds. */
  public interface Flushable {
    void flush();
  }

  private final BlockingQueue<Served> queue = new ArrayBlockingQueue<>(CAPACITY);
  private final TrustedProxies proxies;
  private final List<Listener> listeners;
  private final Thread thread;

  private Traffic(TrustedProxies proxies, List<Listener> listeners) {
    this.proxies = proxies;
    this.listeners = List.copyOf(listeners);
    this.thread = new Thread(this::run, "gazette-traffic");
    this.thread.setDaemon(true);
  }

  /** Starts the traffic thread; {@link #close} stops it after the records queued so far. */
  public static Traffic start(TrustedProxies proxies, List<Listener> listeners) {
    Traffic traffic = new Traffic(proxies, listeners);
    traffic.thread.start();
    return traffic;
  }

  /** A handler that records every response {@code next} sends. */
  HttpHandler recording(HttpHandler next) {
    ExchangeCompletionListener done = (exchange, nextListener) -> {
      try {
        record(exchange);
      } finally {
        nextListener.proceed();
      }
    };
    return exchange -> {
      exchange.addExchangeCompleteListener(done);
      next.handleRequest(exchange);
    };
  }

  private void record(HttpServerExchange exchange) {
    HeaderMap request = exchange.getRequestHeaders();
    InetSocketAddress peer = exchange.getSourceAddress();
    long start = exchange.getRequestStartTime();
    Served served = new Served(System.currentTimeMillis(), peer == null ? null : peer.getAddress(),
        joined(request, FORWARDED), joined(request, X_FORWARDED_FOR), exchange.getRequestMethod().toString(),
        exchange.getRequestPath(), exchange.getQueryString(), exchange.getProtocol().toString(),
        exchange.getStatusCode(), exchange.getResponseBytesSent(), request.getFirst(Headers.REFERER),
        request.getFirst(Headers.USER_AGENT), start > 0 ? System.nanoTime() - start : 0,
        exchange.getAttachment(RENDERED) != null, exchange.getAttachment(PAGE) != null);
    add(served);
  }

  /** Queues a record for the listeners, waiting while the queue is full. */
  void add(Served served) {
    try {
      queue.put(served);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Every line of a header, in order, as one list (a proxy may add a line of its own rather than extend one). */
  private static String joined(HeaderMap request, HttpString name) {
    io.undertow.util.HeaderValues values = request.get(name);
    if (values == null || values.isEmpty()) {
      return null;
    }
    return values.size() == 1 ? values.getFirst() : String.join(",", values);
  }

  private void run() {
    List<Served> batch = new ArrayList<>(BATCH);
    int naps = 0;
    while (true) {
      queue.drainTo(batch, BATCH);
      if (batch.isEmpty()) {
        if (naps < NAPS) {
          // A short nap rather than a wait: while this thread is not waiting on the queue, an I/O thread that
          // adds a record signals nobody (no futex wake-up per response under load).
          naps++;
          LockSupport.parkNanos(NAP_NANOS);
          continue;
        }
        idle(); // quiet for a few milliseconds: write out what is buffered
        try {
          batch.add(queue.take());
        } catch (InterruptedException e) {
          return;
        }
        queue.drainTo(batch, BATCH - 1);
      }
      naps = 0;
      for (Served served : batch) {
        if (served == STOP) {
          idle();
          return;
        }
        String client = proxies.client(served);
        for (Listener listener : listeners) {
          try {
            listener.served(served, client);
          } catch (RuntimeException e) {
            LOG.warn("{} failed on a response to {}: {}", listener.getClass().getSimpleName(), served.path(), e.toString());
          } catch (Error e) {
            // Never let the thread die: the I/O threads would wait on its full queue for ever, /health included.
            LOG.error("{} failed on a response to {}", listener.getClass().getSimpleName(), served.path(), e);
          }
        }
      }
      batch.clear();
    }
  }

  private void idle() {
    for (Listener listener : listeners) {
      try {
        listener.idle();
      } catch (RuntimeException e) {
        LOG.warn("{} failed to write out: {}", listener.getClass().getSimpleName(), e.toString());
      }
    }
  }

  /** Hands on what is queued, then stops (within 10 s). Closing twice does nothing. */
  @Override
  public void close() {
    if (!thread.isAlive()) {
      return;
    }
    try {
      if (!queue.offer(STOP, 10, TimeUnit.SECONDS)) {
        thread.interrupt();
      }
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
