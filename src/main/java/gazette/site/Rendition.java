package gazette.site;

import gazette.render.Output;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * One URL's response, ready to send, and what is known about it: its status ({@code 200}, {@code 301} to
 * {@code location}, {@code 410}), its media type, the identity bytes and (when smaller) their gzip form,
 * a strong ETag hashed from the identity bytes, when those bytes were first served, how long caches may
 * keep them, for feeds their own URL and WebSub hub, and the representation a browser opening a feed
 * gets instead ({@code browser}, an HTML page; null for everything else). Which representation a
 * request gets, and which headers a response carries, is decided by the HTTP layer.
 *
 * <p>{@code gzip} is null when compressing would not make the body smaller; {@code self} and {@code hub}
 * are null for pages (and {@code hub} without one, or for archive pages).
 */
public record Rendition(
    int status,
    URI location,
    String mediaType,
    byte[] identity,
    byte[] gzip,
    String etag,
    Instant lastModified,
    Output.Caching caching,
    URI self,
    URI hub,
    Rendition browser) {

  public Rendition {
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(etag, "etag");
    Objects.requireNonNull(lastModified, "lastModified");
    Objects.requireNonNull(caching, "caching");
    if (lastModified.getNano() != 0) {
      throw new IllegalArgumentException("HTTP dates have whole seconds: " + lastModified);
    }
  }

  /** The same response with {@code browser} as the page a browser gets instead. */
  public Rendition withBrowser(Rendition browser) {
    return new Rendition(status, location, mediaType, identity, gzip, etag, lastModified, caching, self, hub, browser);
  }

  /** Whether this is a feed (it has its own URL to announce to a hub). */
  public boolean feed() {
    return self != null;
  }
}
