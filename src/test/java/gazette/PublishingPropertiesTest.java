package gazette;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.WireFeedInput;
import gazette.article.Article;
import gazette.article.ArticleParser;
import gazette.article.ContentCache;
import gazette.article.Publication;
import gazette.article.PublicationParser;
import gazette.catalog.Catalog;
import gazette.render.Renderers;
import gazette.site.Rendition;
import gazette.site.Site;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Properties of publishing, over generated input (jqwik): any set of valid articles gives well-formed RSS
 * and Atom (parsed back by an XML parser and by ROME), a valid JSON Feed, unique ids and the same bytes
 * when rendered again; and any byte string as a file gives an article or problem lines, never an exception.
 */
class PublishingPropertiesTest {
  private static final Publication PUBLICATION = PublicationParser.fallback(URI.create("https://news.example.org/"));
  private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Pieces text is made of: markup, entities, CDATA ends, emoji sequences, accents, bidi and control characters. */
  private static final List<String> PIECES = List.of("a", "Z", "word ", " ", "&", "&amp;", "<", ">", "\"", "'", "]]>",
      "<script>", "<b>", "😀", "👨‍👩‍👧‍👦", "🇦🇿", "e\u0301", "ж", "日本", "\u202E", "\u0000", "\u001b", "\t", "\n", "\\",
      "*", "_", "#", "[x](/a)", "`", "é", "%", "{{", "---", ": ", "- ", "\r\n");

  /** One article as a writer might write it. */
  record Written(String title, int day, int minute, String content, List<String> categories, String summary) {}

  @Provide
  Arbitrary<String> text() {
    return Arbitraries.of(PIECES).list().ofMinSize(1).ofMaxSize(30).map(pieces -> "t" + String.join("", pieces));
  }

  @Provide
  Arbitrary<Written> written() {
    Arbitrary<String> prose = Arbitraries.of(PIECES).list().ofMinSize(1).ofMaxSize(400).map(p -> "c" + String.join("", p));
    Arbitrary<List<String>> categories = Arbitraries.of("World", "Business & Money", "Ədəbiyyat", "<b>", "日本")
        .list().ofMaxSize(3);
    return Combinators.combine(text(), Arbitraries.integers().between(1, 28), Arbitraries.integers().between(0, 1439),
        prose, categories, text().injectNull(0.7)).as(Written::new);
  }

  /** The YAML a writer would save: every text as a JSON string, which YAML reads as a double-quoted scalar. */
  private static byte[] yaml(Written w) throws Exception {
    StringBuilder yaml = new StringBuilder()
        .append("title: ").append(JSON.writeValueAsString(w.title())).append('\n')
        .append("published: 2024-02-").append(String.format("%02d", w.day())).append('T')
        .append(String.format("%02d:%02d", w.minute() / 60, w.minute() % 60)).append(":00+04:00\n")
        .append("categories: ").append(JSON.writeValueAsString(w.categories())).append('\n')
        .append("content: ").append(JSON.writeValueAsString(w.content())).append('\n');
    if (w.summary() != null) {
      yaml.append("summary: ").append(JSON.writeValueAsString(w.summary())).append('\n');
    }
    return yaml.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static Site render(Catalog catalog) {
    return Site.render(catalog, new Renderers(new ContentCache()), Optional.empty(), NOW, new Site.Reloads(1, System.nanoTime()));
  }

  private static void wellFormed(byte[] xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
  }

  @Property(tries = 60)
  void validArticlesGiveWellFormedFeedsUniqueIdsAndStableBytes(@ForAll @Size(min = 1, max = 12) List<@From("written") Written> all)
      throws Exception {
    List<Article> articles = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      ArticleParser.Result result = new ArticleParser(PUBLICATION).parse(Path.of("articles/story-" + i + ".yaml"),
          yaml(all.get(i)), NOW);
      assertThat(result.problems()).as("a valid article").isEmpty();
      articles.add(result.article().orElseThrow());
    }
    Catalog catalog = new Catalog(PUBLICATION, Path.of("articles/_feed.yaml"), Instant.EPOCH, articles, List.of(),
        Optional.empty());

    Site site = render(catalog);
    Site again = render(catalog);

    for (String path : site.paths()) {
      if (path.equals("/health")) {
        continue; // it tells how long the render took
      }
      assertThat(again.find(path).orElseThrow().identity()).as(path).isEqualTo(site.find(path).orElseThrow().identity());
    }
    byte[] rss = site.find("/feed.xml").orElseThrow().identity();
    wellFormed(rss);
    Channel channel = (Channel) new WireFeedInput().build(new InputStreamReader(new ByteArrayInputStream(rss), StandardCharsets.UTF_8));
    assertThat(channel.getItems()).hasSize(articles.size());
    assertThat(channel.getItems().stream().map(Item::getGuid).map(g -> g.getValue())).doesNotHaveDuplicates();
    byte[] atom = site.find("/atom.xml").orElseThrow().identity();
    wellFormed(atom);
    Feed feed = (Feed) new WireFeedInput().build(new InputStreamReader(new ByteArrayInputStream(atom), StandardCharsets.UTF_8));
    assertThat(feed.getEntries().stream().map(Entry::getId)).hasSize(articles.size()).doesNotHaveDuplicates();
    JsonNode json = JSON.readTree(site.find("/feed.json").orElseThrow().identity());
    assertThat(json.get("version").asText()).isEqualTo("https://jsonfeed.org/version/1.1");
    List<String> ids = new ArrayList<>();
    for (JsonNode item : json.get("items")) {
      ids.add(item.get("id").asText());
      for (String field : new String[] {"url", "title", "content_html", "date_published"}) {
        assertThat(item.get(field).isTextual()).as(field).isTrue();
      }
    }
    assertThat(ids).hasSize(articles.size()).doesNotHaveDuplicates();
    for (Catalog.Category category : catalog.categories()) {
      wellFormed(site.find("/categories/" + category.slug() + "/feed.xml").orElseThrow().identity());
    }
  }

