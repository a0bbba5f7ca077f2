package gazette.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Deque;

/**
 * {@code /metrics} and {@code /stats}, in front of the site (main port) or alone (admin port). Both are
 * rendered when asked for, on a worker thread, never on the I/O threads that serve the feeds.
 */
final class Admin implements HttpHandler {
  private static final byte[] METRICS_LOCAL = ("/metrics answers requests from this host only, not through a proxy;"
      + " give --admin-port to scrape it from elsewhere\n").getBytes(StandardCharsets.UTF_8);
  private static final byte[] NOT_FOUND = "not found\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] UNAUTHORIZED = "unauthorized: send Authorization: Bearer TOKEN\n".getBytes(StandardCharsets.UTF_8);

  private final Operations operations;
  private final HttpHandler next; // null on the admin port
  private final boolean adminPort;

  private Admin(Operations operations, HttpHandler next, boolean adminPort) {
    this.operations = operations;
    this.next = next;
    this.adminPort = adminPort;
  }

  /** On the main port: {@code /metrics} unless there is an admin port, {@code /stats} with the token; the rest to {@code site}. */
  static HttpHandler main(Operations operations, HttpHandler site) {
    return new Admin(operations, site, false);
  }

  /** On the admin port: {@code /metrics} and {@code /stats}, nothing else. */
  static HttpHandler admin(Operations operations) {
    return new Admin(operations, null, true);
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    String path = exchange.getRequestPath();
    boolean metrics = path.equals(Operations.METRICS) && operations.metrics() != null
        && (adminPort || operations.adminPort() == 0);
    boolean stats = path.equals(Operations.STATS) && operations.statsPage() != null
        && (adminPort || operations.tokenGiven());
    if (!metrics && !stats) {
      if (next != null) {
        next.handleRequest(exchange);
      } else {
        send(exchange, StatusCodes.NOT_FOUND, "text/plain; charset=utf-8", NOT_FOUND);
      }
      return;
    }
    if (metrics && !adminPort && !local(exchange)) {
      send(exchange, StatusCodes.FORBIDDEN, "text/plain; charset=utf-8", METRICS_LOCAL);
      return;
    }
    if (stats && !adminPort && !authorized(exchange)) {
      exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer realm=\"gazette\"");
      send(exchange, StatusCodes.UNAUTHORIZED, "text/plain; charset=utf-8", UNAUTHORIZED);
      return;
    }
    if (exchange.isInIoThread()) {
      exchange.dispatch(this);
      return;
    }
    exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
    if (metrics) {
      send(exchange, StatusCodes.OK, Metrics.TEXT_FORMAT, operations.metrics().scrape().getBytes(StandardCharsets.UTF_8));
    } else {
      exchange.getResponseHeaders().put(Headers.REFERRER_POLICY, "no-referrer"); // a ?token= must not leak onwards
      send(exchange, StatusCodes.OK, "text/html; charset=utf-8", operations.statsPage().get());
    }
  }

  /**
   * Whether a request comes from this host and not through a proxy: on the public port, the counters and
   * the JVM's state are for the operator, and a proxy on this host (Varnish, nginx) would pass anyone's
   * request on from a loopback address, so a request that names a client of its own is not local.
   */
  private static boolean local(HttpServerExchange exchange) {
    java.net.InetSocketAddress peer = exchange.getSourceAddress();
    io.undertow.util.HeaderMap headers = exchange.getRequestHeaders();
    return peer != null && peer.getAddress() != null && peer.getAddress().isLoopbackAddress()
        && !headers.contains(Headers.X_FORWARDED_FOR) && !headers.contains(Headers.FORWARDED)
        && !headers.contains(Headers.VIA);
  }

  private boolean authorized(HttpServerExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
    String given = null;
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      given = header.substring(7).trim();
    } else {
      Deque<String> token = exchange.getQueryParameters().get("token");
      given = token == null ? null : token.peekFirst();
    }
    return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
        operations.statsToken().getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpServerExchange exchange, int status, String type, byte[] body) {
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, type);
    exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
    if (exchange.getRequestMethod().toString().equals("HEAD")) {
      exchange.endExchange();
    } else {
      exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }
  }
}
