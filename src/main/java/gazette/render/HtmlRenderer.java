package gazette.render;

import gazette.article.Article;
import gazette.article.Author;
import gazette.article.Publication;
import gazette.catalog.Catalog;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The HTML pages: {@code /} (newest articles), {@code /articles/{slug}} and
 * {@code /categories/{slug}/}, each with autodiscovery links to the feeds that carry it.
 */
public final class HtmlRenderer implements Renderer {
  private static final TemplateEngine TEMPLATES =
      TemplateEngine.createPrecompiled(null, ContentType.Html, HtmlRenderer.class.getClassLoader(), "gazette.render.templates");
  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);

  /** What every page shows of the publication, and the feeds its autodiscovery links name. */
  public record Site(String title, String description, String home, String language, List<FeedLink> feeds,
      List<CategoryLink> categories) {}

  /** An autodiscovery link to one feed. */
  public record FeedLink(String title, String type, String href) {}

  /** A link to a category's page. */
  public record CategoryLink(String name, String href) {}

  /** One article as a page shows it; {@code html} is sanitised already. */
  public record Entry(String title, String url, String page, boolean external, String date, String datetime,
      String authors, List<CategoryLink> categories, String summary, String html, String image,
      List<gazette.article.Enclosure> enclosures) {}

  private final Reuse categoryPages = new Reuse();

  @Override
  public synchronized List<Output> render(Catalog catalog) {
    Publication publication = catalog.publication();
    Site site = site(catalog);
    List<Output> out = new ArrayList<>();
    List<Article> newest = catalog.feed();
    out.add(page("/", "home.jte", Map.of("site", site, "entries", entries(newest, catalog)),
        catalog.sourcesChanged(newest)));
    for (Catalog.Category category : catalog.categories()) {
      String prefix = "categories/" + category.slug() + "/";
      List<FeedLink> feeds = new ArrayList<>(feeds(publication, prefix, publication.title() + ": " + category.name()));
      feeds.addAll(site.feeds());
      Site categorySite = new Site(site.title(), site.description(), site.home(), site.language(), feeds,
          site.categories());
      List<Article> shown = catalog.window(category.articles());
      out.add(categoryPages.get("/" + prefix, publication, shown, categorySite, () -> page("/" + prefix,
          "category.jte", Map.of("site", categorySite, "name", category.name(), "entries", entries(shown, catalog)),
          catalog.sourcesChanged(shown))));
    }
    categoryPages.finish();
    return out;
  }

  /** The page of one article, {@code /articles/{slug}}; rendered on request (see {@link OnDemand}). */
  static Output articlePage(Catalog catalog, Article article) {
    return page("/articles/" + article.slug(), "article.jte",
        Map.of("site", site(catalog), "entry", entry(article, catalog, true)), catalog.sourcesChanged(List.of(article)));
  }

  private static Site site(Catalog catalog) {
    Publication publication = catalog.publication();
    List<CategoryLink> categories = catalog.categories().stream()
        .map(c -> new CategoryLink(c.name(), publication.resolve("categories/" + c.slug() + "/").toString()))
        .toList();
    return new Site(publication.title(), publication.description(), publication.baseUrl().toString(),
        publication.language(), feeds(publication, "", publication.title()), categories);
  }

  private static List<FeedLink> feeds(Publication publication, String prefix, String title) {
    return List.of(
        new FeedLink(title + " (RSS)", "application/rss+xml", publication.resolve(prefix + Listing.RSS).toString()),
        new FeedLink(title + " (Atom)", "application/atom+xml", publication.resolve(prefix + Listing.ATOM).toString()),
        new FeedLink(title + " (JSON Feed)", "application/feed+json", publication.resolve(prefix + Listing.JSON).toString()));
  }

  private static Output page(String path, String template, Map<String, Object> params, Instant changed) {
    Utf8ByteOutput output = new Utf8ByteOutput();
    TEMPLATES.render(template, params, output);
    return Output.page(path, MediaTypes.HTML, output.toByteArray(), Output.Caching.SHARED, changed);
  }

  private static List<Entry> entries(List<Article> articles, Catalog catalog) {
    return articles.stream().map(a -> entry(a, catalog, false)).toList();
  }

  /** @param withHtml whether the page shows the content ({@code html} is empty otherwise) */
  static Entry entry(Article article, Catalog catalog, boolean withHtml) {
    Publication publication = catalog.publication();
    ZonedDateTime published = article.published().atZone(publication.timezone());
    String page = publication.resolve("articles/" + article.slug()).toString();
    List<CategoryLink> categories = article.categories().stream()
        .filter(name -> !catalog.categorySlug(name).isEmpty())
        .map(name -> new CategoryLink(name, publication.resolve("categories/" + catalog.categorySlug(name) + "/").toString()))
        .toList();
    return new Entry(article.title(), article.link().toString(), article.page() ? page : article.link().toString(),
        !article.link().toString().equals(page), SHOWN.format(published),
        DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(published),
        Feeds.authors(article, publication).stream().map(Author::name).collect(Collectors.joining(", ")),
        categories, article.summary(), withHtml ? article.html() : "",
        article.image() == null ? null : article.image().toString(), article.enclosures());
  }
}
