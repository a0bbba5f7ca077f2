package gazette.render;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * One rendered body and what is known about it: the route it is at, its media type and the type a
 * browser opening it should get, how long caches may keep it, the feed's own URL and its WebSub hub
 * (null for pages, or without a hub), and the newest of its sources.
 */
public record Output(Route route, String mediaType, String browserType, byte[] body, Caching caching, URI self,
    URI hub, Instant newestSource) {

  /** A page or document that is not a feed. */
  static Output page(Route route, String mediaType, byte[] body, Caching caching, Instant newestSource) {
    return new Output(route, mediaType, mediaType, body, caching, null, null, newestSource);
  }

  public Output {
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(browserType, "browserType");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(caching, "caching");
    Objects.requireNonNull(newestSource, "newestSource");
  }

  public String path() {
    return Routes.path(route);
  }

  /** How long shared caches and readers may reuse a body without asking again. */
  public enum Caching {
    /** Feeds and pages: reused for the configured max-age, then revalidated. */
    SHARED,
    /** Status documents: always revalidated. */
    REVALIDATE,
    /** Full archive pages: they do not change, so caches keep them for a year. */
    IMMUTABLE
  }
}
