package gazette.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import gazette.article.Article;
import gazette.article.Author;
import gazette.article.Enclosure;
import gazette.article.Publication;
import gazette.catalog.Catalog;
import java.net.URI;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * JSON Feed 1.1 at {@code /feed.json} and {@code /categories/{slug}/feed.json}; older articles are
 * reached through {@code next_url}, page by page, down the archive pages {@code /archive/{n}.json}.
 */
public final class JsonFeedRenderer implements Renderer {
  static final String VERSION = "https://jsonfeed.org/version/1.1";
  /** Compact: feeds are read by programs, and each item's JSON can then be reused as is inside any feed. */
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Reuse reuse = new Reuse();
  /** Each article's item as JSON, from the last render, kept while the article and publication are unchanged. */
  private Map<Article, RawValue> items = new IdentityHashMap<>();
  private Publication itemsOf;

  @Override
  public synchronized List<Output> render(Catalog catalog) {
    Map<Article, RawValue> previous = catalog.publication().equals(itemsOf) ? items : Map.of();
    Map<Article, RawValue> current = new IdentityHashMap<>();
    Function<Article, Object> item = article -> current.computeIfAbsent(article, a -> {
      RawValue before = previous.get(a);
      return before != null ? before : new RawValue(jsonText(item(a, catalog.publication())));
    });
    List<Output> out = new ArrayList<>();
    for (Listing listing : Listing.of(catalog)) {
      out.add(reuse.get(listing.path(Listing.JSON), catalog.publication(), listing.entries(), listing.withoutEntries(),
          () -> listing(catalog, listing, item)));
    }
    reuse.finish();
    items = current;
    itemsOf = catalog.publication();
    return out;
  }

  private static Output listing(Catalog catalog, Listing listing, Function<Article, Object> item) {
    Publication publication = catalog.publication();
    URI self = listing.url(publication, Listing.JSON);
    URI next = listing.newestArchive() == null ? null
        : publication.resolve(Feeds.archivePath(listing.newestArchive(), "json"));
    byte[] body = json(feed(publication, listing.title(), listing.description(), listing.home(), self, next,
        listing.entries(), item));
    return new Output(listing.path(Listing.JSON), MediaTypes.JSON_FEED, body, Output.Caching.SHARED, self,
        publication.hub(), catalog.sourcesChanged(listing.entries()));
  }

  /** Archive page {@code n}; rendered on request (see {@link OnDemand}). */
  static Output archive(Catalog catalog, int n, List<Article> page) {
    Publication publication = catalog.publication();
    URI self = publication.resolve(Feeds.archivePath(n, "json"));
    URI next = n == 1 ? null : publication.resolve(Feeds.archivePath(n - 1, "json"));
    byte[] body = json(feed(publication, publication.title() + " (archive " + n + ")",
        Feeds.description(publication), publication.baseUrl(), self, next, page, a -> item(a, publication)));
    boolean full = page.size() == Catalog.ARCHIVE_PAGE_SIZE;
    return new Output("/" + Feeds.archivePath(n, "json"), MediaTypes.JSON_FEED, body,
        full ? Output.Caching.IMMUTABLE : Output.Caching.SHARED, self, null, catalog.sourcesChanged(page));
  }

  private static Map<String, Object> feed(Publication publication, String title, String description, URI home,
      URI self, URI next, List<Article> entries, Function<Article, Object> item) {
    Map<String, Object> feed = new LinkedHashMap<>();
    feed.put("version", VERSION);
    feed.put("title", title);
    feed.put("home_page_url", home.toString());
    feed.put("feed_url", self.toString());
    feed.put("description", description);
    if (next != null) {
      feed.put("next_url", next.toString());
    }
    if (publication.logo() != null) {
      feed.put("icon", publication.logo().toString());
    }
    if (publication.icon() != null) {
      feed.put("favicon", publication.icon().toString());
    }
    if (!publication.authors().isEmpty()) {
      feed.put("authors", authors(publication.authors()));
    }
    feed.put("language", publication.language());
    if (publication.hub() != null) {
      feed.put("hubs", List.of(Map.of("type", "WebSub", "url", publication.hub().toString())));
    }
    List<Object> items = new ArrayList<>();
    for (Article article : entries) {
      items.add(item.apply(article));
    }
    feed.put("items", items);
    return feed;
  }

  private static Map<String, Object> item(Article article, Publication publication) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("id", article.id());
    item.put("url", article.link().toString());
    URI page = publication.resolve("articles/" + article.slug());
    if (!article.link().equals(page) && article.page()) {
      item.put("external_url", article.link().toString());
      item.put("url", page.toString());
    }
    item.put("title", article.title());
    item.put("content_html", article.html());
    if (!article.summary().isEmpty()) {
      item.put("summary", article.summary());
    }
    if (article.image() != null) {
      item.put("image", article.image().toString());
    }
    item.put("date_published", DateTimeFormatter.ISO_INSTANT.format(article.published()));
    item.put("date_modified", DateTimeFormatter.ISO_INSTANT.format(article.updated()));
    item.put("authors", authors(Feeds.authors(article, publication)));
    if (!article.categories().isEmpty()) {
      item.put("tags", article.categories());
    }
    item.put("language", article.language());
    if (!article.enclosures().isEmpty()) {
      List<Map<String, Object>> attachments = new ArrayList<>();
      for (Enclosure enclosure : article.enclosures()) {
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("url", enclosure.url().toString());
        attachment.put("mime_type", enclosure.type());
        attachment.put("size_in_bytes", enclosure.length());
        attachments.add(attachment);
      }
      item.put("attachments", attachments);
    }
    return item;
  }

  private static List<Map<String, Object>> authors(List<Author> authors) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Author author : authors) {
      Map<String, Object> person = new LinkedHashMap<>();
      person.put("name", author.name());
      if (author.url() != null) {
        person.put("url", author.url().toString());
      }
      out.add(person);
    }
    return out;
  }

  private static byte[] json(Map<String, Object> feed) {
    try {
      return JSON.writeValueAsBytes(feed);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("maps of strings, numbers and lists always serialise", e);
    }
  }

  private static String jsonText(Map<String, Object> value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("maps of strings, numbers and lists always serialise", e);
    }
  }
}
