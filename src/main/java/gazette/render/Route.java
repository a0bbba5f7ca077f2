package gazette.render;

import java.util.Objects;

/**
 * One kind of URL Gazette serves, with its parameters. {@link Routes} builds each one's path and parses a
 * request path back into one; what is at a route (if anything) depends on the catalog.
 */
public sealed interface Route {
  /** Whether the body is rendered with the Site (false: on request, kept in a bounded cache). */
  default boolean eager() {
    return true;
  }

  /** The home page: the newest articles. */
  record Home() implements Route {}

  /** A feed of the newest entries in one format: the publication's ({@code category} null) or one category's. */
  record Feed(String category, Format format) implements Route {
    public Feed {
      Objects.requireNonNull(format, "format");
    }

    public static Feed main(Format format) {
      return new Feed(null, format);
    }
  }

  /**
   * One version of RFC 5005 archive page {@code page} (1 the oldest) in a paged format, named by its
   * {@code token}: a version's bytes never change, so it can be cached as immutable. Without a token,
   * the page's stable name, which leads to its current version.
   */
  record Archive(int page, String token, Format format) implements Route {
    public Archive {
      if (page < 1 || !format.paged()) {
        throw new IllegalArgumentException("no archive page " + page + " in " + format.name());
      }
    }

    @Override
    public boolean eager() {
      return false;
    }
  }

  /** A category's page: its newest articles and its feeds. */
  record CategoryPage(String category) implements Route {
    public CategoryPage {
      Objects.requireNonNull(category, "category");
    }
  }

  /** One article's page. */
  record ArticlePage(String slug) implements Route {
    public ArticlePage {
      Objects.requireNonNull(slug, "slug");
    }

    @Override
    public boolean eager() {
      return false;
    }
  }

  /** The XSLT that shows RSS and Atom as a readable page in a browser. */
  record Stylesheet() implements Route {}

  /** The stylesheet of the HTML pages: the bundled one, or a theme's {@code style.css}. */
  record Style() implements Route {}

  /**
   * The server-sent events that tell an open page in preview mode ({@code serve --preview}) to reload:
   * one event after every new Site. Not a document: only a previewing server answers it.
   */
  record PreviewEvents() implements Route {
    @Override
    public boolean eager() {
      return false;
    }
  }

  /** The status document: articles, problems, the last reload. */
  record Health() implements Route {}
}
