package gazette.render;

/** The exact {@code Content-Type} of each kind of body that is not a feed (feeds: see {@link Format}). */
final class MediaTypes {
  static final String HTML = "text/html; charset=utf-8";
  static final String JSON = "application/json";
  static final String XSLT = "text/xsl; charset=utf-8";
  static final String CSS = "text/css; charset=utf-8";
  static final String XML = "application/xml; charset=utf-8";
  static final String TEXT = "text/plain; charset=utf-8";

  private MediaTypes() {}
}
