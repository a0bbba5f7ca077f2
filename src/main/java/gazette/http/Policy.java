package gazette.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import gazette.render.Output;
import gazette.site.Rendition;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Which headers a response carries and which representation of a URL it sends: decided here, from
 * what the Site knows about a body and the server's settings. Each body's header values are formatted
 * once and remembered while the body is in use, so serving stays a lookup.
 *
 * <p>A URL has up to four representations: its bytes, their gzip form, and for a feed the HTML page a
 * browser gets and that page's gzip form. Each has its own strong ETag (RFC 9110 §8.8.3: a strong
 * validator names one representation): the gzip form's is the identity's with {@code -gz} before the
 * closing quote.
 */
final class Policy {
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
  static final String VARY = "Accept-Encoding";
  /** A feed's answer also depends on whether a browser is opening it as a page (Fetch Metadata). */
  static final String VARY_FOR_FEEDS = "Accept-Encoding, Sec-Fetch-Dest";

  /** One representation: its bytes, their content coding (null for identity) and its strong ETag. */
  record Variant(byte[] body, String encoding, String etag) {}

  /**
   * One document in its codings: the media type, when it was first served, its identity and gzip (or
   * null) forms, and their ETags. The codings of one document hold the same content, so a cache holding
   * either may be told {@code 304}; another document at the same URL (a feed's browser page) may not.
   */
  record Document(String mediaType, Instant modified, String lastModified, Variant identity, Variant gzip,
      List<String> etags) {
    Variant coded(boolean acceptsGzip) {
      return acceptsGzip && gzip != null ? gzip : identity;
    }
  }

  /** A feed's browser page is for the person who opened it: no shared cache may hand it to a reader. */
  static final String BROWSER_PAGE_CACHING = "private, no-cache";

  /**
   * The header values of one URL, ready to send: its document, the browser's page ({@code browser},
   * null unless a feed); {@code link} and {@code location} are null for a body without one.
   */
  record Prepared(Document document, Document browser, String cacheControl, String vary, String link,
      String location) {}

  private final String shared;
  private final Cache<Rendition, Prepared> prepared = Caffeine.newBuilder()
      .weakKeys() // identity: one entry per body in use, dropped with its Site
      .maximumSize(100_000)
      // Its upkeep runs now and then on the calling I/O thread: handing it to the common pool woke a pool
      // thread (a futex call) every few hundred requests, which cost more than the upkeep itself.
      .executor(Runnable::run)
      .build();

  /** @param maxAgeSeconds how long shared caches and readers may reuse a feed or page */
  Policy(int maxAgeSeconds) {
    this.shared = "public, max-age=" + maxAgeSeconds;
  }

  Prepared of(Rendition rendition) {
    return prepared.get(rendition, this::prepare);
  }

  /** The ETag of the gzip form of a body whose identity ETag is {@code etag}. */
  static String gzipEtag(String etag) {
    return etag.substring(0, etag.length() - 1) + "-gz\"";
  }

  private Prepared prepare(Rendition r) {
    String link = r.self() == null ? null : "<" + r.self() + ">; rel=\"self\""
        + (r.hub() == null ? "" : ", <" + r.hub() + ">; rel=\"hub\"");
    Document document = document(r);
    Document browser = r.browser() == null ? null : document(r.browser());
    return new Prepared(document, browser, cacheControl(r.caching()),
        browser == null ? VARY : VARY_FOR_FEEDS, link, r.location() == null ? null : r.location().toASCIIString());
  }

  private static Document document(Rendition r) {
    Variant gzip = r.gzip() == null ? null : new Variant(r.gzip(), "gzip", gzipEtag(r.etag()));
    return new Document(r.mediaType(), r.lastModified(), HTTP_DATE.format(r.lastModified()),
        new Variant(r.identity(), null, r.etag()), gzip,
        gzip == null ? List.of(r.etag()) : List.of(r.etag(), gzip.etag()));
  }

  private String cacheControl(Output.Caching caching) {
    return switch (caching) {
      case SHARED -> shared;
      case REVALIDATE -> "no-cache";
      case IMMUTABLE -> "public, max-age=31536000, immutable";
    };
  }
}
