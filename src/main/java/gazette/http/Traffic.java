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
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What was served, recorded off the request path. When a response ends, the I/O thread puts one {@link Served}
 * (raw values, no formatting) in a bounded queue; one thread, {@code gazette-traffic}, takes them in order and
 * hands each, with its real client address ({@link TrustedProxies}), to the listeners: the access log, the
 * metrics, the subscriber statistics. It takes them in batches and naps between two (see {@link #NAP_NANOS}), so
 * that handing over a record costs an I/O thread two atomic updates, not a wake-up of another thread. The queue
 * takes no lock: with a lock, an I/O thread waited whenever the traffic thread was descheduled while it held it
 * (on two cores, under load, often enough to show in a lock profile). When the queue is full the I/O thread waits
 * rather than losing a record (the access log and the counters stay exact); a listener that throws is logged and
 * skipped, never stops the others.
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
  /** How long an I/O thread waits before it looks again at a full queue. */
  private static final long FULL_NANOS = 100_000;
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

  private final Queue<Served> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger(); // records added and not yet taken: at most CAPACITY
  private volatile boolean waiting; // the traffic thread is parked until a record comes
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
    while (true) {
      int n = queued.get();
      if (n < CAPACITY && queued.compareAndSet(n, n + 1)) {
        break;
      }
      if (n >= CAPACITY) {
        if (Thread.currentThread().isInterrupted()) {
          return; // stopping: the record is let go, as a blocking put would have
        }
        LockSupport.parkNanos(FULL_NANOS);
      }
    }
    queue.offer(served);
    if (waiting) {
      // Only the traffic thread writes the flag: a stale write from here, after it had gone to wait again,
      // would leave it parked for good with no one to wake it. An extra unpark does no harm.
      LockSupport.unpark(thread);
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
      for (Served next; batch.size() < BATCH && (next = queue.poll()) != null; ) {
        batch.add(next);
      }
      if (batch.isEmpty()) {
        if (naps < NAPS) {
          // A short nap rather than a wait: while this thread is not waiting, an I/O thread that adds a record
          // wakes nobody (no futex wake-up per response under load).
          naps++;
          LockSupport.parkNanos(NAP_NANOS);
          continue;
        }
        idle(); // quiet for a few milliseconds: write out what is buffered
        waiting = true; // then look again: a record added before this is seen below, one after it wakes us
        while (queue.isEmpty()) {
          LockSupport.park(this);
          if (Thread.interrupted()) {
            return;
          }
        }
        waiting = false;
        continue;
      }
      queued.addAndGet(-batch.size());
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
    queued.incrementAndGet(); // past the bound if full: the queue still ends with STOP
    queue.offer(STOP);
    LockSupport.unpark(thread);
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
      if (thread.isAlive()) {
        thread.interrupt(); // a listener stuck for 10 s: give up on the records after it
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
