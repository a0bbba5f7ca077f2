package gazette.render;

import gazette.catalog.Catalog;
import java.util.Optional;

/**
 * Renders the routes of one kind, in two steps: the view (everything the bytes depend on, cheap to
 * build and to compare) and then the bytes. A body whose view equals the last one need not be
 * rendered again.
 */
interface Renderer<V> {
  /** What the body at {@code route} depends on; empty when the catalog has nothing there. */
  Optional<V> view(Route route, Catalog catalog, Reload reload);

  Output render(V view);
}
