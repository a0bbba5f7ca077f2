package gazette.http;

import gazette.render.Preview;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.ResponseCommitListener;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Protocols;
import io.undertow.util.StatusCodes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * What every request passes before the site handler: a protocol other than HTTP/1.0 or 1.1 is {@code 400}
 * and a method other than exactly {@code GET} or {@code HEAD} is {@code 405} (Undertow compares methods
 * without case; HTTP does not, and served {@code get}). Undertow itself reads an unknown {@code HTTP/d.d}
 * such as {@code HTTP/9.9} as HTTP/1.1 and keeps no trace of it, so that one cannot be refused here. Every response gets {@code nosniff}, a referrer
 * policy and frame protection; HTML responses also get a Content-Security-Policy with no script at all,
 * styles only from the site's own stylesheet ({@code /style.css}, no inline style), images and media over
 * http(s).
 */
final class Guard implements HttpHandler {
  static final String CSP = "default-src 'none'; style-src 'self'; img-src http: https:; media-src http: https:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  static final String REFERRER_POLICY = "strict-origin-when-cross-origin";
  private static final HttpString CONTENT_SECURITY_POLICY = new HttpString("Content-Security-Policy");
  private static final HttpString X_CONTENT_TYPE_OPTIONS = new HttpString("X-Content-Type-Options");
  private static final HttpString REFERRER = new HttpString("Referrer-Policy");
  private static final HttpString X_FRAME_OPTIONS = new HttpString("X-Frame-Options");
  private static final byte[] BAD_PROTOCOL = "bad request: only HTTP/1.1 and HTTP/1.0\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] NOT_ALLOWED = "method not allowed: use GET or HEAD\n".getBytes(StandardCharsets.UTF_8);

  /**
   * The policy of a previewing server: the same, plus exactly the one script that reloads a page after a
   * save (by hash) and the event stream it listens to.
   */
  static final String PREVIEW_CSP = CSP.replace("; img-src", "; script-src " + hash(Preview.SCRIPT)
      + "; connect-src 'self'; img-src");

  private final HttpHandler next;
  private final String policy;
  /** Adds the Content-Security-Policy to an HTML response as it is sent: one listener for every request. */
  private final ResponseCommitListener htmlPolicy;

  Guard(HttpHandler next) {
    this(next, false);
  }

  Guard(HttpHandler next, boolean preview) {
    this.next = next;
    this.policy = preview ? PREVIEW_CSP : CSP;
    this.htmlPolicy = ex -> {
      String type = ex.getResponseHeaders().getFirst(Headers.CONTENT_TYPE);
      if (type != null && type.regionMatches(true, 0, "text/html", 0, 9)) {
        ex.getResponseHeaders().put(CONTENT_SECURITY_POLICY, policy);
      }
    };
  }

  /** A Content-Security-Policy hash source of a script's text. */
  static String hash(String script) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
      return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    HeaderMap response = exchange.getResponseHeaders();
    response.put(X_CONTENT_TYPE_OPTIONS, "nosniff");
    response.put(REFERRER, REFERRER_POLICY);
    response.put(X_FRAME_OPTIONS, "DENY");
    exchange.addResponseCommitListener(htmlPolicy);
    String protocol = exchange.getProtocol().toString();
    if (!protocol.equals("HTTP/1.1") && !protocol.equals("HTTP/1.0")) {
      exchange.setProtocol(Protocols.HTTP_1_1); // the answer's status line; Undertow would echo the version sent
      exchange.setPersistent(false);
      refuse(exchange, StatusCodes.BAD_REQUEST, BAD_PROTOCOL);
      return;
    }
    String method = exchange.getRequestMethod().toString();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      response.put(Headers.ALLOW, "GET, HEAD");
      refuse(exchange, StatusCodes.METHOD_NOT_ALLOWED, NOT_ALLOWED);
      return;
    }
    next.handleRequest(exchange);
  }

  private static void refuse(HttpServerExchange exchange, int status, byte[] body) {
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
    exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
    exchange.getResponseSender().send(ByteBuffer.wrap(body));
  }
}
