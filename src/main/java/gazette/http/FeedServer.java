package gazette.http;

import gazette.site.Site;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.Options;

/**
 * An Undertow server for whatever {@link Site} the supplier holds at each request; each response is
 * handed, off the request path, to the access log, the metrics and the statistics ({@link Traffic}). Slow and idle clients are bounded ({@link Limits}), and closing it is graceful: it
 * stops taking requests (a new one gets {@code 503} and its connection closed), lets the responses in
 * flight finish within a grace period, then stops.
 */
public final class FeedServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FeedServer.class);
  /** Request headers beyond this size are refused: feed readers send a few hundred bytes. */
  static final int MAX_HEADER_BYTES = 32 << 10;
  /** Request bodies are never read; one bigger than this closes the connection instead of being drained. */
  static final long MAX_BODY_BYTES = 64 << 10;
  /** File descriptors kept for everything but connections: articles, the watcher, the cache, logs. */
  static final int RESERVED_FDS = 256;

  /**
   * How long a client may take and how many may be connected. {@code idle}: no byte moves either way
   * on an open connection; {@code header}: from a request's first byte to the end of its headers (a
   * slowloris); {@code keepAlive}: a connection waits for its next request; {@code maxConnections}:
   * beyond it, new connections wait in the kernel's queue until one closes; {@code shutdownGrace}: how
   * long responses in flight may take to finish when the server stops.
   */
  public record Limits(Duration idle, Duration header, Duration keepAlive, int maxConnections, Duration shutdownGrace) {
    public static final Limits DEFAULT = new Limits(Duration.ofSeconds(60), Duration.ofSeconds(10),
        Duration.ofSeconds(20), 10_000, Duration.ofSeconds(20));

    public Limits {
      Objects.requireNonNull(idle, "idle");
      Objects.requireNonNull(header, "header");
      Objects.requireNonNull(keepAlive, "keepAlive");
      Objects.requireNonNull(shutdownGrace, "shutdownGrace");
      for (Duration d : new Duration[] {idle, header, keepAlive}) {
        if (d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
          throw new IllegalArgumentException("a timeout must be positive and under 24 days: " + d);
        }
      }
      if (shutdownGrace.isNegative()) {
        throw new IllegalArgumentException("shutdownGrace < 0: " + shutdownGrace);
      }
      if (maxConnections < 1) {
        throw new IllegalArgumentException("maxConnections < 1: " + maxConnections);
      }
    }
  }

  private final Undertow server;
  private final Undertow admin; // null without an admin port
  private final Traffic traffic;
  private final GracefulShutdownHandler graceful;
  private final AtomicBoolean stopping;
  private final Limits limits;
  private final int port;
  private final AtomicBoolean closed = new AtomicBoolean();

  private final PreviewEvents preview; // null unless previewing

  private FeedServer(Undertow server, Undertow admin, Traffic traffic, GracefulShutdownHandler graceful,
      AtomicBoolean stopping, Limits limits, PreviewEvents preview) {
    this.preview = preview;
    this.server = server;
    this.admin = admin;
    this.traffic = traffic;
    this.graceful = graceful;
    this.stopping = stopping;
    this.limits = limits;
    this.port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
  }

  /** Starts listening with the {@link Limits#DEFAULT default limits}. */
  public static FeedServer start(String host, int port, Supplier<Site> site, int maxAgeSeconds) {
    return start(host, port, site, maxAgeSeconds, Limits.DEFAULT);
  }

  /**
   * Starts listening; port 0 picks a free port, which {@link #port()} then tells. Until the supplier
   * gives a Site, requests are answered {@code 503} with {@code Retry-After}.
   *
   * @param maxAgeSeconds how long shared caches and readers may reuse a feed or page
   */
  public static FeedServer start(String host, int port, Supplier<Site> site, int maxAgeSeconds, Limits limits) {
    return start(host, port, site, maxAgeSeconds, limits, Operations.NONE);
  }

  /**
   * Starts listening as {@link #start(String, int, Supplier, int, Limits)} does, with what an operator adds:
   * trusted proxies, the access log and other listeners of every response, {@code /metrics}, {@code /stats},
   * and an admin port for the last two.
   */
  public static FeedServer start(String host, int port, Supplier<Site> site, int maxAgeSeconds, Limits limits,
      Operations operations) {
    return start(host, port, site, maxAgeSeconds, limits, operations, null);
  }

  /** As above, for a writer's preview when {@code preview} is not null: its event stream, and its one script allowed. */
  public static FeedServer start(String host, int port, Supplier<Site> site, int maxAgeSeconds, Limits limits,
      Operations operations, PreviewEvents preview) {
    List<Traffic.Listener> listeners = new ArrayList<>(operations.listeners());
    if (operations.metrics() != null) {
      listeners.add(operations.metrics());
    }
    Traffic traffic = Traffic.start(operations.proxies(), listeners);
    HttpHandler served = listeners.isEmpty() ? handler(site, maxAgeSeconds, operations, preview)
        : traffic.recording(handler(site, maxAgeSeconds, operations, preview));
    GracefulShutdownHandler graceful = new GracefulShutdownHandler(served);
    AtomicBoolean stopping = new AtomicBoolean();
    HttpHandler root = exchange -> {
      if (stopping.get()) {
        // Undertow's own answer once shut down, plus what a client or load balancer needs: go elsewhere now.
        exchange.setPersistent(false);
        exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "1");
        exchange.setStatusCode(StatusCodes.SERVICE_UNAVAILABLE);
        exchange.endExchange();
        return;
      }
      graceful.handleRequest(exchange);
    };
    int connections = connectionsAllowed(limits.maxConnections());
    Undertow server = Undertow.builder()
        .addHttpListener(port, host)
        .setByteBufferPool(Buffers.forHeap(Runtime.getRuntime().maxMemory()))
        .setServerOption(UndertowOptions.RECORD_REQUEST_START_TIME, true)
        .setServerOption(UndertowOptions.IDLE_TIMEOUT, (int) limits.idle().toMillis())
        .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, (int) limits.header().toMillis())
        .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, (int) limits.keepAlive().toMillis())
        .setServerOption(UndertowOptions.MAX_HEADER_SIZE, MAX_HEADER_BYTES)
        .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, MAX_BODY_BYTES)
        .setSocketOption(Options.CONNECTION_HIGH_WATER, connections)
        .setSocketOption(Options.CONNECTION_LOW_WATER, connections)
        .setHandler(root)
        .build();
    Undertow admin = null;
    try {
      server.start();
      if (operations.adminPort() > 0) {
        HttpHandler adminHandler = new Guard(Admin.admin(operations));
        admin = Undertow.builder()
            .addHttpListener(operations.adminPort(), operations.adminHost())
            .setIoThreads(1)
            .setWorkerThreads(2)
            .setServerOption(UndertowOptions.RECORD_REQUEST_START_TIME, true)
            .setServerOption(UndertowOptions.IDLE_TIMEOUT, (int) limits.idle().toMillis())
            .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, (int) limits.header().toMillis())
            .setServerOption(UndertowOptions.MAX_HEADER_SIZE, MAX_HEADER_BYTES)
            .setHandler(listeners.isEmpty() ? adminHandler : traffic.recording(adminHandler))
            .build();
        admin.start();
      }
    } catch (RuntimeException e) {
      server.stop();
      traffic.close();
      throw e;
    }
    return new FeedServer(server, admin, traffic, graceful, stopping, limits, preview);
  }

  private static HttpHandler handler(Supplier<Site> site, int maxAgeSeconds, Operations operations,
      PreviewEvents preview) {
    HttpHandler pages = new SiteHandler(site, new Policy(maxAgeSeconds));
    return new Guard(Admin.main(operations, preview == null ? pages : preview.around(pages)), preview != null);
  }

  /**
   * The connection limit, lowered to what the process's file descriptors allow: past that, accepting
   * fails over and over (and the kernel's queue still holds clients), so a cap the process cannot
   * honour is no cap.
   */
  private static int connectionsAllowed(int wanted) {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os) {
      long fds = os.getMaxFileDescriptorCount();
      if (fds > 0 && wanted > fds - RESERVED_FDS) {
        int allowed = (int) Math.max(16, fds - RESERVED_FDS);
        LOG.warn("--max-connections {} is more than {} open files allow (ulimit -n); using {}", wanted, fds, allowed);
        return allowed;
      }
    }
    return wanted;
  }

  public int port() {
    return port;
  }

  /** The admin port ({@code /metrics}, {@code /stats}); 0 when there is none. */
  public int adminPort() {
    return admin == null ? 0 : ((InetSocketAddress) admin.getListenerInfo().get(0).getAddress()).getPort();
  }

  /**
   * Stops gracefully: takes no new request (each gets {@code 503} and its connection closed), waits up
   * to the grace period for the responses in flight to be sent, then closes every connection. (Undertow's
   * {@code ListenerInfo.suspend} would stop accepting too, but it closes every open connection at once,
   * cutting off the very responses this waits for.) Closing twice does nothing.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    long began = System.nanoTime();
    stopping.set(true);
    graceful.shutdown();
    if (preview != null) {
      preview.close(); // an open page's event stream never finishes by itself
    }
    LOG.info("stopping: no new requests; responses in flight have {} s to finish", limits.shutdownGrace().toSeconds());
    boolean finished;
    try {
      finished = graceful.awaitShutdown(limits.shutdownGrace().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      finished = false;
    }
    if (finished) {
      LOG.info("every response in flight finished ({} ms)", (System.nanoTime() - began) / 1_000_000);
    } else {
      LOG.warn("grace period of {} s over: cutting off the responses still in flight", limits.shutdownGrace().toSeconds());
    }
    server.stop();
    if (admin != null) {
      admin.stop();
    }
    traffic.close(); // the access log and the counters get every response that was sent
  }
}
