package gazette.render;

import gazette.article.Article;
import gazette.article.Author;
import gazette.article.ContentCache;
import gazette.article.Publication;
import gazette.catalog.Catalog;
import gazette.render.PageModel.CategoryLink;
import gazette.render.PageModel.Entry;
import gazette.render.PageModel.FeedLink;
import gazette.render.PageModel.Frame;
import gg.jte.output.Utf8ByteOutput;
import java.net.URI;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The HTML pages: {@code /} (newest articles), {@code /categories/{slug}/} and {@code /articles/{slug}},
 * each with autodiscovery links to the feeds that carry it.
 */
final class HtmlRenderer implements Renderer<HtmlRenderer.Page> {

  /**
   * Everything one page's bytes depend on: the look, its template, the frame, its heading and own feeds (a
   * category's), the articles it lists or shows, and the newest of its sources.
   */
  record Page(Look look, Route route, String template, Frame frame, Publication publication, String heading,
      List<FeedLink> feeds, List<Article> articles, int status, List<Article> unpublished) {
    Page {
      articles = List.copyOf(articles);
      unpublished = List.copyOf(unpublished);
    }

    Page(Look look, Route route, String template, Frame frame, Publication publication, String heading,
        List<FeedLink> feeds, List<Article> articles, int status) {
      this(look, route, template, frame, publication, heading, feeds, articles, status, List.of());
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
    Frame frame = frame(catalog);
    if (route instanceof Route.Home) {
      List<Article> newest = catalog.feed();
      return Optional.of(new Page(look.get(), route, "home.jte", frame, p, p.title(), List.of(), newest, 200));
    }
    if (route instanceof Route.CategoryPage page) {
      return catalog.category(page.category()).map(category -> {
        List<FeedLink> own = feeds(Routes.of(p), category.slug(), p.title() + ": " + category.name());
        List<FeedLink> all = new ArrayList<>(own);
        all.addAll(frame.feeds());
        Frame categoryFrame = new Frame(frame.title(), frame.description(), frame.home(), frame.style(), frame.words(),
            all, frame.categories(), frame.reload());
        List<Article> shown = catalog.window(category.articles());
        return new Page(look.get(), route, "category.jte", categoryFrame, p, category.name(), own, shown, 200);
      });
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
          p, article.title(), List.of(), List.of(article), 200, unpublished ? List.of(article) : List.of()));
    }
    return Optional.empty();
  }

  @Override
  public Output render(Page page) {
    Map<String, CategoryLink> categories = page.frame().categories().stream()
        .collect(Collectors.toMap(CategoryLink::name, c -> c, (a, b) -> a));
    Map<String, Object> params = new HashMap<>();
    params.put("frame", page.frame());
    if (page.template().equals("article.jte")) {
      params.put("entry", entry(page.articles().get(0), page.publication(), page.frame().words(), categories, true,
          page.unpublished()));
    } else {
      params.put("entries", page.articles().stream()
          .map(a -> entry(a, page.publication(), page.frame().words(), categories, false, List.of()))
          .toList());
    }
    if (page.route() instanceof Route.CategoryPage || page.status() == 410) {
      params.put("name", page.heading());
    }
    if (page.route() instanceof Route.CategoryPage) {
      params.put("feeds", page.feeds());
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
        Routes.of(publication).url(new Route.Style()).toString(), words, List.of(new FeedLink(view.title() + " (" + format.label() + ")", format.type(),
            view.self().toASCIIString())), List.of(), preview.getAsBoolean() ? Preview.SCRIPT : null);
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
        routes.url(new Route.Style()).toString(), Words.of(publication.language()), feeds(routes, null, publication.title()), categories,
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
        unpublished.contains(article) ? status(article, publication, words) : null);
  }
}
