package gazette.render;

import gazette.article.Article;
import gazette.catalog.Catalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The outputs a site has one of per article or per fifty articles: article pages
 * ({@code /articles/{slug}}) and RFC 5005 archive pages ({@code /archive/{n}.xml} and {@code .json}).
 * Readers rarely ask for them, and a large site has hundreds of thousands, so they are rendered when
 * first requested rather than on every reload; the subscription feeds and listing pages stay eager.
 * Rendering is a pure function of the catalog, so a page's bytes (and its ETag) do not depend on when
 * it was asked for.
 */
public final class OnDemand {
  private static final String ARTICLES = "/articles/";
  private static final String ARCHIVE = "/archive/";

  private OnDemand() {}

  /** Every path this catalog can render on request. */
  public static List<String> paths(Catalog catalog) {
    List<String> paths = new ArrayList<>();
    for (Article article : catalog.articles()) {
      if (article.page()) {
        paths.add(ARTICLES + article.slug());
      }
    }
    int archives = catalog.archives().size();
    for (int n = 1; n <= archives; n++) {
      paths.add("/" + Feeds.archivePath(n, "xml"));
      paths.add("/" + Feeds.archivePath(n, "json"));
    }
    return paths;
  }

  /** Whether {@code path} is where an on-demand page could be (whether one is there depends on the catalog). */
  public static boolean handles(String path) {
    return path.startsWith(ARTICLES) || path.startsWith(ARCHIVE);
  }

  /** The output at {@code path}, or empty when the catalog has nothing there. */
  public static Optional<Output> render(Catalog catalog, String path) {
    if (path.startsWith(ARTICLES)) {
      return catalog.article(path.substring(ARTICLES.length()))
          .filter(Article::page)
          .map(article -> HtmlRenderer.articlePage(catalog, article));
    }
    if (path.startsWith(ARCHIVE)) {
      String file = path.substring(ARCHIVE.length());
      boolean xml = file.endsWith(".xml");
      if (!xml && !file.endsWith(".json")) {
        return Optional.empty();
      }
      int n = pageNumber(file.substring(0, file.lastIndexOf('.')));
      List<List<Article>> archives = catalog.archives();
      if (n < 1 || n > archives.size()) {
        return Optional.empty();
      }
      List<Article> page = archives.get(n - 1);
      return Optional.of(xml ? AtomRenderer.archive(catalog, n, archives.size(), page)
          : JsonFeedRenderer.archive(catalog, n, page));
    }
    return Optional.empty();
  }

  /** A page number as written in a canonical URL: digits without a leading zero; anything else is -1. */
  private static int pageNumber(String text) {
    if (text.isEmpty() || text.length() > 9 || text.charAt(0) == '0') {
      return -1;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return -1;
      }
    }
    return Integer.parseInt(text);
  }
}
