package gazette;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gazette.cli.Main;
import gazette.http.FeedServer;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reader subscribed to a Hugo site's feed moves with it: Debian's hugo builds the fixture site, feedparser
 * reads its RSS, {@code gazette import hugo} writes the articles, Gazette serves them, and feedparser finds
 * every old entry under the same id in the new feed (no story twice), with each old URL answering 301.
 */
class ImportHugoIT {
  private static final Path FIXTURE = Path.of("src", "test", "resources", "import", "hugo");
  private static final URI BASE = URI.create("https://news.example.org/");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  @NeedsTools({Tool.HUGO, Tool.FEEDPARSER})
  void everyOldFeedIdIsTheNewFeedsAndEveryOldUrlLeadsToItsArticle() throws Exception {
    Path site = dir.resolve("site");
    copy(FIXTURE, site);
    run(List.of(Tool.HUGO.program().toString(), "--source", site.toString(), "--destination",
        site.resolve("public").toString()));
    JsonNode old = feedparser(site.resolve("public").resolve("index.xml").toString());
    List<String> oldIds = ids(old);
    assertThat(oldIds).as("the fixture's published pages, as Hugo's RSS lists them").hasSize(4);

    Path articles = dir.resolve("articles");
    Files.createDirectories(articles);
    Files.writeString(articles.resolve("_feed.yaml"), "title: The New Gazette\nid_authority: news.example.org\n");
    StringWriter out = new StringWriter();
    int code = Main.run(new String[] {"import", "hugo", site.toString(), "--articles", articles.toString()},
        new PrintWriter(out), new PrintWriter(new StringWriter()));
    assertThat(code).as(out.toString()).isZero();
    assertThat(out.toString().lines().toList()).containsExactly(
        "content/posts/first-post.md: front matter series has no field in Gazette: kept under extra:",
        "content/posts/first-post.md:12: shortcode {{< figure src=\"/images/bridge.jpg\" title=\"The bridge\" >}}"
            + " kept as text",
        "imported 5 of 5 posts into " + articles + "; 2 things not carried over (above)");

    try (Gazette gazette = Gazette.load(new Gazette.Options(articles, BASE, BASE, 60, Clock.systemUTC(), null,
        dir.resolve("state"))); FeedServer server = gazette.serve("127.0.0.1", 0)) {
      assertThat(gazette.catalog().problems()).isEmpty();
      String root = "http://127.0.0.1:" + server.port();
      JsonNode now = feedparser(root + "/feed.xml");
      assertThat(ids(now)).as("no story twice: every entry keeps the id the old feed gave it")
          .containsExactlyInAnyOrderElementsOf(oldIds);
      assertThat(ids(feedparser(root + "/atom.xml"))).containsExactlyInAnyOrderElementsOf(oldIds);

      HttpClient client = HttpClient.newHttpClient();
      for (JsonNode entry : old.get("entries")) {
        String oldPath = URI.create(entry.get("link").asText()).getPath();
        HttpResponse<Void> moved = client.send(HttpRequest.newBuilder(URI.create(root + oldPath)).build(),
            HttpResponse.BodyHandlers.discarding());
        assertThat(moved.statusCode()).as(oldPath).isEqualTo(301);
        String title = entry.get("title").asText();
        String to = moved.headers().firstValue("Location").orElseThrow();
        assertThat(now.get("entries").findValuesAsText("link")).as(oldPath + " leads to its article").contains(to);
        JsonNode same = null;
        for (JsonNode e : now.get("entries")) {
          if (e.get("link").asText().equals(to)) {
            same = e;
          }
        }
        assertThat(same.get("title").asText()).isEqualTo(title);
      }
    }
  }

  private static List<String> ids(JsonNode feed) {
    assertThat(feed.get("bozo").asBoolean()).as(feed.get("bozo_exception").asText()).isFalse();
    List<String> ids = new ArrayList<>();
    feed.get("entries").forEach(e -> ids.add(e.get("id").asText()));
    return ids;
  }

  private JsonNode feedparser(String url) throws Exception {
    String script = Path.of(ImportHugoIT.class.getResource("/interop/feedparser_dump.py").toURI()).toString();
    return JSON.readTree(run(List.of("/usr/bin/python3", script, url)));
  }

  private String run(List<String> command) throws Exception {
    Path log = Files.createTempFile(dir, "run", ".out");
    Path err = Files.createTempFile(dir, "run", ".err");
    Process process = new ProcessBuilder(command).redirectOutput(log.toFile()).redirectError(err.toFile()).start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
    assertThat(process.exitValue()).as(Files.readString(err)).isZero();
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  private static void copy(Path from, Path to) throws Exception {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString().replace(File.separatorChar, '/'));
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
