package gazette.render;

import gazette.article.Article;
import gazette.article.Publication;
import gazette.catalog.Catalog;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * One list of entries published as a feed in every format: the main feed, or one category's. {@code prefix} is the site
 * folder it lives in ({@code ""} or {@code categories/{slug}/}); {@code home} is the HTML page it
 * describes.
 */
record Listing(String prefix, String title, String description, URI home, List<Article> entries,
    Integer newestArchive) {

  static final String RSS = "feed.xml";
  static final String ATOM = "atom.xml";
  static final String JSON = "feed.json";

  /** The main feed, then one per category. */
  static List<Listing> of(Catalog catalog) {
    Publication p = catalog.publication();
    int archives = catalog.archives().size();
    List<Listing> channels = new ArrayList<>();
    channels.add(new Listing("", p.title(), Feeds.description(p), p.baseUrl(), catalog.feed(),
        archives == 0 ? null : archives));
    for (Catalog.Category category : catalog.categories()) {
      String prefix = "categories/" + category.slug() + "/";
      channels.add(new Listing(prefix, p.title() + ": " + category.name(),
          category.name() + " from " + p.title(), p.resolve(prefix), catalog.window(category.articles()), null));
    }
    return channels;
  }

  /** Everything but the entries: what else a rendered feed of this listing depends on. */
  List<Object> withoutEntries() {
    return java.util.Arrays.asList(prefix, title, description, home, newestArchive);
  }

  /** The site path of this channel's feed in one format, such as {@code /categories/world/atom.xml}. */
  String path(String file) {
    return "/" + prefix + file;
  }

  URI url(Publication publication, String file) {
    return publication.resolve(prefix + file);
  }
}
