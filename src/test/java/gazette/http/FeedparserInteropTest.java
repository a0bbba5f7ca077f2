package gazette.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gazette.Gazette;
import gazette.article.Article;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Debian's python3-feedparser, a parser nobody here wrote, reads the bundled articles as served.
 * .ci/install installs it; without it this test fails rather than passing unseen.
 */
class FeedparserInteropTest {
  private static final Path PYTHON = Path.of("/usr/bin/python3");

  private static Gazette gazette;
  private static FeedServer server;

  @BeforeAll
  static void serveTheBundledArticles() throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    URI base = URI.create("http://127.0.0.1:" + port + "/");
    gazette = Gazette.load(new Gazette.Options(Path.of(System.getProperty("gazette.articles", "articles")), base, base,
        60, Clock.systemUTC()));
    server = gazette.serve("127.0.0.1", port);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static JsonNode feedparser(String path) throws IOException, InterruptedException, URISyntaxException {
    Path script = Path.of(FeedparserInteropTest.class.getResource("/interop/feedparser_dump.py").toURI());
    assertThat(PYTHON).as("Debian's python3 (apt-get install python3-feedparser)").exists();
    Process process = new ProcessBuilder(PYTHON.toString(), script.toString(),
        "http://127.0.0.1:" + server.port() + path).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String text = new String(output, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(text).isZero();
    return new ObjectMapper().readTree(text);
  }

  @ParameterizedTest
  @CsvSource({"/feed.xml, rss20", "/atom.xml, atom10"})
  void feedparserReadsEveryEntryAsMeant(String path, String version) throws Exception {
    JsonNode parsed = feedparser(path);

    List<Article> expected = gazette.catalog().feed();
    assertThat(parsed.get("bozo").asBoolean()).as(parsed.get("bozo_exception").asText()).isFalse();
    assertThat(parsed.get("status").asInt()).isEqualTo(200);
    assertThat(parsed.get("version").asText()).isEqualTo(version);
    assertThat(parsed.get("title").asText()).isEqualTo(gazette.catalog().publication().title());
    assertThat(parsed.get("entries")).hasSize(expected.size()).isNotEmpty();
    for (int i = 0; i < expected.size(); i++) {
      Article article = expected.get(i);
      JsonNode entry = parsed.get("entries").get(i);
      assertThat(entry.get("id").asText()).isEqualTo(article.id());
      assertThat(entry.get("link").asText()).isEqualTo(article.link().toString());
      assertThat(entry.get("title").asText()).isEqualTo(article.title());
      assertThat(entry.get("published").asLong()).isEqualTo(article.published().getEpochSecond());
      assertThat(entry.get("tags")).map(JsonNode::asText).containsExactlyElementsOf(article.categories());
      assertThat(entry.get("summary").asText()).isNotBlank();
    }
  }
}
