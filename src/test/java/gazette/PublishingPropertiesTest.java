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
import gazette.article.Problem;
import gazette.article.ContentCache;
import gazette.article.Publication;
import gazette.article.PublicationParser;
import gazette.catalog.Catalog;
import gazette.catalog.Catalogs;
import gazette.memory.Memory;
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
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties of publishing, over generated input: any set of valid articles gives well-formed RSS and
 * Atom (parsed back by an XML parser and by ROME), a valid JSON Feed, unique ids and the same bytes when
 * rendered again; and any byte string as a file gives an article or problem lines, never an exception.
 * Inputs come from seeded generators, so a failure names the seed that reproduces it.
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

  private static String pieces(Random random, String first, int max) {
    StringBuilder out = new StringBuilder(first);
    for (int i = 1 + random.nextInt(max); i > 0; i--) {
      out.append(PIECES.get(random.nextInt(PIECES.size())));
    }
    return out.toString();
  }

  private static Written written(Random random) {
    List<String> pool = List.of("World", "Business & Money", "Ədəbiyyat", "<b>", "日本");
    List<String> categories = new ArrayList<>();
    for (int i = random.nextInt(4); i > 0; i--) {
      categories.add(pool.get(random.nextInt(pool.size())));
    }
    return new Written(pieces(random, "t", 30), 1 + random.nextInt(28), random.nextInt(1440), pieces(random, "c", 400),
        categories, random.nextInt(10) < 3 ? pieces(random, "s", 30) : null);
  }

  /** Runs a check on the inputs of many seeds; a failure says which seed gives it. */
  private static <T> void forAll(int tries, java.util.function.Function<Random, T> generate, Check<T> check) {
    for (long seed = 0; seed < tries; seed++) {
      T input = generate.apply(new Random(seed));
      try {
        check.holds(input);
      } catch (Exception | AssertionError e) {
        throw new AssertionError("fails for seed " + seed + ": " + e.getMessage(), e);
      }
    }
  }

  private interface Check<T> {
    void holds(T input) throws Exception;
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

  /** A Site of its own memory, which must stay open while pages are rendered on request (older pages and months date by it). */
  private static Site render(Catalog catalog, Memory memory) {
    return Site.render(catalog, new Renderers(new ContentCache()), memory, Optional.empty(), NOW,
        new Site.Reloads(1, System.nanoTime()));
  }

  private static void wellFormed(byte[] xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
  }

  @Test
  void validArticlesGiveWellFormedFeedsUniqueIdsAndStableBytes() {
    forAll(60, random -> {
      List<Written> all = new ArrayList<>();
      for (int i = 1 + random.nextInt(12); i > 0; i--) {
        all.add(written(random));
      }
      return all;
    }, PublishingPropertiesTest::feedsAreWellFormedUniqueAndStable);
  }

  private static void feedsAreWellFormedUniqueAndStable(List<Written> all) throws Exception {
    List<Article> articles = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      ArticleParser.Result result = new ArticleParser(PUBLICATION).parse(Path.of("articles/story-" + i + ".yaml"), yaml(all.get(i)));
      assertThat(result.problems()).as("a valid article").isEmpty();
      articles.add(result.article().orElseThrow());
    }
    Catalog catalog = Catalogs.of(PUBLICATION, articles, NOW);

    try (Memory memory = Memory.ephemeral(); Memory other = Memory.ephemeral()) {
      Site site = render(catalog, memory);
      Site again = render(catalog, other);

      for (String path : site.paths()) {
        if (path.equals("/health")) {
          continue; // it tells how long the render took
        }
        assertThat(again.find(path).orElseThrow().identity()).as(path).isEqualTo(site.find(path).orElseThrow().identity());
      }
      feedsOf(site, catalog, articles);
    }
  }

  private static void feedsOf(Site site, Catalog catalog, List<Article> articles) throws Exception {
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

  private static final byte[] VALID = ("title: A story\npublished: 2024-01-20T10:00:00+04:00\ncategories: [World, Politics]\n"
      + "author: {name: A, email: a@example.org}\nenclosures: [{url: /a.mp3, type: audio/mpeg, length: 1}]\n"
      + "content: |\n  Text with *emphasis*, [a link](/about) and 😀.\n"
      + ("  A longer paragraph of the story, so that most damage lands in prose: <b>bold</b>, `code`, _em_, "
      + "a list item, an image ![alt](/i.png), a table | a | b |, an autolink https://example.org/x and é.\n").repeat(6))
      .getBytes(StandardCharsets.UTF_8);

  private static final String YAML_BYTES = " \n\t:-[]{},#&*!|>'\"%@`?<>\\_~=0129aZz";

  /** A valid article with random bytes written over, inserted into or cut out of it: closer to what breaks. */
  private static byte[] damaged(Random random) {
    List<Byte> bytes = new ArrayList<>();
    for (byte b : VALID) {
      bytes.add(b);
    }
    for (int edits = 1 + random.nextInt(4); edits > 0; edits--) {
      int at = random.nextInt(bytes.size() + 1);
      // Mostly what YAML and Markdown give meaning to, sometimes any byte at all.
      byte b = random.nextInt(8) > 0 ? (byte) YAML_BYTES.charAt(random.nextInt(YAML_BYTES.length())) : (byte) random.nextInt(256);
      switch (random.nextInt(3)) {
        case 0 -> bytes.add(at, b);
        case 1 -> {
          if (at < bytes.size()) {
            bytes.remove(at);
          }
        }
        default -> {
          if (at < bytes.size()) {
            bytes.set(at, b);
          }
        }
      }
    }
    byte[] out = new byte[bytes.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = bytes.get(i);
    }
    return out;
  }

  private static void anArticleOrProblemsNeverAnException(byte[] bytes) {
    ArticleParser.Result result = new ArticleParser(PUBLICATION).parse(Path.of("articles/fuzzed.yaml"), bytes);

    assertThat(result.article().isPresent()).as("an article exactly when there is no problem but warnings")
        .isEqualTo(result.problems().stream().allMatch(Problem::warning));
    result.article().ifPresent(article -> {
      try (Memory memory = Memory.ephemeral()) {
        Site site = render(Catalogs.of(PUBLICATION, article.isPublishedAt(NOW) ? List.of(article) : List.of(), NOW), memory);
        for (String path : site.paths()) {
          Rendition rendition = site.find(path).orElseThrow();
          assertThat(rendition.identity()).isNotEmpty();
        }
      }
    });
  }

  @Test
  void anyBytesAsAFileGiveAnArticleOrProblems() {
    forAll(500, random -> {
      byte[] bytes = new byte[random.nextInt(601)];
      random.nextBytes(bytes);
      return bytes;
    }, PublishingPropertiesTest::anArticleOrProblemsNeverAnException);
  }

  @Test
  void aDamagedArticleGivesAnArticleOrProblems() {
    int[] articles = {0};
    forAll(500, PublishingPropertiesTest::damaged, bytes -> {
      anArticleOrProblemsNeverAnException(bytes);
      if (new ArticleParser(PUBLICATION).parse(Path.of("articles/fuzzed.yaml"), bytes).article().isPresent()) {
        articles[0]++;
      }
    });
    assertThat(articles[0]).as("damaged copies that are still articles, and were rendered").isGreaterThan(100);
  }
}
