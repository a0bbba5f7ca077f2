package gazette.site;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Locale;
import java.util.Objects;

/**
 * One URL's response, ready to send: the identity body and (when smaller) its gzip form, a strong
 * ETag hashed from the identity bytes, when those bytes last changed, and every header value
 * already formatted so that serving is a lookup.
 *
 * <p>{@code gzip} is null when compressing would not make the body smaller; {@code link} is null
 * when the URL has no {@code Link} header; {@code self} and {@code hub} are set for feeds (the hub only
 * when the publication names a WebSub hub). {@code browserContentType}, when set, is the type to send a
 * browser navigating to the URL (an XML feed as {@code application/xml}, so the browser applies the
 * feed's stylesheet instead of offering a download or showing text); {@code vary} names the request
 * headers the response depends on.
 */
public record Rendition(
    String contentType,
    byte[] identity,
    byte[] gzip,
    String etag,
    Instant lastModified,
    String lastModifiedHeader,
    String cacheControl,
    String link,
    URI self,
    URI hub,
    String browserContentType,
    String vary) {

  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

  /** A rendition whose Last-Modified header is formatted from {@code lastModified}. */
  public static Rendition of(String contentType, byte[] identity, byte[] gzip, String etag, Instant lastModified,
      String cacheControl, String link, URI self, URI hub, String browserContentType, String vary) {
    return new Rendition(contentType, identity, gzip, etag, lastModified, HTTP_DATE.format(lastModified), cacheControl,
        link, self, hub, browserContentType, vary);
  }

  public Rendition {
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(etag, "etag");
    Objects.requireNonNull(lastModified, "lastModified");
    Objects.requireNonNull(cacheControl, "cacheControl");
    if (lastModified.getNano() != 0) {
      throw new IllegalArgumentException("HTTP dates have whole seconds: " + lastModified);
    }
    if (!HTTP_DATE.format(lastModified).equals(lastModifiedHeader)) {
      throw new IllegalArgumentException(lastModifiedHeader + " is not " + lastModified + " as an HTTP date");
    }
  }

  public Date lastModifiedDate() {
    return Date.from(lastModified);
  }
}
