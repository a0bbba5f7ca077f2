package gazette.render;

import gazette.article.Article;
import gazette.article.Author;
import gazette.article.ContentCache;
import gazette.article.Publication;
import gazette.catalog.Catalog;
import gazette.render.PageModel.ArchiveYear;
import gazette.render.PageModel.CategoryLink;
import gazette.render.PageModel.Entry;
import gazette.render.PageModel.FeedLink;
import gazette.render.PageModel.Frame;
import gazette.render.PageModel.MonthLink;
import gazette.render.PageModel.Pager;
import gg.jte.output.Utf8ByteOutput;
import java.net.URI;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The HTML pages: {@code /} (newest articles) and its older pages, {@code /categories/{slug}/} and its
 * older pages, the archive's index and months, and {@code /articles/{slug}}, each with autodiscovery links
 * to the feeds that carry it.
 */
final class HtmlRenderer implements Renderer<HtmlRenderer.Page> {

  /**
   * Everything one page's bytes depend on: the look, its template, the frame, its heading and own feeds (a
   * category's), the articles it lists or shows, the links to the pages beside it (null: none), the
   * archive's years (its index only), and which of its articles readers cannot see yet (a preview's).
   */
  record Page(Look look, Route route, String template, Frame frame, Publication publication, String heading,
      List<FeedLink> feeds, List<Article> articles, int status, Pager pager, List<ArchiveYear> years,
      List<Article> unpublished) {
    Page {
      articles = List.copyOf(articles);
      years = List.copyOf(years);
      unpublished = List.copyOf(unpublished);
    }

    Page(Look look, Route route, String template, Frame frame, Publication publication, String heading,
        List<FeedLink> feeds, List<Article> articles, int status) {
      this(look, route, template, frame, publication, heading, feeds, articles, status, null, List.of(), List.of());
    }
  }

  private final ContentCache contents;
  /** The frame of the last catalog asked about: every page of one catalog shares it. */
  private volatile Framed framed;

  private record Framed(Catalog catalog, Frame frame) {}

  private final Supplier<Look> look;

  private final BooleanSupplier preview;

  HtmlRenderer(ContentCache contents, Supplier<Look> look, BooleanSupplier preview) {
    this.contents = contents;
    this.look = look;
    this.preview = preview;
  }

  @Override
  public Optional<Page> view(Route route, Catalog catalog, Reload reload) {
    Publication p = catalog.publication();
    Routes routes = Routes.of(p);
    Frame frame = frame(catalog);
    if (route instanceof Route.Home) {
      List<Article> newest = catalog.feed();
      int older = catalog.olderPages(null).size();
      Pager pager = older == 0 ? null : new Pager(null, href(routes, new Route.ListingPage(null, older)));
      return Optional.of(new Page(look.get(), route, "home.jte", frame, p, p.title(), List.of(), newest, 200, pager,
          List.of(), List.of()));
    }
    if (route instanceof Route.CategoryPage page) {
      return catalog.category(page.category()).map(category -> {
        int older = catalog.olderPages(category).size();
        Pager pager = older == 0 ? null : new Pager(null, href(routes, new Route.ListingPage(category.slug(), older)));
        List<FeedLink> own = feeds(routes, category.slug(), p.title() + ": " + category.name());
        return new Page(look.get(), route, "category.jte", categoryFrame(frame, own), p, category.name(), own,
            catalog.window(category.articles()), 200, pager, List.of(), List.of());
      });
    }
    if (route instanceof Route.ListingPage page) {
      Catalog.Category category = page.category() == null ? null : catalog.category(page.category()).orElse(null);
      if (page.category() != null && category == null) {
        return Optional.empty();
      }
      List<List<Article>> pages = catalog.olderPages(category);
      if (page.page() > pages.size()) {
        return Optional.empty();
      }
      Route first = category == null ? new Route.Home() : new Route.CategoryPage(category.slug());
      Pager pager = new Pager(
          href(routes, page.page() == pages.size() ? first : new Route.ListingPage(page.category(), page.page() + 1)),
          page.page() == 1 ? null : href(routes, new Route.ListingPage(page.category(), page.page() - 1)));
      List<Article> shown = pages.get(page.page() - 1);
      if (category == null) {
        return Optional.of(new Page(look.get(), route, "home.jte", frame, p,
            frame.words().text("older.heading", "page", frame.words().number(page.page())), List.of(), shown, 200, pager,
            List.of(), List.of()));
      }
      List<FeedLink> own = feeds(routes, category.slug(), p.title() + ": " + category.name());
      return Optional.of(new Page(look.get(), route, "category.jte", categoryFrame(frame, own), p,
          frame.words().text("older.category", "name", category.name(), "page", frame.words().number(page.page())), own,
          shown, 200, pager, List.of(), List.of()));
    }
    if (route instanceof Route.ArchiveIndex) {
      Map<Integer, List<MonthLink>> byYear = new LinkedHashMap<>();
      catalog.months().forEach((month, articles) -> byYear.computeIfAbsent(month.getYear(), y -> new ArrayList<>())
          .add(new MonthLink(frame.words().month(month), articles.size(),
              href(routes, month(month)))));
      List<ArchiveYear> years = byYear.entrySet().stream().map(e -> new ArchiveYear(e.getKey(), e.getValue())).toList();
      return Optional.of(new Page(look.get(), route, "archive.jte", frame, p, frame.words().text("archive.title"),
          List.of(), List.of(), 200, null, years, List.of()));
    }
    if (route instanceof Route.ArchiveMonth page) {
      NavigableMap<YearMonth, List<Article>> months = catalog.months();
      YearMonth month = YearMonth.of(page.year(), page.month());
      List<Article> articles = months.get(month);
      if (articles == null) {
        return Optional.empty();
      }
      // The months are kept newest first: the one "lower" is newer.
      YearMonth newer = months.lowerKey(month);
      YearMonth older = months.higherKey(month);
      Pager pager = new Pager(newer == null ? null : href(routes, month(newer)),
          older == null ? null : href(routes, month(older)));
      String heading = frame.words().monthOfYear(month);
      return Optional.of(new Page(look.get(), route, "month.jte", frame, p, heading, List.of(), articles, 200, pager,
          List.of(), List.of()));
    }
    if (route instanceof Route.ArticlePage page) {
      // An article's page speaks the article's own language, which may differ from the publication's.
      Optional<Article> shown = catalog.article(page.slug()).filter(Article::page);
      boolean unpublished = shown.isEmpty() && preview.getAsBoolean();
      if (unpublished) {
        shown = catalog.unpublished(page.slug()).filter(Article::page);
      }
      return shown.map(article -> new Page(look.get(), route, "article.jte",
          article.language().equals(frame.language()) ? frame : frame.in(Words.of(article.language())),
          p, article.title(), List.of(), List.of(article), 200, null, List.of(), unpublished ? List.of(article) : List.of()));
    }
    return Optional.empty();
  }

