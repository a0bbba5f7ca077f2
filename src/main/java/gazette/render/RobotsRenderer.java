package gazette.render;

import gazette.catalog.Catalog;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** {@code /robots.txt} (RFC 9309): every crawler may read every page, and the sitemap is at {@code /sitemap.xml}. */
final class RobotsRenderer implements Renderer<URI> {
  @Override
  public Optional<URI> view(Route route, Catalog catalog, Reload reload) {
    return Optional.of(Routes.of(catalog.publication()).url(new Route.Sitemap(0)));
  }

  @Override
  public Output render(URI sitemap) {
    String text = "User-agent: *\nAllow: /\n\nSitemap: " + sitemap.toASCIIString() + "\n";
    return Output.page(new Route.Robots(), MediaTypes.TEXT, text.getBytes(StandardCharsets.UTF_8),
        Output.Caching.SHARED);
  }
}
