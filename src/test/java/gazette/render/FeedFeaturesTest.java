package gazette.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.modules.itunes.ITunes;
import com.rometools.modules.mediarss.MediaEntryModule;
import com.rometools.modules.mediarss.MediaModule;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.WireFeedInput;
import gazette.catalog.Catalog;
import gazette.catalog.CatalogLoader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Category feeds, JSON Feed, RFC 5005 archives, media, WebSub links, and what the XML feeds no longer carry. */
class FeedFeaturesTest {
  private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
  private static final URI BASE = URI.create("https://news.example.org/");
  private static final List<String> CATEGORIES = List.of("World News", "Économie", "Sport");

  @TempDir
  Path dir;

  private Map<String, Output> site;
  private Catalog catalog;

  /** The path of the current version of archive page {@code n}. */
  private String archive(int n, Format format) {
    return Routes.path(Routes.archive(catalog.archives().get(n - 1), format));
  }

  @BeforeEach
  void publicationOf120Articles() throws IOException {
    Files.writeString(dir.resolve("_feed.yaml"), """
        title: Daily
        limit: 10
        logo: /logo.png
        authors: [{name: Desk, email: desk@example.org}]
        hub: https://hub.example.com/
        """);
    for (int i = 0; i < 120; i++) {
      StringBuilder yaml = new StringBuilder()
          .append("title: Story ").append(i).append('\n')
          .append("published: ").append(LocalDate.of(2024, 1, 1).plusDays(i)).append('\n')
          .append("categories: [").append(CATEGORIES.get(i % 3)).append("]\n")
          .append("content: Body of story ").append(i).append(".\n");
      if (i == 119) {
        yaml.append("image: /img/lead.jpg\nenclosures:\n")
            .append("  - {url: /ep.mp3, type: audio/mpeg, length: 1000}\n")
            .append("  - {url: /ep.ogg, type: audio/ogg, length: 900}\n");
      }
      Files.writeString(dir.resolve(String.format("story-%03d.yaml", i)), yaml);
    }
    catalog = new CatalogLoader(dir, BASE, BASE).load(NOW);
    site = Rendered.all(catalog);
  }

  private Object wire(String path) throws Exception {
    return new WireFeedInput().build(new InputStreamReader(new ByteArrayInputStream(site.get(path).body()), StandardCharsets.UTF_8));
  }

  private JsonNode json(String path) throws IOException {
    return new ObjectMapper().readTree(site.get(path).body());
  }

  private static Link link(List<Link> links, String rel) {
    return links.stream().filter(l -> rel.equals(l.getRel())).findFirst().orElse(null);
  }