  private static Route.ArchiveMonth month(YearMonth month) {
    return new Route.ArchiveMonth(month.getYear(), month.getMonthValue());
  }

  private static String href(Routes routes, Route route) {
    return routes.url(route).toString();
  }

  /** A category's pages name its feeds first in their autodiscovery links, then the publication's. */
  private static Frame categoryFrame(Frame frame, List<FeedLink> own) {
    List<FeedLink> all = new ArrayList<>(own);
    all.addAll(frame.feeds());
    return new Frame(frame.title(), frame.description(), frame.home(), frame.style(), frame.words(), all,
        frame.categories(), frame.archive(), frame.extra(), frame.reload());
  }

  @Override
  public Output render(Page page) {
    Map<String, CategoryLink> categories = page.frame().categories().stream()
        .collect(Collectors.toMap(CategoryLink::name, c -> c, (a, b) -> a));
    Map<String, Object> params = new HashMap<>();
    params.put("frame", page.frame());
    if (page.template().equals("notfound.jte")) {
      Utf8ByteOutput output = new Utf8ByteOutput();
      page.look().templates().render("notfound.jte", params, output);
      return new Output(page.route(), 404, null, MediaTypes.HTML, output.toByteArray(), Output.Caching.SHARED, null, null,
          null);
    }
    if (page.status() == 200) {
      params.put("canonical", Routes.of(page.publication()).url(page.route()).toString());
    }
    if (page.template().equals("article.jte")) {
      Article article = page.articles().get(0);
      Entry entry = entry(article, page.publication(), page.frame().words(), categories, true, page.unpublished());
      params.put("entry", entry);
      params.remove("canonical"); // the article template names its own page
      params.put("sharing", new PageModel.Sharing(page.publication().title(), entry.datetime(),
          DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(article.updated().atZone(page.publication().timezone())),
          entry.image() == null ? "summary" : "summary_large_image",
          Sharing.newsArticle(article, page.publication(), Routes.of(page.publication()).page(article), entry.summary())));
    } else {
      params.put("entries", page.articles().stream()
          .map(a -> entry(a, page.publication(), page.frame().words(), categories, false, List.of()))
          .toList());
    }
    String template = page.template();
    if (template.equals("category.jte") || template.equals("month.jte") || template.equals("archive.jte")
        || page.status() == 410) {
      params.put("name", page.heading());
    }
    if (template.equals("home.jte") && page.route() instanceof Route.ListingPage) {
      params.put("name", page.heading());
    }
    if (template.equals("category.jte")) {
      params.put("feeds", page.feeds());
    }
    if (template.equals("home.jte") || template.equals("category.jte") || template.equals("month.jte")) {
      params.put("pager", page.pager());
    }
    if (template.equals("archive.jte")) {
      params.put("years", page.years());
      params.remove("entries");
    }
    Utf8ByteOutput output = new Utf8ByteOutput();
    page.look().templates().render(page.template(), params, output);
    // A preview is revalidated on every load: the page that reloads itself after a save must get the new bytes.
    return new Output(page.route(), page.status(), null, MediaTypes.HTML, output.toByteArray(),
        page.frame().reload() != null ? Output.Caching.REVALIDATE : Output.Caching.SHARED, null, null, null);
  }

