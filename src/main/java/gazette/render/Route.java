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

  /** A path an article had on another site ({@code aliases:}), which leads to where it is now. */
  record Alias(String path) implements Route {
    public Alias {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public boolean eager() {
      return false;
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

  /**
   * A page of a listing's older articles: the publication's ({@code category} null) or one category's.
   * Pages are numbered from the oldest (page 1 holds the oldest articles), so a page keeps its number and
   * its articles as newer ones are published; the newest articles are on the listing's first page, {@code /}
   * or the category's page, which has no number.
   */
  record ListingPage(String category, int page) implements Route {
    public ListingPage {
      if (page < 1) {
        throw new IllegalArgumentException("no listing page " + page);
      }
    }

    @Override
    public boolean eager() {
      return false;
    }
  }

  /** The archive's index: every year and month that has articles, with a link to each month. */
  record ArchiveIndex() implements Route {}

  /** Every article published in one month, in the publication's time zone. */
  record ArchiveMonth(int year, int month) implements Route {
    public ArchiveMonth {
      if (year < 1 || year > 9999 || month < 1 || month > 12) {
        throw new IllegalArgumentException("no month " + year + "-" + month);
      }
    }

    @Override
    public boolean eager() {
      return false;
    }
  }

  /**
   * The sitemap (sitemaps.org 0.9): {@code part} 0 is {@code /sitemap.xml}, which lists every page, or,
   * past {@link Routes#SITEMAP_URLS} pages, is an index of parts 1, 2, ... that list them.
   */
  record Sitemap(int part) implements Route {
    public Sitemap {
      if (part < 0) {
        throw new IllegalArgumentException("no sitemap part " + part);
      }
    }

    @Override
    public boolean eager() {
      return part == 0;
    }
  }

  /** {@code /robots.txt}: everything may be crawled, and where the sitemap is. */
  record Robots() implements Route {}

  /**
   * The page a path with nothing there gets, with status {@code 404}; never parsed from a request, and
   * written by {@code gazette build} where the web server finds it ({@code .gazette/404.html}).
   */
  record NotFound() implements Route {}

  /** {@code /favicon.ico}: where the publication's {@code icon} is, unless the static folder has one. */
  record Favicon() implements Route {}

  /** A file of the static folder, at its path from the site's root; never a path Gazette has a route for. */
  record Static(String path) implements Route {
    public Static {
      if (!path.startsWith("/") || path.endsWith("/")) {
        throw new IllegalArgumentException("not a file's path: " + path);
      }
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
