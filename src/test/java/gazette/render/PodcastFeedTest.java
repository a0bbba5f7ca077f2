package gazette.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.modules.itunes.EntryInformation;
import com.rometools.modules.itunes.FeedInformation;
import com.rometools.modules.itunes.ITunes;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.WireFeedInput;
import gazette.catalog.Catalog;
import gazette.catalog.CatalogLoader;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.input.SAXBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The podcast fixture, which sets every podcast field: what Apple Podcasts, Spotify and Podcasting 2.0
 * apps read of it, read back with ROME's iTunes module and as plain XML.
 */
class PodcastFeedTest {
  private static final Namespace ITUNES = Namespace.getNamespace("http://www.itunes.com/dtds/podcast-1.0.dtd");
  private static final Namespace PODCAST = Namespace.getNamespace("https://podcastindex.org/namespace/1.0");
  private static final Namespace DC = Namespace.getNamespace("http://purl.org/dc/elements/1.1/");

  private static Map<String, Output> site;

  @BeforeAll
  static void render() throws Exception {
    Catalog catalog = new CatalogLoader(Path.of("src/test/resources/fixtures/podcast"), null,
        URI.create("http://127.0.0.1/")).load(Instant.parse("2024-02-01T00:00:00Z"));
    site = Rendered.all(catalog);
  }

  private static String text(String path) {
    return new String(site.get(path).body(), StandardCharsets.UTF_8);
  }

  private static Element channel() throws Exception {
    Document rss = new SAXBuilder().build(new StringReader(text("/feed.xml")));
    return rss.getRootElement().getChild("channel");
  }

  @Test
  void theChannelCarriesWhatDirectoriesRequire() throws Exception {
    Channel rss = (Channel) new WireFeedInput().build(new StringReader(text("/feed.xml")));
    FeedInformation show = (FeedInformation) rss.getModule(ITunes.URI);

    assertThat(show.getImage()).hasToString("https://podcast.example.org/cover.jpg");
    assertThat(show.getCategories()).singleElement().satisfies(c -> {
      assertThat(c.getName()).isEqualTo("News");
      assertThat(c.getSubcategories()).singleElement().satisfies(s -> assertThat(s.getName()).isEqualTo("Daily News"));
    });
    assertThat(show.getOwnerName()).isEqualTo("Gazette Audio Desk");
    assertThat(show.getOwnerEmailAddress()).isEqualTo("audio@example.org");
    assertThat(show.getType()).isEqualTo("episodic");
    Element channel = channel();
    assertThat(channel.getChildText("explicit", ITUNES)).as("Apple's spelling today").isEqualTo("false");
    assertThat(channel.getChild("keywords", ITUNES)).isNull();
    assertThat(channel.getChild("summary", ITUNES)).as("deprecated").isNull();
    assertThat(channel.getChild("image").getChildText("url")).as("one picture in every app").isEqualTo("https://podcast.example.org/cover.jpg");
    assertThat(channel.getChild("image").getChild("width")).isNull();
  }

  @Test
  void podcastingTwoCoreTagsAreWritten() throws Exception {
    Element channel = channel();

    assertThat(channel.getChildText("guid", PODCAST))
        .isEqualTo(Podcasting.guid(URI.create("https://podcast.example.org/feed.xml")).toString());
    assertThat(channel.getChildText("locked", PODCAST)).isEqualTo("yes");
    assertThat(channel.getChild("locked", PODCAST).getAttributeValue("owner")).isEqualTo("audio@example.org");
    assertThat(channel.getChild("funding", PODCAST).getAttributeValue("url")).isEqualTo("https://podcast.example.org/support");
    assertThat(channel.getChildText("funding", PODCAST)).isEqualTo("Support the show");
    Element first = channel.getChildren("item").stream()
        .filter(i -> i.getChildText("title").startsWith("Episode 1")).findFirst().orElseThrow();
    assertThat(first.getChild("transcript", PODCAST).getAttributeValue("url")).isEqualTo("https://podcast.example.org/media/episode-1.vtt");
    assertThat(first.getChild("transcript", PODCAST).getAttributeValue("type")).isEqualTo("text/vtt");
    assertThat(first.getChild("chapters", PODCAST).getAttributeValue("type")).isEqualTo("application/json+chapters");
  }

