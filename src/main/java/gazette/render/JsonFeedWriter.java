package gazette.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import gazette.article.Article;
import gazette.article.Author;
import gazette.article.Enclosure;
import gazette.article.Publication;
import java.net.URI;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON Feed 1.1 at {@code /feed.json} and {@code /categories/{slug}/feed.json}; older articles are
 * reached through {@code next_url}, page by page, down the archive pages {@code /archive/{n}.json}.
 */
final class JsonFeedWriter implements FeedWriter {
  static final String VERSION = "https://jsonfeed.org/version/1.1";
  /** Compact: feeds are read by programs, and each item's JSON can then be reused as is inside any feed. */
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public byte[] write(FeedView view, Entries entries) {
    Publication publication = view.publication();
    Map<String, Object> feed = new LinkedHashMap<>();
    feed.put("version", VERSION);
    feed.put("title", view.title());
    feed.put("home_page_url", view.home().toString());
    feed.put("feed_url", view.self().toString());
    feed.put("description", view.description());
    if (view.older() != null) {
      feed.put("next_url", view.older().toString());
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
      Map<String, Object> hub = new LinkedHashMap<>(); // Map.of iterates in an order that differs per run
      hub.put("type", "WebSub");
      hub.put("url", publication.hub().toString());
      feed.put("hubs", List.of(hub));
    }
    List<Object> items = new ArrayList<>();
    for (Article article : view.entries()) {
      items.add(new RawValue(entries.<String>memo(article, a -> jsonText(item(a, publication, entries)))));
    }
    feed.put("items", items);
    try {
      return JSON.writeValueAsBytes(feed);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("maps of strings, numbers and lists always serialise", e);
    }
  }

  private static Map<String, Object> item(Article article, Publication publication, Entries entries) {
    Map<String, Object> item = new LinkedHashMap<>();
    URI link = entries.link(article);
    item.put("id", article.id());
    item.put("url", link.toString());
    URI page = entries.page(article);
    if (!link.equals(page) && article.page()) {
      item.put("external_url", link.toString());
      item.put("url", page.toString());
    }
    item.put("title", article.title());
    item.put("content_html", entries.html(article));
    String summary = entries.summary(article);
    if (!summary.isEmpty()) {
      item.put("summary", summary);
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

  private static String jsonText(Map<String, Object> value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("maps of strings, numbers and lists always serialise", e);
    }
  }
}
