package gazette.render;

import gazette.catalog.Catalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/** {@code /feed.xsl}: the XSLT that turns a feed opened in a browser into a readable page. */
public final class StylesheetRenderer implements Renderer {
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

  @Override
  public List<Output> render(Catalog catalog) {
    // Dated by the feed's sources: the stylesheet changes only with a new Gazette version.
    return List.of(Output.page("/" + Feeds.STYLESHEET, MediaTypes.XSLT, STYLESHEET, Output.Caching.SHARED,
        catalog.publicationChanged()));
  }
}
