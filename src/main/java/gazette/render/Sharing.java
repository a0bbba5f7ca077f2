package gazette.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gazette.article.Article;
import gazette.article.Author;
import gazette.article.Publication;
import java.net.URI;
import java.time.format.DateTimeFormatter;

/**
 * What an article page tells link previews and search engines: its dates for Open Graph, the kind of
 * Twitter card, and a schema.org {@code NewsArticle} as JSON-LD, written so that it can sit inside a
 * {@code <script>} element whatever the article says: {@code <}, {@code >}, {@code &} and the line
 * separators U+2028/U+2029 are written as {@code \\uXXXX} escapes, so no title can close the element.
 */
final class Sharing {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Sharing() {}

  /** JSON escapes for text inside an HTML {@code <script>} element: no {@code </script>}, no {@code <!--}. */
  private static final class ScriptSafe extends CharacterEscapes {
    private final int[] ascii = standardAsciiEscapesForJSON();

    ScriptSafe() {
      ascii['<'] = ESCAPE_STANDARD;
      ascii['>'] = ESCAPE_STANDARD;
      ascii['&'] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return ch == 0x2028 ? new SerializedString("\\u2028") : ch == 0x2029 ? new SerializedString("\\u2029") : null;
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectWriter WRITER;

  static {
    ObjectMapper mapper = new ObjectMapper();
    mapper.getFactory().setCharacterEscapes(new ScriptSafe());
    WRITER = mapper.writer();
  }

  /** The schema.org NewsArticle of an article's page, safe to put between {@code <script type="application/ld+json">} and {@code </script>}. */
  static String newsArticle(Article article, Publication publication, URI page, String summary) {
    ObjectNode ld = JSON.createObjectNode();
    ld.put("@context", "https://schema.org");
    ld.put("@type", "NewsArticle");
    ld.put("headline", article.title());
    if (!summary.isEmpty()) {
      ld.put("description", summary);
    }
    ld.put("datePublished", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(article.published().atZone(publication.timezone())));
    ld.put("dateModified", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(article.updated().atZone(publication.timezone())));
    ld.put("inLanguage", article.language());
    ld.put("url", page.toString());
    ld.put("mainEntityOfPage", page.toString());
    ArrayNode authors = ld.putArray("author");
    for (Author author : Feeds.authors(article, publication)) {
      ObjectNode person = authors.addObject();
      person.put("@type", "Person");
      person.put("name", author.name());
      if (author.url() != null) {
        person.put("url", author.url().toString());
      }
    }
    if (article.image() != null) {
      ld.putArray("image").add(article.image().toString());
    }
    ObjectNode publisher = ld.putObject("publisher");
    publisher.put("@type", "Organization");
    publisher.put("name", publication.title());
    publisher.put("url", publication.baseUrl().toString());
    URI logo = publication.logo() != null ? publication.logo() : publication.icon();
    if (logo != null) {
      ObjectNode image = publisher.putObject("logo");
      image.put("@type", "ImageObject");
      image.put("url", logo.toString());
    }
    try {
      return WRITER.writeValueAsString(ld);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings always serialises", e);
    }
  }
}
