package gazette.render;

import gazette.article.ContentCache;
import gazette.catalog.Catalog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every body of a catalog rendered at once, by path, for tests of what the renderers write. */
final class Rendered {
  private Rendered() {}

  static Map<String, Output> all(Catalog catalog) {
    Renderers renderers = new Renderers(new ContentCache());
    Reload reload = new Reload(Instant.EPOCH, Duration.ZERO, 1);
    List<Route> routes = new ArrayList<>(Routes.eager(catalog));
    routes.addAll(Routes.onDemand(catalog));
    Map<String, Output> out = new LinkedHashMap<>();
    for (Route route : routes) {
      renderers.render(route, catalog, reload).ifPresent(output -> out.put(output.path(), output));
    }
    return out;
  }

  static Output at(Catalog catalog, String path) {
    Output output = all(catalog).get(path);
    if (output == null) {
      throw new AssertionError("nothing rendered at " + path);
    }
    return output;
  }
}
