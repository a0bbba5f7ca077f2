package gazette;

import static org.assertj.core.api.Assertions.assertThat;

import gazette.cli.Main;
import gazette.http.FeedServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gazette import jekyll} on a fixture of {@code _posts/}: each article keeps the id jekyll-feed gave
 * the post ({@code url} + {@code baseurl} + the post's id: its URL's folder and slug, by Jekyll's rules; no
 * Jekyll runs here) and its URL, made from the permalink style, answers 301.
 */
class ImportJekyllTest {
  private static final Path SITE = Path.of("src", "test", "resources", "import", "jekyll");
  private static final URI BASE = URI.create("https://news.example.org/");

  @TempDir
  Path dir;

  @Test
  void postsKeepJekyllFeedsIdsAndTheirPermalinksAnswer301() throws Exception {
    Path articles = dir.resolve("articles");
    StringWriter out = new StringWriter();

    int code = Main.run(new String[] {"import", "jekyll", SITE.toString(), "--articles", articles.toString()},
        new PrintWriter(out), new PrintWriter(new StringWriter()));

    assertThat(code).as(out.toString()).isZero();
    assertThat(out.toString().lines().toList()).containsExactly(
        "_posts/2024-01-20-bridge-opens.md: front matter mood has no field in Gazette: kept under extra:",
        "_posts/2024-01-20-bridge-opens.md:11: Liquid {% include figure.html src=\"bridge.jpg\" %} kept as text",
        "_posts/2024-01-20-bridge-opens.md:13: Liquid {{ site.title }} kept as text",
        "_posts/notes.md: not imported: not named YYYY-MM-DD-title.md, so Jekyll does not publish it",
        "imported 3 of 3 posts into " + articles + "; 4 things not carried over (above)");
    String bridge = Files.readString(articles.resolve("2024-01-20-bridge-opens.yaml"));
    assertThat(bridge).contains("\nid: \"https://jk.example.org/blog/news/baku/2024/01/20/bridge-opens\"\n")
        .contains("\npublished: 2024-01-20T10:00:00+04:00\n")
        .contains("\naliases: [\"/news/baku/2024/01/20/bridge-opens.html\"]\n")
        .contains("\nextra: {\"mood\": \"hopeful\"}\n");
    assertThat(Files.readString(articles.resolve("2024-02-03-poetry-night.yaml")))
        .contains("\nid: \"https://jk.example.org/blog/events/poetry-night\"\n")
        .contains("\npublished: 2024-02-03T00:00:00+04:00\n")
        .contains("\naliases: [\"/events/poetry-night/\", \"/poetry.html\"]\n");
    assertThat(Files.readString(articles.resolve("2024-03-01-not-yet.yaml"))).contains("\ndraft: true\n");

    Files.writeString(articles.resolve("_feed.yaml"), "title: The New Gazette\n");
    try (Gazette gazette = Gazette.load(new Gazette.Options(articles, BASE, BASE, 60, Clock.systemUTC(), null,
        dir.resolve("state"))); FeedServer server = gazette.serve("127.0.0.1", 0)) {
      assertThat(gazette.catalog().problems()).isEmpty();
      assertThat(gazette.catalog().articles()).extracting(a -> a.id()).containsExactlyInAnyOrder(
          "https://jk.example.org/blog/news/baku/2024/01/20/bridge-opens",
          "https://jk.example.org/blog/events/poetry-night");
      HttpResponse<Void> moved = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
          "http://127.0.0.1:" + server.port() + "/poetry.html")).build(), HttpResponse.BodyHandlers.discarding());
      assertThat(moved.statusCode()).isEqualTo(301);
      assertThat(moved.headers().firstValue("Location")).hasValue("https://news.example.org/articles/poetry-night");
    }
  }
}