  @Provide
  Arbitrary<byte[]> anyBytes() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
  }

  /** A valid article with random bytes written over, inserted into or cut out of it: closer to what breaks. */
  @Provide
  Arbitrary<byte[]> damagedArticles() {
    byte[] valid = "title: A story\npublished: 2024-01-20T10:00:00+04:00\ncategories: [World, Politics]\nauthor: {name: A, email: a@example.org}\nenclosures: [{url: /a.mp3, type: audio/mpeg, length: 1}]\ncontent: |\n  Text with *emphasis*, [a link](/about) and 😀.\n"
        .getBytes(StandardCharsets.UTF_8);
    Arbitrary<int[]> edit = Combinators.combine(Arbitraries.integers().between(0, 2),
        Arbitraries.integers().between(0, valid.length), Arbitraries.integers().between(0, 255)).as((k, at, b) -> new int[] {k, at, b});
    return edit.list().ofMinSize(1).ofMaxSize(8).map(edits -> {
      List<Byte> bytes = new ArrayList<>();
      for (byte b : valid) {
        bytes.add(b);
      }
      for (int[] e : edits) {
        int at = Math.min(e[1], bytes.size());
        switch (e[0]) {
          case 0 -> bytes.add(at, (byte) e[2]);
          case 1 -> {
            if (at < bytes.size()) {
              bytes.remove(at);
            }
          }
          default -> {
            if (at < bytes.size()) {
              bytes.set(at, (byte) e[2]);
            }
          }
        }
      }
      byte[] out = new byte[bytes.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = bytes.get(i);
      }
      return out;
    });
  }

  private static void anArticleOrProblemsNeverAnException(byte[] bytes) {
    ArticleParser.Result result = new ArticleParser(PUBLICATION).parse(Path.of("articles/fuzzed.yaml"), bytes, NOW);

    assertThat(result.article().isPresent()).as("an article exactly when there is no problem")
        .isEqualTo(result.problems().isEmpty());
    result.article().ifPresent(article -> {
      Site site = render(new Catalog(PUBLICATION, Path.of("articles/_feed.yaml"), Instant.EPOCH,
          article.isPublishedAt(NOW) ? List.of(article) : List.of(), List.of(), Optional.empty()));
      for (String path : site.paths()) {
        Rendition rendition = site.find(path).orElseThrow();
        assertThat(rendition.identity()).isNotEmpty();
      }
    });
  }

  @Property(tries = 500)
  void anyBytesAsAFileGiveAnArticleOrProblems(@ForAll("anyBytes") byte[] bytes) {
    anArticleOrProblemsNeverAnException(bytes);
  }

  @Property(tries = 500)
  void aDamagedArticleGivesAnArticleOrProblems(@ForAll("damagedArticles") byte[] bytes) {
    anArticleOrProblemsNeverAnException(bytes);
  }
}
