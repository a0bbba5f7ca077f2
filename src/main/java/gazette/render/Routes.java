package gazette.render;

import gazette.article.Article;
import gazette.article.Publication;
import gazette.catalog.Catalog;
import java.net.URI;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * The route table: the one place that knows the URL of every kind of route. It builds a route's path and
 * absolute URL, parses a request path back into a route (only the canonical spelling of each), and lists
 * the routes a catalog has. Nothing else concatenates URL paths.
 */
public record Routes(URI base) {
  private static final String ARTICLES = "articles/";
  private static final String CATEGORIES = "categories/";
  private static final String ARCHIVE = "archive/";
  private static final String PAGE = "page/";
  private static final String SITEMAP = "sitemap";
  private static final String ROBOTS = "robots.txt";
  private static final String FAVICON = "favicon.ico";
  private static final String STYLESHEET = "feed.xsl";
  private static final String STYLE = "style.css";
  private static final String PREVIEW_EVENTS = "_preview/events";
  private static final String HEALTH = "health";
  private static final Pattern SLUG = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
  private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{1,64}");

  /** The most URLs one sitemap file lists (sitemaps.org): past it, {@code /sitemap.xml} is an index of parts. */
  public static final int SITEMAP_URLS = 50_000;

  public Routes {
    Objects.requireNonNull(base, "base");
  }

  public static Routes of(Publication publication) {
    return new Routes(publication.baseUrl());
  }

  /** The path of a route from the site's root, starting with {@code /}. */
  public static String path(Route route) {
    if (route instanceof Route.Alias alias) {
      return alias.path();
    }
    if (route instanceof Route.Home) {
      return "/";
    }
    if (route instanceof Route.Feed feed) {
      return feed.category() == null ? "/" + feed.format().fileName()
          : "/" + CATEGORIES + feed.category() + "/" + feed.format().fileName();
    }
    if (route instanceof Route.Archive archive) {
      return "/" + ARCHIVE + archive.page() + (archive.token() == null ? "" : "-" + archive.token()) + "."
          + archive.format().archiveExtension();
    }
    if (route instanceof Route.CategoryPage page) {
      return "/" + CATEGORIES + page.category() + "/";
    }
    if (route instanceof Route.ArticlePage page) {
      return "/" + ARTICLES + page.slug();
    }
    if (route instanceof Route.ListingPage page) {
      return (page.category() == null ? "/" : "/" + CATEGORIES + page.category() + "/") + PAGE + page.page() + "/";
    }
    if (route instanceof Route.ArchiveIndex) {
      return "/" + ARCHIVE;
    }
    if (route instanceof Route.ArchiveMonth month) {
      return "/" + ARCHIVE + String.format(Locale.ROOT, "%04d/%02d/", month.year(), month.month());
    }
    if (route instanceof Route.Sitemap sitemap) {
      return "/" + SITEMAP + (sitemap.part() == 0 ? "" : "-" + sitemap.part()) + ".xml";
    }
    if (route instanceof Route.Robots) {
      return "/" + ROBOTS;
    }
    if (route instanceof Route.NotFound) {
      return "/.gazette/404.html";
    }
    if (route instanceof Route.Favicon) {
      return "/" + FAVICON;
    }
    if (route instanceof Route.Static file) {
      return file.path();
    }
    if (route instanceof Route.Stylesheet) {
      return "/" + STYLESHEET;
    }
    if (route instanceof Route.Style) {
      return "/" + STYLE;
    }
    if (route instanceof Route.PreviewEvents) {
      return "/" + PREVIEW_EVENTS;
    }
    if (route instanceof Route.Health) {
      return "/" + HEALTH;
    }
    throw new IllegalStateException("a route kind without a path: " + route);
  }

  /** The absolute URL of a route under the base URL. */
  public URI url(Route route) {
    return base.resolve(path(route).substring(1));
  }

  /** The URL of an article's own page. */
  public URI page(Article article) {
    return url(new Route.ArticlePage(article.slug()));
  }

  /** Where an entry points: the link its writer gave, else its own page. */
  public URI link(Article article) {
    return article.link() != null ? article.link() : page(article);
  }

