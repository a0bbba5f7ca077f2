package gazette.http;

import static org.assertj.core.api.Assertions.assertThat;

import gazette.Gazette;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GuardTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @TempDir
  static Path dir;

  private static Gazette gazette;
  private static FeedServer server;

  @BeforeAll
  static void serve() throws IOException {
    Files.writeString(dir.resolve("_feed.yaml"), "title: Daily\n");
    Files.writeString(dir.resolve("a.yaml"), "title: A story\npublished: 2024-01-20\ncategories: [World]\ncontent: Text.\n");
    gazette = Gazette.load(new Gazette.Options(dir, URI.create("https://news.example.org/"),
        URI.create("http://127.0.0.1/"), 60, Clock.systemUTC()));
    server = gazette.serve("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    server.close();
    gazette.close();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String raw(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.shutdownOutput();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/articles/a", "/categories/world/", "/archive/", "/nowhere"})
  void everyPageHasAStrictPolicyThatAllowsExactlyTheSitesOwnStylesheet(String path) throws Exception {
    HttpResponse<String> page = get(path);

    assertThat(page.body()).contains("<link rel=\"stylesheet\" href=\"https://news.example.org/style.css\">");
    HttpResponse<String> css = get("/style.css");
    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.headers().firstValue("Content-Type")).contains("text/css; charset=utf-8");
    assertThat(css.body()).contains("prefers-color-scheme: dark");
    assertThat(page.headers().firstValue("Content-Security-Policy")).contains("default-src 'none'; style-src 'self'; "
        + "img-src http: https:; media-src http: https:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    // JSON-LD is data, never run: the only script element a page may have, and the policy needs nothing for it.
    assertThat(page.body().replaceAll("<script type=\"application/ld\\+json\">[^<]*</script>", ""))
        .doesNotContain("<script").doesNotContain(" style=").doesNotContain("<style");
    assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(page.headers().firstValue("Referrer-Policy")).contains("strict-origin-when-cross-origin");
    assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/feed.xml", "/feed.json", "/health", "/robots.txt", "/sitemap.xml"})
  void everyOtherResponseIsNotSniffedAndNotFramed(String path) throws Exception {
    HttpResponse<String> response = get(path);

    assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(response.headers().firstValue("X-Frame-Options")).contains("DENY");
    assertThat(response.headers().firstValue("Content-Security-Policy")).as("only pages run in a browser's page context").isEmpty();
  }

  /**
   * HTTP/9.9 itself cannot be told apart: Undertow 2.3's parser reads any unknown {@code HTTP/d.d} as
   * HTTP/1.1 ("falling back to HTTP 1.1") and keeps no trace of what was sent.
   */
  @ParameterizedTest
  @ValueSource(strings = {"HTTP/0.9", "HTTP/2.0", "HTTP/1.10", "HTTP/19.9", "http/1.1", "FOO/1.1"})
  void aVersionOtherThanHttp10Or11IsABadRequest(String version) throws Exception {
    assertThat(raw("GET /feed.xml " + version + "\r\nHost: x\r\n\r\n")).matches("(?s)HTTP/1\\.[01] 400 Bad Request\r\n.*");
  }

  @Test
  void aLowercaseMethodIsNotAllowed() throws Exception {
    String response = raw("get /feed.xml HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

    assertThat(response).startsWith("HTTP/1.1 405 Method Not Allowed\r\n").containsIgnoringCase("\r\nAllow: GET, HEAD\r\n");
  }
}
