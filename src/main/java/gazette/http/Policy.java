package gazette.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import gazette.render.Output;
import gazette.site.Rendition;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Which headers a response carries: decided here, from what the Site knows about a body and the
 * server's settings. Each body's header values are formatted once and remembered while the body is in
 * use, so serving stays a lookup.
 */
final class Policy {
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
  static final String VARY = "Accept-Encoding";
  static final String VARY_WITH_ACCEPT = "Accept, Accept-Encoding";

  /** The header values of one body, ready to send; {@code link} and {@code location} are null for a body without one. */
  record Prepared(String etag, String lastModified, String cacheControl, String vary, String link, String location) {}

  private final String shared;
  private final Cache<Rendition, Prepared> prepared = Caffeine.newBuilder()
      .weakKeys() // identity: one entry per body in use, dropped with its Site
      .maximumSize(100_000)
      .build();

  /** @param maxAgeSeconds how long shared caches and readers may reuse a feed or page */
  Policy(int maxAgeSeconds) {
    this.shared = "public, max-age=" + maxAgeSeconds;
  }

  Prepared of(Rendition rendition) {
    return prepared.get(rendition, this::prepare);
  }

  private Prepared prepare(Rendition r) {
    String link = r.self() == null ? null : "<" + r.self() + ">; rel=\"self\""
        + (r.hub() == null ? "" : ", <" + r.hub() + ">; rel=\"hub\"");
    return new Prepared(r.etag(), HTTP_DATE.format(r.lastModified()), cacheControl(r.caching()),
        r.browserType().equals(r.mediaType()) ? VARY : VARY_WITH_ACCEPT, link,
        r.location() == null ? null : r.location().toASCIIString());
  }

  private String cacheControl(Output.Caching caching) {
    return switch (caching) {
      case SHARED -> shared;
      case REVALIDATE -> "no-cache";
      case IMMUTABLE -> "public, max-age=31536000, immutable";
    };
  }
}
