package gazette.render;

import gazette.catalog.Catalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/** {@code /feed.xsl}: the XSLT that turns a feed opened in a browser into a readable page. */
final class StylesheetRenderer implements Renderer<Boolean> {
  private static final byte[] STYLESHEET = load();

  private static byte[] load() {
    try (InputStream in = StylesheetRenderer.class.getResourceAsStream("/gazette/feed.xsl")) {
      if (in == null) {
        throw new IllegalStateException("gazette/feed.xsl is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("reading a resource of the jar", e);
    }
  }

  /** The stylesheet depends on nothing in the catalog: it changes only with a new Gazette version. */
  @Override
  public Optional<Boolean> view(Route route, Catalog catalog, Reload reload) {
    return Optional.of(Boolean.TRUE);
  }

  @Override
  public Output render(Boolean always) {
    return Output.page(new Route.Stylesheet(), MediaTypes.XSLT, STYLESHEET, Output.Caching.SHARED);
  }
}
