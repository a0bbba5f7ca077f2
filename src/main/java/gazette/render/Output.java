package gazette.render;

import java.net.URI;
import java.util.Objects;

/**
 * One rendered response and what is known about it: the route it is at, its status ({@code 200}, or
 * {@code 301} to {@code location}, or {@code 410}), its media type, how long caches may keep it, for
 * feeds their own URL and WebSub hub (null for pages, or without a hub), and, for feeds, the HTML page
 * a person opening the feed in a browser gets instead ({@code browser}, null for everything else).
 */
public record Output(Route route, int status, URI location, String mediaType, byte[] body, Caching caching, URI self,
    URI hub, Output browser) {

  /** A page or document that is not a feed. */
  static Output page(Route route, String mediaType, byte[] body, Caching caching) {
    return new Output(route, 200, null, mediaType, body, caching, null, null, null);
  }

  public Output {
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(caching, "caching");
    if ((status == 301) != (location != null)) {
      throw new IllegalArgumentException("a 301, and only a 301, has a location: " + status + " " + location);
    }
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
