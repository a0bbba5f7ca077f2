package gazette.render;

/** The exact {@code Content-Type} of each kind of body. */
public final class MediaTypes {
  public static final String RSS = "application/rss+xml; charset=utf-8";
  public static final String ATOM = "application/atom+xml; charset=utf-8";
  public static final String HTML = "text/html; charset=utf-8";
  public static final String JSON = "application/json";
  public static final String JSON_FEED = "application/feed+json; charset=utf-8";
  public static final String XSLT = "text/xsl; charset=utf-8";

  private MediaTypes() {}
}
