package gazette.render;

/** What preview mode ({@code serve --preview}) adds to every page: the one script Gazette ever sends. */
public final class Preview {
  /**
   * Reloads the page when the server says a new Site is up. The server's Content-Security-Policy allows
   * exactly this text, by hash, and only in preview mode.
   */
  public static final String SCRIPT = "new EventSource(\"" + Routes.path(new Route.PreviewEvents())
      + "\").onmessage = function () { location.reload(); };";

  private Preview() {}
}