  @Test
  void everyCategoryHasItsThreeFeedsAndAPage() throws Exception {
    assertThat(site.keySet()).contains(
        "/categories/world-news/feed.xml", "/categories/world-news/atom.xml", "/categories/world-news/feed.json",
        "/categories/economie/feed.xml", "/categories/sport/atom.xml", "/categories/sport/",
        "/categories/world-news/", "/categories/economie/");

    Channel rss = (Channel) wire("/categories/sport/feed.xml");
    assertThat(rss.getTitle()).isEqualTo("Daily: Sport");
    assertThat(rss.getLink()).isEqualTo("https://news.example.org/categories/sport/");
    assertThat(rss.getItems()).hasSize(10).allSatisfy(item ->
        assertThat(item.getCategories()).map(c -> c.getValue()).containsExactly("Sport"));
    assertThat(site.get("/categories/sport/feed.xml").self()).isEqualTo(URI.create("https://news.example.org/categories/sport/feed.xml"));
    Feed atom = (Feed) wire("/categories/economie/atom.xml");
    assertThat(link(atom.getOtherLinks(), "self").getHref()).isEqualTo("https://news.example.org/categories/economie/atom.xml");
    assertThat(atom.getEntries()).hasSize(10);
    String page = new String(site.get("/categories/economie/").body(), StandardCharsets.UTF_8);
    assertThat(page).contains("<h1>Économie</h1>")
        .contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Daily: Économie (Atom)\" href=\"https://news.example.org/categories/economie/atom.xml\">")
        .contains("Story 118").contains("Story 91<").doesNotContain("Story 88<").doesNotContain("Story 0<");
    String article = new String(site.get("/articles/story-119").body(), StandardCharsets.UTF_8);
    assertThat(article).contains("<a href=\"https://news.example.org/categories/world-news/\">World News</a>");
  }

  @Test
  void jsonFeedHasTheRequiredFieldsTypedRight() throws Exception {
    JsonNode feed = json("/feed.json");

    assertThat(site.get("/feed.json").mediaType()).isEqualTo("application/feed+json; charset=utf-8");
    assertThat(feed.get("version").asText()).isEqualTo("https://jsonfeed.org/version/1.1");
    assertThat(feed.get("title").isTextual()).isTrue();
    assertThat(feed.get("home_page_url").asText()).isEqualTo("https://news.example.org/");
    assertThat(feed.get("feed_url").asText()).isEqualTo("https://news.example.org/feed.json");
    assertThat(feed.get("next_url").asText()).isEqualTo("https://news.example.org" + archive(3, Format.JSON_FEED))
        .matches("https://news\\.example\\.org/archive/3-[0-9a-f]{12}\\.json");
    assertThat(feed.get("hubs").get(0).get("type").asText()).isEqualTo("WebSub");
    assertThat(feed.get("items").isArray()).isTrue();
    assertThat(feed.get("items")).hasSize(10);
    JsonNode item = feed.get("items").get(0);
    assertThat(item.get("id").asText()).isEqualTo("tag:news.example.org,2024-04-29:story-119");
    assertThat(item.get("url").asText()).isEqualTo("https://news.example.org/articles/story-119");
    assertThat(item.get("title").asText()).isEqualTo("Story 119");
    assertThat(item.get("content_html").asText()).isEqualTo("<p>Body of story 119.</p>");
    assertThat(item.get("summary").asText()).isEqualTo("Body of story 119.");
    assertThat(item.get("image").asText()).isEqualTo("https://news.example.org/img/lead.jpg");
    assertThat(item.get("date_published").asText()).isEqualTo("2024-04-29T00:00:00Z");
    assertThat(item.get("date_modified").asText()).isEqualTo("2024-04-29T00:00:00Z");
    assertThat(item.get("authors").get(0).get("name").asText()).isEqualTo("Desk");
    assertThat(item.get("tags")).map(JsonNode::asText).containsExactly("Sport");
    assertThat(item.get("language").asText()).isEqualTo("en");
    assertThat(item.get("attachments")).hasSize(2);
    assertThat(item.get("attachments").get(0).get("url").asText()).isEqualTo("https://news.example.org/ep.mp3");
    assertThat(item.get("attachments").get(0).get("mime_type").asText()).isEqualTo("audio/mpeg");
    assertThat(item.get("attachments").get(0).get("size_in_bytes").isIntegralNumber()).isTrue();
  }

  @Test
  void followingArchiveLinksFromTheSubscriptionFeedGivesEveryArticleExactlyOnce() throws Exception {
    List<String> seen = new java.util.ArrayList<>();
    Feed current = (Feed) wire("/atom.xml");
    current.getEntries().forEach(e -> seen.add(e.getId()));
    Link prev = link(current.getOtherLinks(), "prev-archive");
    int pages = 0;
    while (prev != null) {
      String path = URI.create(prev.getHref()).getPath();
      Feed archive = (Feed) wire(path);
      assertThat(link(archive.getOtherLinks(), "current").getHref()).isEqualTo("https://news.example.org/atom.xml");
      assertThat(new String(site.get(path).body(), StandardCharsets.UTF_8)).contains("<fh:archive");
      archive.getEntries().forEach(e -> seen.add(e.getId()));
      prev = link(archive.getOtherLinks(), "prev-archive");
      pages++;
    }

    assertThat(pages).isEqualTo(3);
    assertThat(seen).hasSize(120).doesNotHaveDuplicates();
    for (int n = 1; n <= 3; n++) {
      assertThat(site.get(archive(n, Format.ATOM)).caching()).as("a version never changes").isEqualTo(Output.Caching.IMMUTABLE);
    }
    Feed second = (Feed) wire(archive(2, Format.ATOM));
    assertThat(link(second.getOtherLinks(), "prev-archive").getHref()).isEqualTo("https://news.example.org" + archive(1, Format.ATOM));
    assertThat(link(second.getOtherLinks(), "next-archive").getHref()).as("by its stable name, which never changes")
        .isEqualTo("https://news.example.org/archive/3.xml");
    Feed third = (Feed) wire(archive(3, Format.ATOM));
    assertThat(link(third.getOtherLinks(), "next-archive").getHref()).isEqualTo("https://news.example.org/atom.xml");
    Feed first = (Feed) wire(archive(1, Format.ATOM));
    assertThat(first.getEntries()).map(Entry::getTitleEx).map(c -> c.getValue()).startsWith("Story 49").endsWith("Story 0");
  }

  @Test
  void jsonFeedPagesThroughTheSameArchive() throws Exception {
    Set<String> ids = new HashSet<>();
    JsonNode page = json("/feed.json");
    int count = 0;
    while (true) {
      page.get("items").forEach(i -> ids.add(i.get("id").asText()));
      count += page.get("items").size();
      if (!page.has("next_url")) {
        break;
      }
      page = json(URI.create(page.get("next_url").asText()).getPath());
    }

    assertThat(count).isEqualTo(120);
    assertThat(ids).hasSize(120);
  }

  @Test
  void mediaAndEnclosuresAreCarried() throws Exception {
    Channel rss = (Channel) wire("/feed.xml");
    Item item = rss.getItems().get(0);

    MediaEntryModule media = (MediaEntryModule) item.getModule(MediaModule.URI);
    assertThat(media.getMediaContents()).hasSize(2);
    assertThat(media.getMediaContents()[0].getReference().toString()).isEqualTo("https://news.example.org/img/lead.jpg");
    assertThat(media.getMediaContents()[0].getMedium()).isEqualTo("image");
    assertThat(media.getMediaContents()[1].getReference().toString()).isEqualTo("https://news.example.org/ep.ogg");
    assertThat(media.getMetadata().getThumbnail()[0].getUrl()).isEqualTo(URI.create("https://news.example.org/img/lead.jpg"));
    assertThat(item.getEnclosures()).singleElement().satisfies(e -> assertThat(e.getUrl()).isEqualTo("https://news.example.org/ep.mp3"));
    assertThat(rss.getModule(ITunes.URI)).as("a publication without podcast settings is not a podcast").isNull();
    assertThat(item.getModule(ITunes.URI)).isNull();

    Entry entry = ((Feed) wire("/atom.xml")).getEntries().get(0);
    assertThat(entry.getOtherLinks()).filteredOn(l -> l.getRel().equals("enclosure"))
        .extracting(Link::getHref, Link::getType, Link::getLength)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("https://news.example.org/ep.mp3", "audio/mpeg", 1000L),
            org.assertj.core.groups.Tuple.tuple("https://news.example.org/ep.ogg", "audio/ogg", 900L));
    assertThat(((MediaEntryModule) entry.getModule(MediaModule.URI)).getMetadata().getThumbnail()[0].getUrl())
        .isEqualTo(URI.create("https://news.example.org/img/lead.jpg"));
  }

  @Test
  void everyFeedNamesItsHubAndItself() throws Exception {
    for (String path : List.of("/feed.xml", "/atom.xml", "/categories/sport/feed.xml")) {
      String xml = new String(site.get(path).body(), StandardCharsets.UTF_8);
      assertThat(xml).as(path).contains("rel=\"hub\"").contains("href=\"https://hub.example.com/\"")
          .contains("href=\"https://news.example.org" + path + "\"");
      assertThat(site.get(path).hub()).isEqualTo(URI.create("https://hub.example.com/"));
    }
  }

  @Test
  void xmlFeedsCarryNoStylesheetWhichStaysServedForPagesKeptWithOne() {
    for (String path : List.of("/feed.xml", "/atom.xml", "/categories/sport/atom.xml", archive(1, Format.ATOM))) {
      assertThat(new String(site.get(path).body(), StandardCharsets.UTF_8)).as(path)
          .startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<").doesNotContain("xml-stylesheet");
    }
    assertThat(site.get("/feed.xsl").mediaType()).isEqualTo("text/xsl; charset=utf-8");
    assertThat(new String(site.get("/feed.xsl").body(), StandardCharsets.UTF_8)).contains("xsl:stylesheet");
  }

  @Test
  void homePageDiscoversAllThreeFeeds() {
    String home = new String(site.get("/").body(), StandardCharsets.UTF_8);

    Map<String, String> links = java.util.regex.Pattern.compile("<link rel=\"alternate\" type=\"([^\"]+)\"[^>]*href=\"([^\"]+)\">")
        .matcher(home).results().collect(Collectors.toMap(m -> m.group(2), m -> m.group(1), (a, b) -> a, LinkedHashMap::new));
    assertThat(links).containsExactly(
        Map.entry("https://news.example.org/feed.xml", "application/rss+xml"),
        Map.entry("https://news.example.org/atom.xml", "application/atom+xml"),
        Map.entry("https://news.example.org/feed.json", "application/feed+json"));
  }
}