  @Test
  void theGuidIsTheUuidV5OfTheFeedUrlAsTheSpecDerivesIt() {
    // The example in the Podcasting 2.0 namespace's description of <podcast:guid>.
    assertThat(Podcasting.guid(URI.create("https://mp3s.nashownotes.com/pc20rss.xml")))
        .isEqualTo(UUID.fromString("917393e3-1b1e-5cef-ace4-edaa54e1f810"));
    assertThat(Podcasting.guid(URI.create("http://mp3s.nashownotes.com/pc20rss.xml/")))
        .as("scheme and trailing slashes are not part of the name").isEqualTo(Podcasting.guid(URI.create("https://mp3s.nashownotes.com/pc20rss.xml")));
  }

  @Test
  void everyEpisodeCarriesItsFieldsAndOneAuthor() throws Exception {
    Channel rss = (Channel) new WireFeedInput().build(new StringReader(text("/feed.xml")));
    Map<String, Item> items = new java.util.HashMap<>();
    rss.getItems().forEach(i -> items.put(i.getTitle(), i));

    EntryInformation one = (EntryInformation) items.get("Episode 1: Credentials and tension").getModule(ITunes.URI);
    assertThat(one.getDuration().getMilliseconds()).isEqualTo(Duration.ofSeconds(3723).toMillis());
    assertThat(one.getEpisode()).isEqualTo(1);
    assertThat(one.getSeason()).isEqualTo(1);
    assertThat(one.getEpisodeType()).isEqualTo("full");
    assertThat(one.getImageUri()).isEqualTo("https://podcast.example.org/episodes/1.jpg");
    EntryInformation trailer = (EntryInformation) items.get("Trailer").getModule(ITunes.URI);
    assertThat(trailer.getEpisodeType()).isEqualTo("trailer");
    assertThat(trailer.getDuration().getMilliseconds()).isEqualTo(55_000);
    for (Element item : channel().getChildren("item")) {
      int authors = item.getChildren("author").size() + item.getChildren("creator", DC).size();
      assertThat(authors).as("one author element per item, so readers agree on who made it").isEqualTo(1);
      assertThat(item.getChild("enclosure").getAttributeValue("length")).matches("[1-9][0-9]*");
    }
  }

  @Test
  void nothingPodcastRelatedOutsideRss() {
    for (String path : List.of("/atom.xml", "/feed.json", "/categories/politics/atom.xml")) {
      assertThat(text(path)).as(path).doesNotContain("itunes").doesNotContain("podcastindex");
    }
  }

  /** A GUID carried over from another host names the podcast; a category's feed is a podcast of its own. */
  @Test
  void aGuidFromTheSettingsNamesTheMainFeedOnly(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    java.nio.file.Files.copy(Path.of("src/test/resources/fixtures/podcast/2024-01-20-episode-1.yaml"),
        dir.resolve("episode-1.yaml"));
    java.nio.file.Files.writeString(dir.resolve("_feed.yaml"), java.nio.file.Files.readString(
        Path.of("src/test/resources/fixtures/podcast/_feed.yaml")) + "  guid: 917393e3-1b1e-5cef-ace4-edaa54e1f810\n");
    Catalog catalog = new CatalogLoader(dir, null, URI.create("http://127.0.0.1/")).load(Instant.parse("2024-02-01T00:00:00Z"));
    assertThat(catalog.problems()).isEmpty();
    Map<String, Output> moved = Rendered.all(catalog);

    String main = new String(moved.get("/feed.xml").body(), StandardCharsets.UTF_8);
    String category = new String(moved.get("/categories/politics/feed.xml").body(), StandardCharsets.UTF_8);
    assertThat(main).contains("<podcast:guid>917393e3-1b1e-5cef-ace4-edaa54e1f810</podcast:guid>");
    assertThat(category).contains("<podcast:guid>"
        + Podcasting.guid(URI.create("https://podcast.example.org/categories/politics/feed.xml")) + "</podcast:guid>");
  }
}
