package gazette.http;

import gazette.site.Rendition;
import gazette.site.Site;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Serves the current {@link Site}: a map lookup, header comparisons and a write of ready bytes. It
 * never parses, compresses or touches the disk; the first request for an on-demand page (an article or
 * archive page) renders it on a worker thread, and later ones find it ready.
 */
final class SiteHandler implements HttpHandler {
  private static final byte[] NOT_ALLOWED = "method not allowed: use GET or HEAD\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] STARTING = "starting: the articles are being read\n".getBytes(StandardCharsets.UTF_8);
  private static final String TEXT = "text/plain; charset=utf-8";
  private static final HttpString LINK = new HttpString("Link");

  private final Supplier<Site> site;
  private final Policy policy;

  SiteHandler(Supplier<Site> site, Policy policy) {
    this.site = site;
    this.policy = policy;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    HttpString method = exchange.getRequestMethod();
    boolean head = Methods.HEAD.equals(method);
    HeaderMap response = exchange.getResponseHeaders();
    if (!head && !Methods.GET.equals(method)) {
      response.put(Headers.ALLOW, "GET, HEAD");
      send(exchange, StatusCodes.METHOD_NOT_ALLOWED, TEXT, NOT_ALLOWED, false);
      return;
    }
    Site current = site.get();
    if (current == null) {
      response.put(Headers.RETRY_AFTER, "1");
      send(exchange, StatusCodes.SERVICE_UNAVAILABLE, TEXT, STARTING, head);
      return;
    }
    String path = exchange.getRequestPath();
    Rendition rendition = current.ready(path);
    if (rendition == null) {
      if (!current.complete()) {
        // A Site restored at a restart knows its feeds and listing pages; the rest waits for the articles.
        response.put(Headers.RETRY_AFTER, "1");
        send(exchange, StatusCodes.SERVICE_UNAVAILABLE, TEXT, STARTING, head);
        return;
      }
      if (exchange.isInIoThread() && current.mustRender(path)) {
        exchange.dispatch(this); // rendering an on-demand page would stall every connection on this I/O thread
        return;
      }
      exchange.putAttachment(Traffic.RENDERED, Boolean.TRUE); // for the on-demand cache metrics
      Optional<Rendition> found = current.find(path);
      if (found.isEmpty()) {
        Rendition notFound = current.notFound();
        send(exchange, StatusCodes.NOT_FOUND, notFound.mediaType(), notFound.identity(), head);
        return;
      }
      rendition = found.get();
    }
    Policy.Prepared headers = policy.of(rendition);
    HeaderMap request = exchange.getRequestHeaders();
    boolean page = headers.browser() != null && Conditional.navigating(request);
    Policy.Document document = page ? headers.browser() : headers.document();
    if (page) {
      exchange.putAttachment(Traffic.PAGE, Boolean.TRUE); // a person reading about the feed, not a subscriber
    }
    Policy.Variant variant = document.coded(Conditional.acceptsGzip(request));
    response.put(Headers.ETAG, variant.etag());
    response.put(Headers.LAST_MODIFIED, document.lastModified());
    response.put(Headers.CACHE_CONTROL, page ? Policy.BROWSER_PAGE_CACHING : headers.cacheControl());
    response.put(Headers.VARY, headers.vary());
    if (headers.link() != null && !page) {
      response.put(LINK, headers.link());
    }
    if (rendition.location() != null) {
      response.put(Headers.LOCATION, headers.location());
    }
    if (rendition.status() == StatusCodes.OK) {
      String unchanged = Conditional.notModified(request, variant.etag(), document.etags(), document.modified());
      if (unchanged != null) {
        response.put(Headers.ETAG, unchanged);
        exchange.setStatusCode(StatusCodes.NOT_MODIFIED);
        exchange.endExchange();
        return;
      }
    }
    if (variant.encoding() != null) {
      response.put(Headers.CONTENT_ENCODING, variant.encoding());
    }
    send(exchange, rendition.status(), document.mediaType(), variant.body(), head);
  }

  private static void send(HttpServerExchange exchange, int status, String type, byte[] body, boolean head) {
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, type);
    exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
    if (head) {
      exchange.endExchange();
    } else {
      exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }
  }
}