  /** The route at a request path, when the path is the canonical spelling of one. */
  public static Optional<Route> parse(String path) {
    return candidate(path).filter(route -> path(route).equals(path));
  }

  private static Optional<Route> candidate(String path) {
    if (!path.startsWith("/")) {
      return Optional.empty();
    }
    String rest = path.substring(1);
    if (rest.isEmpty()) {
      return Optional.of(new Route.Home());
    }
    if (rest.equals(STYLESHEET)) {
      return Optional.of(new Route.Stylesheet());
    }
    if (rest.equals(STYLE)) {
      return Optional.of(new Route.Style());
    }
    if (rest.equals(PREVIEW_EVENTS)) {
      return Optional.of(new Route.PreviewEvents());
    }
    if (rest.equals(HEALTH)) {
      return Optional.of(new Route.Health());
    }
    if (rest.equals(ROBOTS)) {
      return Optional.of(new Route.Robots());
    }
    if (rest.equals(FAVICON)) {
      return Optional.of(new Route.Favicon());
    }
    if (rest.equals(SITEMAP + ".xml")) {
      return Optional.of(new Route.Sitemap(0));
    }
    if (rest.startsWith(SITEMAP + "-") && rest.endsWith(".xml")) {
      int part = pageNumber(rest.substring(SITEMAP.length() + 1, rest.length() - ".xml".length()));
      return part < 1 ? Optional.empty() : Optional.of(new Route.Sitemap(part));
    }
    if (rest.startsWith(PAGE)) {
      return listingPage(null, rest.substring(PAGE.length()));
    }
    if (rest.startsWith(ARTICLES)) {
      return slug(rest.substring(ARTICLES.length())).map(Route.ArticlePage::new);
    }
    if (rest.startsWith(CATEGORIES)) {
      String inside = rest.substring(CATEGORIES.length());
      int slash = inside.indexOf('/');
      if (slash < 0) {
        return Optional.empty();
      }
      String file = inside.substring(slash + 1);
      return slug(inside.substring(0, slash)).flatMap(category -> file.isEmpty()
          ? Optional.of(new Route.CategoryPage(category))
          : file.startsWith(PAGE) ? listingPage(category, file.substring(PAGE.length()))
          : Format.byFileName(file).map(format -> new Route.Feed(category, format)));
    }
    if (rest.startsWith(ARCHIVE)) {
      String file = rest.substring(ARCHIVE.length());
      if (file.isEmpty()) {
        return Optional.of(new Route.ArchiveIndex());
      }
      if (file.length() == "2024/01/".length() && file.charAt(4) == '/' && file.endsWith("/")) {
        int year = pageNumber(file.substring(0, 4));
        int month = pageNumber(file.substring(5, 7));
        return year < 1 || month < 1 || month > 12 ? Optional.empty() : Optional.of(new Route.ArchiveMonth(year, month));
      }
      int dot = file.lastIndexOf('.');
      if (dot < 0) {
        return Optional.empty();
      }
      String name = file.substring(0, dot);
      int dash = name.indexOf('-');
      String token = dash < 0 ? null : name.substring(dash + 1);
      int page = pageNumber(dash < 0 ? name : name.substring(0, dash));
      if (page < 1 || token != null && !TOKEN.matcher(token).matches()) {
        return Optional.empty();
      }
      return Format.byArchiveExtension(file.substring(dot + 1)).map(format -> new Route.Archive(page, token, format));
    }
    return Format.byFileName(rest).map(Route.Feed::main);
  }

  /** A listing page from what follows {@code page/}: its number and a slash. */
  private static Optional<Route> listingPage(String category, String numberAndSlash) {
    if (!numberAndSlash.endsWith("/")) {
      return Optional.empty();
    }
    int page = pageNumber(numberAndSlash.substring(0, numberAndSlash.length() - 1));
    return page < 1 ? Optional.empty() : Optional.of(new Route.ListingPage(category, page));
  }

  private static Optional<String> slug(String text) {
    return SLUG.matcher(text).matches() ? Optional.of(text) : Optional.empty();
  }

