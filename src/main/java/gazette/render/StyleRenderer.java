package gazette.render;

import gazette.catalog.Catalog;
import java.util.Optional;
import java.util.function.Supplier;

/** {@code /style.css}: the stylesheet every HTML page links, from the look in use. */
final class StyleRenderer implements Renderer<Look> {
  private final Supplier<Look> look;

  StyleRenderer(Supplier<Look> look) {
    this.look = look;
  }

  /** The stylesheet depends on the look alone. */
  @Override
  public Optional<Look> view(Route route, Catalog catalog, Reload reload) {
    return Optional.of(look.get());
  }

  @Override
  public Output render(Look look) {
    return Output.page(new Route.Style(), MediaTypes.CSS, look.css(), Output.Caching.SHARED);
  }
}
