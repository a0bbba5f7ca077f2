package gazette;

import static org.assertj.core.api.Assertions.assertThat;

import gazette.cli.Main;
import gazette.http.FeedServer;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.NodeList;

/**
 * {@code gazette import wordpress} on a small WXR export: the new feed's ids are the export's guids (a
 * reader subscribed to the old feed sees no story twice), old permalinks answer 301, and the report names
 * what stayed behind.
 */
class ImportWordPressTest {
  private static final Path EXPORT = Path.of("src", "test", "resources", "import", "wordpress", "export.xml");
  private static final URI BASE = URI.create("https://news.example.org/");
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @TempDir
  Path dir;

  @Test
  void theNewFeedsIdsAreTheExportsGuidsAndOldPermalinksLeadToTheArticles() throws Exception {
    Path articles = dir.resolve("articles");
    StringWriter out = new StringWriter();

    int code = Main.run(new String[] {"import", "wordpress", EXPORT.toString(), "--articles", articles.toString()},
        new PrintWriter(out), new PrintWriter(new StringWriter()));

    assertThat(code).as(out.toString()).isZero();
    assertThat(out.toString().lines().toList()).containsExactly(
        "item 1 (Bridge opens: at last) content line 4: shortcode [caption id=\"attachment_12\" align=\"alignnone\""
            + " width=\"300\"] kept as text",
        "item 1 (Bridge opens: at last): 1 custom field (postmeta) not carried over",
        "item 1 (Bridge opens: at last): 1 comment not carried over",
        "item 4 (About): a WordPress page, not a post: not imported",
        "export.xml: 1 media file (attachments) not copied: the content still links to them on the old site",
        "imported 3 of 3 posts into " + articles + "; 5 things not carried over (above)");
    assertThat(articles.resolve("2024-02-03-edebiyyat-gecesi.yaml")).isRegularFile();
    assertThat(Files.readString(articles.resolve("2024-03-01-half-written.yaml"))).contains("\ndraft: true\n");

    StringWriter again = new StringWriter();
    assertThat(Main.run(new String[] {"import", "wordpress", EXPORT.toString(), "--articles", articles.toString()},
        new PrintWriter(again), new PrintWriter(new StringWriter()))).as("never over a file").isEqualTo(1);
    assertThat(again.toString()).contains(articles.resolve("2024-01-20-bridge-opens.yaml")
        + ": exists already; left as it was, and this post not imported");

    Files.writeString(articles.resolve("_feed.yaml"), "title: The New Gazette\n");
    try (Gazette gazette = Gazette.load(new Gazette.Options(articles, BASE, BASE, 60, Clock.systemUTC(), null,
        dir.resolve("state"))); FeedServer server = gazette.serve("127.0.0.1", 0)) {
      assertThat(gazette.catalog().problems()).isEmpty();
      String root = "http://127.0.0.1:" + server.port();
      HttpResponse<byte[]> feed = CLIENT.send(HttpRequest.newBuilder(URI.create(root + "/feed.xml")).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(guids(feed.body())).as("the published posts, under their WordPress guids")
          .containsExactlyInAnyOrder("https://wp.example.org/?p=11", "https://wp.example.org/?p=15");
      for (String[] moved : new String[][] {{"/2024/01/20/bridge-opens/", "/articles/bridge-opens"},
          {"/2024/02/03/edebiyyat-gecesi/", "/articles/edebiyyat-gecesi"}}) {
        HttpResponse<Void> r = CLIENT.send(HttpRequest.newBuilder(URI.create(root + moved[0])).build(),
            HttpResponse.BodyHandlers.discarding());
        assertThat(r.statusCode()).as(moved[0]).isEqualTo(301);
        assertThat(r.headers().firstValue("Location")).hasValue("https://news.example.org" + moved[1]);
      }
      String page = CLIENT.send(HttpRequest.newBuilder(URI.create(root + "/articles/bridge-opens")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertThat(page).contains("<p>The bridge over the bay opened on Saturday.<br>");
    }
  }

  private static List<String> guids(byte[] rss) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    NodeList guids = factory.newDocumentBuilder().parse(new ByteArrayInputStream(rss)).getElementsByTagName("guid");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < guids.getLength(); i++) {
      out.add(guids.item(i).getTextContent());
    }
    return out;
  }
}
