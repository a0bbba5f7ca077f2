package gazette;

/**
 * The {@code Accept} headers feed readers and browsers send, as their own sources set them, for tests
 * that ask the way each one asks.
 */
public final class ReaderHeaders {
  private ReaderHeaders() {}

  /** SimplePie (FreshRSS, WordPress, Tiny Tiny RSS plugins): names text/html, at q=0.7. */
  public static final String SIMPLEPIE = "application/atom+xml, application/rss+xml, application/rdf+xml;q=0.9, "
      + "application/xml;q=0.8, text/xml;q=0.8, text/html;q=0.7, unknown/unknown;q=0.1, application/unknown;q=0.1, */*;q=0.1";
  /** Python's feedparser 6. */
  public static final String FEEDPARSER =
      "application/atom+xml,application/rdf+xml,application/rss+xml,application/x-netcdf,application/xml;q=0.9,text/xml;q=0.2,*/*;q=0.1";
  /** NetNewsWire sets only its User-Agent: Apple's URLSession sends {@code Accept: *}{@code /*}. */
  public static final String NETNEWSWIRE = "*/*";
  /** Miniflux 2: names text/html at q=1, like the feed types. */
  public static final String MINIFLUX =
      "application/xml,application/atom+xml,application/rss+xml,application/rdf+xml,application/feed+json,text/html,*/*;q=0.9";
  /** Chromium navigating to a URL (it also sends Sec-Fetch-Dest: document). */
  public static final String CHROMIUM =
      "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8";
}