  /** A page number of at most nine digits; anything else is -1 (leading zeros are caught by the canonical check). */
  private static int pageNumber(String text) {
    if (text.isEmpty() || text.length() > 9) {
      return -1;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return -1;
      }
    }
    return Integer.parseInt(text);
  }

  /**
   * The routes rendered with every Site: home, the stylesheet, health, the archive's index, the sitemap,
   * robots.txt, and each listing's first page and feeds.
   */
  public static List<Route> eager(Catalog catalog) {
    List<Route> routes = new ArrayList<>();
    routes.add(new Route.Home());
    routes.add(new Route.Stylesheet());
    routes.add(new Route.Style());
    routes.add(new Route.Health());
    routes.add(new Route.ArchiveIndex());
    routes.add(new Route.Sitemap(0));
    routes.add(new Route.Robots());
    for (Format format : Format.ALL) {
      routes.add(Route.Feed.main(format));
    }
    for (Catalog.Category category : catalog.categories()) {
      routes.add(new Route.CategoryPage(category.slug()));
      for (Format format : Format.ALL) {
        routes.add(new Route.Feed(category.slug(), format));
      }
    }
    return routes;
  }

  /**
   * The routes rendered on request: each article's page, each listing's older pages, each month of the
   * archive, the parts of a split sitemap, and the current version of each archive page in every paged format.
   */
  public static List<Route> onDemand(Catalog catalog) {
    List<Route> routes = new ArrayList<>();
    List<Route> pages = pages(catalog);
    for (Route page : pages) {
      if (!page.eager()) {
        routes.add(page);
      }
    }
    routes.addAll(sitemapParts(pages.size()));
    for (Catalog.Archive archive : catalog.archives()) {
      for (Format format : Format.ALL) {
        if (format.paged()) {
          routes.add(archive(archive, format));
        }
      }
    }
    return routes;
  }

  /** An HTML page and the newest {@code updated} among the articles it shows (null when it shows none). */
  public record Listed(Route route, Instant updated) {}

  /** Every HTML page with content ({@link #listed}), without dates. */
  public static List<Route> pages(Catalog catalog) {
    return listed(catalog, null).stream().map(Listed::route).toList();
  }

  /**
   * The newest date of each listing page as last found, with the very articles it was found among: a page that
   * shows the same Article objects (immutable, so the same dates) has the same newest date, found by comparing
   * references rather than by reading every article and its date again (at 100,000 articles, hundreds of
   * thousands of them at every reload). Safe to share between threads.
   */
  static final class Newest {
    /** A page's articles and their newest date, and the listing that last asked for it. */
    private static final class Found {
      final Article[] among;
      final Instant newest;
      volatile long asked;

      Found(Article[] among, Instant newest, long asked) {
        this.among = among;
        this.newest = newest;
        this.asked = asked;
      }
    }

    private final Map<Route, Found> found = new ConcurrentHashMap<>();
    private final AtomicLong listings = new AtomicLong();

    /** A new listing of every page begins: the number to ask with, and to end it with. */
    long begin() {
      return listings.incrementAndGet();
    }

    Instant of(Route page, List<Article> articles, long listing) {
      Found last = found.get(page);
      if (last != null && same(last.among, articles)) {
        last.asked = Math.max(last.asked, listing);
        return last.newest;
      }
      Instant newest = Catalog.lastUpdate(articles).orElse(null);
      found.put(page, new Found(articles.toArray(new Article[0]), newest, listing));
      return newest;
    }

    /**
     * A listing ended: pages it did not ask for (and no later one did) are no longer listed, and are forgotten
     * with the articles they held, so the memo holds the site's pages as they are and nothing older.
     */
    void end(long listing) {
      found.values().removeIf(f -> f.asked < listing);
    }

    /** How many pages are remembered. */
    int remembered() {
      return found.size();
    }

    private static boolean same(Article[] among, List<Article> articles) {
      if (among.length != articles.size()) {
        return false;
      }
      int i = 0;
      // As Objects: an Article variable would check each element's class, a read of every article (a cache miss
      // each at 100,000), where comparing references reads only the two arrays.
      for (Object article : articles) {
        if (among[i++] != article) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * Every HTML page with content, in the order the sitemap lists them: home and its older pages (newest
   * first), the archive's index and months (newest first), each category's page and its older pages, and
   * each article's own page (newest first).
   *
   * @param memo the dates found before, to find again only where a page's articles changed; null for none
   */
  static List<Listed> listed(Catalog catalog, Newest memo) {
    long call = memo == null ? 0 : memo.begin();
    BiFunction<Route, List<Article>, Listed> listing =
        (page, articles) -> new Listed(page, memo == null ? newest(articles) : memo.of(page, articles, call));
    List<Listed> pages = new ArrayList<>(catalog.articles().size() + 64);
    pages.add(listing.apply(new Route.Home(), catalog.feed()));
    listingPages(pages, null, catalog.olderPages(null), listing);
    // The archive index shows every article, and the months share them out: its date is the newest of theirs,
    // with no second pass over every article.
    int index = pages.size();
    pages.add(null);
    Instant newestOfAll = null;
    for (Map.Entry<YearMonth, List<Article>> month : catalog.months().entrySet()) {
      Listed listed = listing.apply(new Route.ArchiveMonth(month.getKey().getYear(), month.getKey().getMonthValue()),
          month.getValue());
      pages.add(listed);
      Instant newest = listed.updated();
      if (newest != null && (newestOfAll == null || newest.isAfter(newestOfAll))) {
        newestOfAll = newest;
      }
    }
    pages.set(index, new Listed(new Route.ArchiveIndex(), newestOfAll));
    for (Catalog.Category category : catalog.categories()) {
      pages.add(listing.apply(new Route.CategoryPage(category.slug()), catalog.window(category.articles())));
      listingPages(pages, category.slug(), catalog.olderPages(category), listing);
    }
    if (memo != null) {
      memo.end(call);
    }
    for (Article article : catalog.articles()) {
      if (article.page()) {
        pages.add(new Listed(new Route.ArticlePage(article.slug()), article.updated()));
      }
    }
    return pages;
  }

  private static Instant newest(List<Article> articles) {
    return Catalog.lastUpdate(articles).orElse(null);
  }

  private static void listingPages(List<Listed> pages, String category, List<List<Article>> older,
      BiFunction<Route, List<Article>, Listed> listing) {
    for (int page = older.size(); page >= 1; page--) {
      pages.add(listing.apply(new Route.ListingPage(category, page), older.get(page - 1)));
    }
  }

  /** The parts of the sitemap when it lists more than {@link #SITEMAP_URLS} pages; none when one file holds them all. */
  static List<Route.Sitemap> sitemapParts(int urls) {
    List<Route.Sitemap> parts = new ArrayList<>();
    if (urls > SITEMAP_URLS) {
      for (int part = 1; part <= (urls + SITEMAP_URLS - 1) / SITEMAP_URLS; part++) {
        parts.add(new Route.Sitemap(part));
      }
    }
    return parts;
  }

  /** The current version of an archive page in one format. */
  public static Route.Archive archive(Catalog.Archive archive, Format format) {
    return new Route.Archive(archive.number(), archive.token(), format);
  }

  /**
   * The canonical spelling of a path that is not canonical but means a route: doubled slashes, a
   * category without its trailing slash, a page or feed with one. Empty when the path is canonical or
   * means nothing.
   */
  public static Optional<String> canonical(String path) {
    if (!path.startsWith("/")) {
      return Optional.empty();
    }
    String collapsed = path.replaceAll("/{2,}", "/");
    List<String> spellings = new ArrayList<>(List.of(collapsed));
    if (collapsed.endsWith("/") && collapsed.length() > 1) {
      spellings.add(collapsed.substring(0, collapsed.length() - 1));
    } else {
      spellings.add(collapsed + "/");
    }
    for (String spelling : spellings) {
      if (!spelling.equals(path) && parse(spelling).isPresent()) {
        return Optional.of(spelling);
      }
    }
    return Optional.empty();
  }
}
