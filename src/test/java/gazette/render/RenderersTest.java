package gazette.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.module.DCModule;
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
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderersTest {
  private static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");
  private static final URI BASE = URI.create("https://news.example.org/daily/");

  @TempDir
  Path dir;

  @BeforeEach
  void articles() throws IOException {
    Files.writeString(dir.resolve("_feed.yaml"), """
        title: Daily & Co
        description: News <daily>
        language: en
        authors: [{name: Desk, email: desk@example.org}]
        copyright: CC BY 4.0
        timezone: Asia/Baku
        id_authority: example.org
        ttl: 30
        """);
    Files.writeString(dir.resolve("2024-01-20-first.yaml"), """
        title: "First <story> & \\x07bell"
        published: 2024-01-20T10:00:00+04:00
        updated: 2024-01-21T10:00:00+04:00
        authors: [Ann Writer]
        categories: [World, Politics]
        enclosures: [{url: /media/a.mp3, type: audio/mpeg, length: 42}]
        content: |
          Opening with ![a chart](img/chart.png) and [a link](../about).
        """);
    Files.writeString(dir.resolve("second.yaml"), """
        title: Second
        published: 2024-02-01
        summary: Short.
        link: https://elsewhere.example.com/second
        content: <p>Body <a href="/x">x</a></p>
        format: html
        """);
  }

  private Catalog catalog() throws IOException {
    return new CatalogLoader(dir, BASE, BASE).load(NOW);
  }

  private static Object parse(Output output) throws Exception {
    return new WireFeedInput().build(new InputStreamReader(new ByteArrayInputStream(output.body()), StandardCharsets.UTF_8));
  }

  @Test
  void rssCarriesEveryField() throws Exception {
    Map<String, Output> all = Rendered.all(catalog());
    Output output = all.get("/feed.xml");
    assertThat(all.keySet()).filteredOn(p -> p.endsWith("feed.xml"))
        .containsExactlyInAnyOrder("/feed.xml", "/categories/politics/feed.xml", "/categories/world/feed.xml");

    Channel channel = (Channel) parse(output);
    assertThat(output.path()).isEqualTo("/feed.xml");
    assertThat(output.mediaType()).isEqualTo("application/rss+xml; charset=utf-8");
    assertThat(output.self()).isEqualTo(URI.create("https://news.example.org/daily/feed.xml"));
    assertThat(channel.getTitle()).isEqualTo("Daily & Co");
    assertThat(channel.getDescription()).isEqualTo("News <daily>");
    assertThat(channel.getLink()).isEqualTo("https://news.example.org/daily/");
    assertThat(channel.getLanguage()).isEqualTo("en");
    assertThat(channel.getCopyright()).isEqualTo("CC BY 4.0");
    assertThat(channel.getTtl()).isEqualTo(30);
    assertThat(channel.getLastBuildDate()).isEqualTo(Date.from(Instant.parse("2024-01-31T20:00:00Z")));
    assertThat(new String(output.body(), StandardCharsets.UTF_8)).contains(
        "<atom:link href=\"https://news.example.org/daily/feed.xml\" rel=\"self\" type=\"application/rss+xml\" />");
    List<Item> items = channel.getItems();
    assertThat(items).hasSize(2);

    Item second = items.get(0);
    assertThat(second.getTitle()).isEqualTo("Second");
    assertThat(second.getLink()).isEqualTo("https://elsewhere.example.com/second");
    assertThat(second.getDescription().getValue()).isEqualTo("Short.");
    assertThat(second.getContent().getValue()).isEqualTo("<p>Body <a href=\"https://news.example.org/x\">x</a></p>");
    assertThat(second.getAuthor()).as("one author element per item: the name, without an email to harvest").isNull();
    assertThat(((DCModule) second.getModule(DCModule.URI)).getCreators()).containsExactly("Desk");

    Item first = items.get(1);
    assertThat(first.getTitle()).isEqualTo("First <story> & bell");
    assertThat(first.getLink()).isEqualTo("https://news.example.org/daily/articles/first");
    assertThat(first.getGuid().getValue()).isEqualTo("tag:example.org,2024-01-20:first");
    assertThat(first.getGuid().isPermaLink()).isFalse();
    assertThat(first.getPubDate()).isEqualTo(Date.from(Instant.parse("2024-01-20T06:00:00Z")));
    assertThat(first.getDescription().getValue()).isEqualTo("Opening with a chart and a link.");
    assertThat(first.getContent().getValue()).isEqualTo("<p>Opening with "
        + "<img src=\"https://news.example.org/daily/img/chart.png\" alt=\"a chart\"> and "
        + "<a href=\"https://news.example.org/about\">a link</a>.</p>");
    assertThat(first.getCategories()).map(c -> c.getValue()).containsExactly("World", "Politics");
    assertThat(first.getAuthor()).isNull();
    assertThat(((DCModule) first.getModule(DCModule.URI)).getCreators()).containsExactly("Ann Writer");
    assertThat(first.getEnclosures()).singleElement().satisfies(e -> {
      assertThat(e.getUrl()).isEqualTo("https://news.example.org/media/a.mp3");
      assertThat(e.getType()).isEqualTo("audio/mpeg");
      assertThat(e.getLength()).isEqualTo(42);
    });
  }

  @Test
  void atomCarriesEveryField() throws Exception {
    Output output = Rendered.at(catalog(), "/atom.xml");

    Feed feed = (Feed) parse(output);
    assertThat(output.path()).isEqualTo("/atom.xml");
    assertThat(output.mediaType()).isEqualTo("application/atom+xml; charset=utf-8");
    assertThat(feed.getId()).as("the authority and the date the memory began: no base URL in it")
        .isEqualTo("tag:example.org,2024-06-01:atom.xml");
    assertThat(feed.getTitleEx().getValue()).isEqualTo("Daily & Co");
    assertThat(feed.getSubtitle().getValue()).isEqualTo("News <daily>");
    assertThat(feed.getUpdated()).isEqualTo(Date.from(Instant.parse("2024-01-31T20:00:00Z")));
    assertThat(feed.getAlternateLinks()).map(Link::getHref).containsExactly("https://news.example.org/daily/");
    assertThat(feed.getOtherLinks()).singleElement().satisfies(l -> {
      assertThat(l.getRel()).isEqualTo("self");
      assertThat(l.getHref()).isEqualTo("https://news.example.org/daily/atom.xml");
    });
    assertThat(feed.getAuthors()).singleElement().satisfies(a -> {
      assertThat(a.getName()).isEqualTo("Desk");
      assertThat(a.getEmail()).isEqualTo("desk@example.org");
    });
    assertThat(feed.getRights()).isEqualTo("CC BY 4.0");

    Entry first = feed.getEntries().get(1);
    assertThat(first.getId()).isEqualTo("tag:example.org,2024-01-20:first");
    assertThat(first.getTitleEx().getValue()).isEqualTo("First <story> & bell");
    assertThat(first.getPublished()).isEqualTo(Date.from(Instant.parse("2024-01-20T06:00:00Z")));
    assertThat(first.getUpdated()).isEqualTo(Date.from(Instant.parse("2024-01-21T06:00:00Z")));
    assertThat(first.getAuthors()).map(a -> a.getName()).containsExactly("Ann Writer");
    assertThat(first.getAlternateLinks()).map(Link::getHref).containsExactly("https://news.example.org/daily/articles/first");
    assertThat(first.getOtherLinks()).singleElement().satisfies(l -> {
      assertThat(l.getRel()).isEqualTo("enclosure");
      assertThat(l.getHref()).isEqualTo("https://news.example.org/media/a.mp3");
      assertThat(l.getLength()).isEqualTo(42);
      assertThat(l.getType()).isEqualTo("audio/mpeg");
    });
    assertThat(first.getSummary().getValue()).isEqualTo("Opening with a chart and a link.");
    assertThat(first.getContents()).singleElement().satisfies(c -> {
      assertThat(c.getType()).isEqualTo("html");
      assertThat(c.getValue()).contains("src=\"https://news.example.org/daily/img/chart.png\"");
    });
    assertThat(first.getCategories()).map(c -> c.getTerm()).containsExactly("World", "Politics");
  }

  @Test
  void identicalInputGivesIdenticalBytes() throws Exception {
    Map<String, Output> once = Rendered.all(catalog());
    Map<String, Output> again = Rendered.all(new CatalogLoader(dir, BASE, BASE).load(NOW.plusSeconds(3600)));

    assertThat(again.keySet()).containsExactlyElementsOf(once.keySet());
    once.forEach((path, output) -> assertThat(again.get(path).body()).as(path).isEqualTo(output.body()));
  }

  @Test
  void forbiddenCharactersNeverReachTheXml() throws Exception {
    byte[] rss = Rendered.at(catalog(), "/feed.xml").body();

    assertThat(new String(rss, StandardCharsets.UTF_8)).doesNotContain("\u0007").contains("First &lt;story&gt; &amp; bell");
  }

  @Test
  void htmlPagesLinkEveryFeedAndEscapeTitles() throws Exception {
    Catalog catalog = catalog();
    Map<String, Output> all = Rendered.all(catalog);

    assertThat(all.keySet()).filteredOn(p -> p.endsWith("/") || p.startsWith("/articles/"))
        .containsExactly("/", "/archive/", "/categories/politics/", "/categories/world/", "/archive/2024/02/",
            "/archive/2024/01/", "/articles/second", "/articles/first");
    assertThat(Routes.onDemand(catalog)).map(Routes::path)
        .containsExactly("/archive/2024/02/", "/archive/2024/01/", "/articles/second", "/articles/first");
    String home = new String(all.get("/").body(), StandardCharsets.UTF_8);
    assertThat(home)
        .contains("<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Daily &amp; Co (RSS)\" href=\"https://news.example.org/daily/feed.xml\">")
        .contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Daily &amp; Co (Atom)\" href=\"https://news.example.org/daily/atom.xml\">")
        .contains("First &lt;story&gt; &amp; bell")
        .contains("<time datetime=\"2024-01-20T10:00:00+04:00\">January 20, 2024</time>");
    String article = new String(all.get("/articles/first").body(), StandardCharsets.UTF_8);
    assertThat(article).contains("<h1>First &lt;story&gt; &amp; bell</h1>")
        .contains("<a href=\"https://news.example.org/about\">a link</a>");
  }
}