  /**
   * What a person opening a feed in a browser sees instead of its XML or JSON: that it is a feed, the
   * address to copy into a reader, and its entries. It depends on the feed's view alone.
   */
  Output feedPage(FeedView view, Format format) {
    Publication publication = view.publication();
    Words words = Words.of(publication.language());
    Frame frame = new Frame(publication.title(), publication.description(), publication.baseUrl().toString(),
        Routes.of(publication).url(new Route.Style()).toString(), words, List.of(new FeedLink(view.title() + " ("
            + format.label() + ")", format.type(), view.self().toASCIIString())), List.of(),
        Routes.of(publication).url(new Route.ArchiveIndex()).toString(), publication.extra(),
        preview.getAsBoolean() ? Preview.SCRIPT : null);
    Map<String, Object> params = new HashMap<>();
    params.put("frame", frame);
    params.put("name", view.title());
    params.put("url", view.self().toASCIIString());
    params.put("format", format.label());
    params.put("entries", view.entries().stream().map(a -> entry(a, publication, words, Map.of(), false, List.of())).toList());
    Utf8ByteOutput output = new Utf8ByteOutput();
    look.get().templates().render("feedpage.jte", params, output);
    return Output.page(view.route(), MediaTypes.HTML, output.toByteArray(), view.archive()
        ? Output.Caching.IMMUTABLE : Output.Caching.SHARED);
  }

  /** The page for a path with nothing there ({@code 404}), in the site's look; the same for every such path. */
  Output notFound(Catalog catalog) {
    Frame frame = frame(catalog);
    return render(new Page(look.get(), new Route.NotFound(), "notfound.jte", frame, catalog.publication(),
        frame.words().text("notfound.title"), List.of(), List.of(), 404));
  }

  /** The page that says what used to be at a route is gone for good ({@code 410}). */
  Output gone(Route route, Catalog catalog) {
    Frame frame = frame(catalog);
    String what = frame.words().text(route instanceof Route.ArticlePage ? "gone.article" : "gone.category");
    return render(new Page(look.get(), route, "gone.jte", frame, catalog.publication(), what, List.of(), List.of(), 410));
  }

  private Frame frame(Catalog catalog) {
    Framed last = framed;
    if (last != null && last.catalog() == catalog && (last.frame().reload() != null) == preview.getAsBoolean()) {
      return last.frame();
    }
    Publication publication = catalog.publication();
    Routes routes = Routes.of(publication);
    List<CategoryLink> categories = catalog.categories().stream()
        .map(c -> new CategoryLink(c.name(), routes.url(new Route.CategoryPage(c.slug())).toString()))
        .toList();
    Frame frame = new Frame(publication.title(), publication.description(), publication.baseUrl().toString(),
        routes.url(new Route.Style()).toString(), Words.of(publication.language()), feeds(routes, null, publication.title()),
        categories, routes.url(new Route.ArchiveIndex()).toString(), publication.extra(),
        preview.getAsBoolean() ? Preview.SCRIPT : null);
    framed = new Framed(catalog, frame);
    return frame;
  }

  /** What a preview says of an article readers cannot see yet: "Draft", or "Scheduled for …". */
  private String status(Article article, Publication publication, Words words) {
    if (article.draft()) {
      return words.text("preview.draft");
    }
    return words.text("preview.scheduled", "date", words.dateTime(article.published().atZone(publication.timezone())));
  }

  /** Autodiscovery links to a listing's feeds in every format ({@code category} null: the publication's). */
  private static List<FeedLink> feeds(Routes routes, String category, String title) {
    return Format.ALL.stream()
        .map(format -> new FeedLink(title + " (" + format.label() + ")", format.type(),
            routes.url(new Route.Feed(category, format)).toString()))
        .toList();
  }

  /**
   * @param words the page's language, for the date
   * @param categories the links of every category in use, by name
   * @param withHtml whether the page shows the content ({@code html} is empty otherwise)
   */
  private Entry entry(Article article, Publication publication, Words words, Map<String, CategoryLink> categories,
      boolean withHtml, List<Article> unpublished) {
    Routes routes = Routes.of(publication);
    ZonedDateTime published = article.published().atZone(publication.timezone());
    URI link = routes.link(article);
    String own = routes.page(article).toString();
    boolean foreign = !article.language().equals(words.language());
    return new Entry(article.title(), link.toString(), article.page() ? own : link.toString(),
        !link.toString().equals(own), words.date(published),
        DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(published),
        words.list(Feeds.authors(article, publication).stream().map(Author::name).toList()),
        article.categories().stream().map(categories::get).filter(c -> c != null).toList(), contents.summary(article), withHtml ? contents.html(article) : "",
        article.image() == null ? null : article.image().toString(), article.enclosures(),
        foreign ? article.language() : null, foreign ? Words.of(article.language()).direction() : null,
        unpublished.contains(article) ? status(article, publication, words) : null, article.extra());
  }
}
