package gazette.render;

import gazette.catalog.Catalog;
import java.util.List;

/** Renders a catalog into the bodies of one kind of output (a feed format, the HTML pages). */
public interface Renderer {
  List<Output> render(Catalog catalog);

  /** Every renderer of the site, in a fixed order. */
  static List<Renderer> all() {
    return List.of(new RssRenderer(), new AtomRenderer(), new JsonFeedRenderer(), new HtmlRenderer(),
        new StylesheetRenderer());
  }
}
