package gazette.http;

import static org.assertj.core.api.Assertions.assertThat;

import gazette.Gazette;
import gazette.ReaderHeaders;
import gazette.site.Rendition;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeedServerTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

  @TempDir
  static Path dir;

  private static Gazette gazette;
  private static FeedServer server;

  @BeforeAll
  static void serve() throws IOException {
    Files.writeString(dir.resolve("_feed.yaml"), "title: Daily\n");
    Files.writeString(dir.resolve("a.yaml"), """
        title: A story
        published: 2024-01-20T10:00:00+04:00
        categories: [World]
        content: |
          %s
        """.formatted("Long enough to be worth compressing. ".repeat(40)));
    gazette = Gazette.load(new Gazette.Options(dir, URI.create("https://news.example.org/"),
        URI.create("http://127.0.0.1/"), 60, Clock.systemUTC()));
    server = gazette.serve("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    return send("GET", path, headers);
  }

  private static HttpResponse<byte[]> send(String method, String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      request.headers(headers);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static Rendition rendition(String path) {
    return gazette.site().find(path).orElseThrow();
  }

  private static String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  @ParameterizedTest
  @CsvSource({
      "/feed.xml, application/rss+xml; charset=utf-8, 'public, max-age=60', '<https://news.example.org/feed.xml>; rel=\"self\"', 'Accept-Encoding, Sec-Fetch-Dest'",
      "/atom.xml, application/atom+xml; charset=utf-8, 'public, max-age=60', '<https://news.example.org/atom.xml>; rel=\"self\"', 'Accept-Encoding, Sec-Fetch-Dest'",
      "/feed.json, application/feed+json; charset=utf-8, 'public, max-age=60', '<https://news.example.org/feed.json>; rel=\"self\"', 'Accept-Encoding, Sec-Fetch-Dest'",
      "/categories/world/feed.xml, application/rss+xml; charset=utf-8, 'public, max-age=60', '<https://news.example.org/categories/world/feed.xml>; rel=\"self\"', 'Accept-Encoding, Sec-Fetch-Dest'",
      "/categories/world/, text/html; charset=utf-8, 'public, max-age=60', , Accept-Encoding",
      "/, text/html; charset=utf-8, 'public, max-age=60', , Accept-Encoding",
      "/articles/a, text/html; charset=utf-8, 'public, max-age=60', , Accept-Encoding",
      "/feed.xsl, text/xsl; charset=utf-8, 'public, max-age=60', , Accept-Encoding",
      "/health, application/json, no-cache, , Accept-Encoding"})
  void everyUrlAnswers200WithExactHeaders(String path, String type, String cacheControl, String link, String vary)
      throws Exception {
    HttpResponse<byte[]> response = get(path);

    Rendition r = rendition(path);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(header(response, "Content-Type")).isEqualTo(type);
    assertThat(header(response, "Content-Length")).isEqualTo(String.valueOf(r.identity().length));
    assertThat(response.body()).isEqualTo(r.identity());
    assertThat(header(response, "ETag")).matches("\"[A-Za-z0-9_-]{27}\"").isEqualTo(r.etag());
    assertThat(header(response, "Last-Modified")).isEqualTo(HTTP_DATE.format(r.lastModified()));
    assertThat(header(response, "Cache-Control")).isEqualTo(cacheControl);
    assertThat(header(response, "Vary")).isEqualTo(vary);
    assertThat(header(response, "Link")).isEqualTo(link);
    assertThat(header(response, "Content-Encoding")).isNull();
    assertThat(response.headers().firstValue("Expires")).isEmpty();
  }

  @Test
  void matchingEtagGets304WithoutBody() throws Exception {
    HttpResponse<byte[]> first = get("/feed.xml");

    HttpResponse<byte[]> second = get("/feed.xml", "If-None-Match", header(first, "ETag"));

    assertThat(second.statusCode()).isEqualTo(304);
    assertThat(second.body()).isEmpty();
    assertThat(header(second, "ETag")).isEqualTo(header(first, "ETag"));
    assertThat(header(second, "Last-Modified")).isEqualTo(header(first, "Last-Modified"));
    assertThat(header(second, "Cache-Control")).isEqualTo("public, max-age=60");
    assertThat(header(second, "Vary")).isEqualTo("Accept-Encoding, Sec-Fetch-Dest");
  }

  @Test
  void starMatchesAnyCurrentRepresentation() throws Exception {
    assertThat(get("/atom.xml", "If-None-Match", "*").statusCode()).isEqualTo(304);
  }

  @Test
  void etagInAListAndWeakFormMatches() throws Exception {
    String etag = rendition("/feed.xml").etag();

    assertThat(get("/feed.xml", "If-None-Match", "\"other\", " + etag + ", \"more\"").statusCode()).isEqualTo(304);
    assertThat(get("/feed.xml", "If-None-Match", "W/" + etag).statusCode()).isEqualTo(304);
  }

  @Test
  void ifModifiedSinceAtOrAfterLastModifiedGets304() throws Exception {
    String lastModified = header(get("/feed.xml"), "Last-Modified");

    assertThat(get("/feed.xml", "If-Modified-Since", lastModified).statusCode()).isEqualTo(304);
    assertThat(get("/feed.xml", "If-Modified-Since", "Thu, 01 Jan 1970 00:00:00 GMT").statusCode()).isEqualTo(200);
  }

  @Test
  void nonMatchingEtagWinsOverAMatchingDate() throws Exception {
    String lastModified = header(get("/feed.xml"), "Last-Modified");

    HttpResponse<byte[]> response = get("/feed.xml", "If-None-Match", "\"stale\"", "If-Modified-Since", lastModified);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(rendition("/feed.xml").identity());
  }

  @Test
  void gzipAndIdentityDecodeToTheSameBytes() throws Exception {
    HttpResponse<byte[]> gzip = get("/feed.xml", "Accept-Encoding", "br;q=1, gzip;q=0.8");
    HttpResponse<byte[]> identity = get("/feed.xml", "Accept-Encoding", "gzip;q=0, identity");

    assertThat(header(gzip, "Content-Encoding")).isEqualTo("gzip");
    assertThat(header(gzip, "Content-Length")).isEqualTo(String.valueOf(gzip.body().length));
    assertThat(gzip.body().length).isLessThan(identity.body().length);
    assertThat(header(identity, "Content-Encoding")).isNull();
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip.body()))) {
      assertThat(in.readAllBytes()).isEqualTo(identity.body());
    }
  }

  @Test
  void headSendsTheSameHeadersAndNoBody() throws Exception {
    HttpResponse<byte[]> get = get("/atom.xml", "Accept-Encoding", "gzip");

    HttpResponse<byte[]> head = send("HEAD", "/atom.xml", "Accept-Encoding", "gzip");

    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    for (String name : new String[] {"Content-Type", "Content-Length", "Content-Encoding", "ETag", "Last-Modified",
        "Cache-Control", "Vary", "Link"}) {
      assertThat(header(head, name)).as(name).isEqualTo(header(get, name));
    }
  }

  private static final String SIMPLEPIE = ReaderHeaders.SIMPLEPIE;
  private static final String FEEDPARSER = ReaderHeaders.FEEDPARSER;
  private static final String NETNEWSWIRE = ReaderHeaders.NETNEWSWIRE;
  private static final String MINIFLUX = ReaderHeaders.MINIFLUX;
  private static final String CHROMIUM = ReaderHeaders.CHROMIUM;

  /** Every reader gets the feed's own type and bytes, whatever it says about HTML ({@link ReaderHeaders}). */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "SimplePie (FreshRSS, WordPress) | " + SIMPLEPIE,
      "feedparser                      | " + FEEDPARSER,
      "NetNewsWire                     | " + NETNEWSWIRE,
      "Miniflux                        | " + MINIFLUX,
      "no Accept at all                | ''"})
  void everyReaderGetsEveryFeedInItsOwnType(String reader, String accept) throws Exception {
    for (String path : new String[] {"/feed.xml", "/atom.xml", "/feed.json", "/categories/world/feed.xml",
        "/categories/world/atom.xml", "/categories/world/feed.json"}) {
      Rendition feed = rendition(path);
      HttpResponse<byte[]> response = accept.isEmpty() ? get(path) : get(path, "Accept", accept);

      assertThat(header(response, "Content-Type")).as(reader + " " + path).isEqualTo(feed.mediaType());
      assertThat(response.body()).as(reader + " " + path).isEqualTo(feed.identity());
      assertThat(header(response, "ETag")).isEqualTo(feed.etag());
      assertThat(header(response, "Link")).contains("rel=\"self\"");
    }
  }

  @ParameterizedTest
  @CsvSource({"/feed.xml, RSS", "/atom.xml, Atom", "/feed.json, JSON Feed", "/categories/world/atom.xml, Atom"})
  void aBrowserOpeningAFeedGetsAPageSayingItIsAFeedWithItsEntries(String path, String label) throws Exception {
    HttpResponse<byte[]> page = get(path, "Accept", CHROMIUM, "Sec-Fetch-Dest", "document", "Sec-Fetch-Mode", "navigate");
    HttpResponse<byte[]> fetched = get(path, "Accept", CHROMIUM, "Sec-Fetch-Dest", "empty", "Sec-Fetch-Mode", "cors");

    String html = new String(page.body(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(header(page, "Content-Type")).isEqualTo("text/html; charset=utf-8");
    assertThat(html).contains("This is a web feed").contains("value=\"https://news.example.org" + path + "\"")
        .contains(label).contains("A story").doesNotContain("<?xml");
    assertThat(header(page, "ETag")).isEqualTo(rendition(path).browser().etag()).isNotEqualTo(rendition(path).etag());
    assertThat(header(page, "Vary")).isEqualTo("Accept-Encoding, Sec-Fetch-Dest");
    assertThat(header(page, "Link")).isNull();
    assertThat(header(fetched, "Content-Type")).as("a script fetching the feed gets the feed").isEqualTo(rendition(path).mediaType());
  }

  @Test
  void eachRepresentationHasItsOwnStrongEtag() throws Exception {
    String page = "Sec-Fetch-Dest";
    HttpResponse<byte[]> identity = get("/feed.xml");
    HttpResponse<byte[]> gzip = get("/feed.xml", "Accept-Encoding", "gzip");
    HttpResponse<byte[]> browser = get("/feed.xml", page, "document");
    HttpResponse<byte[]> browserGzip = get("/feed.xml", page, "document", "Accept-Encoding", "gzip");

    java.util.List<String> etags = java.util.stream.Stream.of(identity, gzip, browser, browserGzip)
        .map(r -> header(r, "ETag")).toList();
    assertThat(etags).doesNotHaveDuplicates().allMatch(e -> e.matches("\"[A-Za-z0-9_-]{27}(-gz)?\""));
    assertThat(header(gzip, "ETag")).isEqualTo(Policy.gzipEtag(header(identity, "ETag")));
    assertThat(header(browserGzip, "Content-Encoding")).isEqualTo("gzip");
  }

  @Test
  void ifNoneMatchWithEitherCodingOfTheDocumentIs304NamingIt() throws Exception {
    String identity = header(get("/feed.xml"), "ETag");
    String gzip = header(get("/feed.xml", "Accept-Encoding", "gzip"), "ETag");
    String page = header(get("/feed.xml", "Sec-Fetch-Dest", "document"), "ETag");

    HttpResponse<byte[]> sameCoding = get("/feed.xml", "Accept-Encoding", "gzip", "If-None-Match", gzip);
    HttpResponse<byte[]> otherCoding = get("/feed.xml", "Accept-Encoding", "gzip", "If-None-Match", identity);
    HttpResponse<byte[]> browserAgain = get("/feed.xml", "Sec-Fetch-Dest", "document", "If-None-Match", page);
    HttpResponse<byte[]> stale = get("/feed.xml", "Accept-Encoding", "gzip", "If-None-Match", "\"stale\", \"stale-gz\"");

    assertThat(sameCoding.statusCode()).isEqualTo(304);
    assertThat(header(sameCoding, "ETag")).isEqualTo(gzip);
    assertThat(otherCoding.statusCode()).isEqualTo(304);
    assertThat(header(otherCoding, "ETag")).as("names what the client holds").isEqualTo(identity);
    assertThat(browserAgain.statusCode()).isEqualTo(304);
    assertThat(header(browserAgain, "ETag")).isEqualTo(page);
    assertThat(stale.statusCode()).isEqualTo(200);
    assertThat(header(stale, "ETag")).isEqualTo(gzip);
  }

  /** A 304 naming the page would let a cache hand the HTML page to a reader, and the feed to a browser. */
  @Test
  void theOtherDocumentsEtagIsNoMatch() throws Exception {
    String feed = header(get("/feed.xml", "Accept-Encoding", "gzip"), "ETag");
    String page = header(get("/feed.xml", "Sec-Fetch-Dest", "document", "Accept-Encoding", "gzip"), "ETag");

    HttpResponse<byte[]> reader = get("/feed.xml", "Accept-Encoding", "gzip", "If-None-Match", page);
    HttpResponse<byte[]> browser = get("/feed.xml", "Sec-Fetch-Dest", "document", "If-None-Match", feed);

    assertThat(reader.statusCode()).isEqualTo(200);
    assertThat(header(reader, "Content-Type")).isEqualTo(rendition("/feed.xml").mediaType());
    assertThat(browser.statusCode()).isEqualTo(200);
    assertThat(header(browser, "Content-Type")).isEqualTo("text/html; charset=utf-8");
  }

  /** Shared caches that key on Accept-Encoding only (many CDNs) must never store the page for everyone. */
  @Test
  void theBrowserPageIsPrivateAndHeadDescribesIt() throws Exception {
    for (String coding : new String[] {"identity", "gzip"}) {
      HttpResponse<byte[]> get = get("/feed.xml", "Sec-Fetch-Dest", "document", "Accept-Encoding", coding);
      HttpResponse<byte[]> head = send("HEAD", "/feed.xml", "Sec-Fetch-Dest", "document", "Accept-Encoding", coding);

      assertThat(header(get, "Cache-Control")).isEqualTo("private, no-cache");
      assertThat(head.body()).isEmpty();
      for (String name : new String[] {"Content-Type", "Content-Length", "Content-Encoding", "ETag", "Last-Modified",
          "Cache-Control", "Vary"}) {
        assertThat(header(head, name)).as(coding + " " + name).isEqualTo(header(get, name));
      }
      assertThat(Long.parseLong(header(get, "Content-Length"))).isEqualTo(get.body().length);
    }
    assertThat(header(get("/feed.xml"), "Cache-Control")).isEqualTo("public, max-age=60");
  }

  @Test
  void unknownPathIs404WithAPageInTheSitesLook() throws Exception {
    HttpResponse<byte[]> response = get("/nope.xml");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(header(response, "Content-Type")).isEqualTo("text/html; charset=utf-8");
    assertThat(header(response, "Content-Security-Policy")).startsWith("default-src 'none'");
    assertThat(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("<h1>Not found</h1>")
        .contains("<header class=\"masthead\">").contains("<footer>").doesNotContain("nope");
  }

  @Test
  void pathsOutsideTheSiteAreNotReachable() throws Exception {
    assertThat(get("/../_feed.yaml").statusCode()).isEqualTo(404);
    assertThat(get("/articles/../_feed.yaml").statusCode()).isEqualTo(404);
    assertThat(get("/%2e%2e/a.yaml").statusCode()).isEqualTo(404);
  }

  @ParameterizedTest
  @CsvSource({"POST", "PUT", "DELETE", "OPTIONS"})
  void otherMethodsAre405WithAllow(String method) throws Exception {
    HttpResponse<byte[]> response = send(method, "/feed.xml");

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(header(response, "Allow")).isEqualTo("GET, HEAD");
  }

  @Test
  void beforeTheFirstSiteIsReadyRequestsAreAskedToRetry() throws Exception {
    try (Gazette unread = Gazette.open(new Gazette.Options(dir, null, URI.create("http://127.0.0.1/"), 60,
        Clock.systemUTC())); FeedServer starting = unread.serve("127.0.0.1", 0)) {
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + starting.port() + "/feed.xml")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.headers().firstValue("Retry-After")).contains("1");
    }
  }
}
