package gazette.render;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * One rendered body and what the server must say about it: its media type, how caches may keep it,
 * the feed's own URL and its WebSub hub for the {@code Link} header (null for pages, or without a hub),
 * and when its sources last changed.
 */
public record Output(String path, String mediaType, byte[] body, Caching caching, URI self, URI hub,
    Instant sourcesChanged) {
  /** A page or document that is not a feed: no {@code Link} header. */
  static Output page(String path, String mediaType, byte[] body, Caching caching, Instant sourcesChanged) {
    return new Output(path, mediaType, body, caching, null, null, sourcesChanged);
  }

  public Output {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(caching, "caching");
    Objects.requireNonNull(sourcesChanged, "sourcesChanged");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("site paths start with /: " + path);
    }
  }

  /** How long shared caches and readers may reuse a body without asking again. */
  public enum Caching {
    /** Feeds and pages: reused for the configured max-age, then revalidated. */
    SHARED,
    /** Status documents: always revalidated. */
    REVALIDATE,
    /** Full archive pages and the stylesheet: they do not change, so caches keep them for a year. */
    IMMUTABLE
  }
}
