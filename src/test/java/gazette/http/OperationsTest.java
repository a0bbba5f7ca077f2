package gazette.http;

import static org.assertj.core.api.Assertions.assertThat;

import gazette.Gazette;
import gazette.memory.Audience;
import gazette.render.StatsPage;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The access log, the real client behind a trusted proxy, /metrics and /stats, against a real server on port 0. */
class OperationsTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  @TempDir
  Path dir;

  private Gazette gazette;
  private final List<FeedServer> servers = new ArrayList<>();
  private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void publish() throws Exception {
    Files.writeString(dir.resolve("_feed.yaml"), "title: Daily\n");
    Files.writeString(dir.resolve("a.yaml"), "title: A story\npublished: 2024-01-20\ncontent: Hello.\n");
    gazette = Gazette.load(new Gazette.Options(dir, URI.create("https://news.example.org/"),
        URI.create("http://127.0.0.1/"), 60, Clock.systemUTC()));
  }

  @AfterEach
  void stop() {
    servers.forEach(FeedServer::close);
    gazette.close();
  }

  private FeedServer serve(Operations operations) {
    FeedServer server = FeedServer.start("127.0.0.1", 0, gazette::site, 60, FeedServer.Limits.DEFAULT, operations);
    servers.add(server);
    return server;
  }

  private static Operations operations(List<String> proxies, AccessLog log, Metrics metrics,
      Supplier<byte[]> stats, String token, int adminPort) {
    return new Operations(TrustedProxies.of(proxies), log == null ? List.of() : List.of(log), metrics, stats, token,
        "127.0.0.1", adminPort);
  }

  private static HttpResponse<String> get(int port, String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static <T> T await(String what, Supplier<T> value) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (true) {
      T v = value.get();
      if (v != null) {
        return v;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("still not true after " + DEADLINE + ": " + what);
      }
      LockSupport.parkNanos(5_000_000);
    }
  }

  @Test
  void aResponseIsOneCombinedLineWithTheClientATrustedProxyNames() throws Exception {
    FeedServer server = serve(operations(List.of("127.0.0.1"), new AccessLog(AccessLog.Format.COMBINED, lines::add),
        null, null, null, 0));
    String etag = get(server.port(), "/feed.xml").headers().firstValue("ETag").orElseThrow();

    get(server.port(), "/feed.xml?x=1", "If-None-Match", etag, "X-Forwarded-For", "192.0.2.66, 198.51.100.7",
        "Referer", "https://example.org/\"quoted\"", "User-Agent", "Feedly/1.0 (+http://www.feedly.com/fetcher.html; 16 subscribers; )");

    String line = await("two lines", () -> lines.size() == 2 ? lines.get(1) : null);
    assertThat(line).matches("198\\.51\\.100\\.7 - - \\[\\d\\d/\\w\\w\\w/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000] "
        + "\"GET /feed\\.xml\\?x=1 HTTP/1\\.1\" 304 - \"https://example\\.org/\\\\\"quoted\\\\\"\" "
        + "\"Feedly/1\\.0 \\(\\+http://www\\.feedly\\.com/fetcher\\.html; 16 subscribers; \\)\" \\d+");
    assertThat(lines.get(0)).startsWith("127.0.0.1 - - [").contains("\"GET /feed.xml HTTP/1.1\" 200 ");
  }

  @Test
  void anUntrustedPeerCannotNameAnotherClient() throws Exception {
    FeedServer server = serve(operations(List.of("10.0.0.0/8"), new AccessLog(AccessLog.Format.COMBINED, lines::add),
        null, null, null, 0));

    get(server.port(), "/feed.xml", "X-Forwarded-For", "192.0.2.66", "Forwarded", "for=192.0.2.67");

    assertThat(await("a line", () -> lines.isEmpty() ? null : lines.get(0))).startsWith("127.0.0.1 - - [");
  }

  @Test
  void jsonLinesEscapeWhatAClientSends() throws Exception {
    FeedServer server = serve(operations(List.of(), new AccessLog(AccessLog.Format.JSON, lines::add), null, null,
        null, 0));

    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
      socket.getOutputStream().write("GET /nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\nUser-Agent: evil \"x\" \\ \u00e9\u0085\r\n\r\n"
          .getBytes(StandardCharsets.ISO_8859_1));
      socket.getInputStream().readAllBytes();
    }

    String line = await("a line", () -> lines.isEmpty() ? null : lines.get(0));
    assertThat(line).matches("\\{\"time\":\"\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\",\"client\":\"127\\.0\\.0\\.1\","
        + "\"method\":\"GET\",\"path\":\"/nope\",\"query\":\"\",\"protocol\":\"HTTP/1\\.1\",\"status\":404,"
        + "\"bytes\":\\d+,\"referer\":null,\"user_agent\":\"evil \\\\\"x\\\\\" \\\\\\\\ \u00e9\\\\u0085\",\"duration_us\":\\d+}");
  }

  @Test
  void metricsCountRequestsByRouteKindAndStatusWithLatencyAndBytes() throws Exception {
    Metrics metrics = new Metrics();
    FeedServer server = serve(operations(List.of(), null, metrics, null, null, 0));
    String etag = get(server.port(), "/feed.xml").headers().firstValue("ETag").orElseThrow();
    get(server.port(), "/feed.xml", "If-None-Match", etag);
    get(server.port(), "/feed.xml", "If-None-Match", etag);
    get(server.port(), "/articles/a");
    get(server.port(), "/articles/a");
    get(server.port(), "/no/such/page/" + "x".repeat(50));

    String text = await("the 404 counted", () -> {
      String t = metrics.scrape();
      return t.contains("gazette_http_requests_total{route=\"other\",status=\"404\"} 1.0") ? t : null;
    });
    assertThat(text)
        .contains("gazette_http_requests_total{route=\"feed\",status=\"200\"} 1.0")
        .contains("gazette_http_requests_total{route=\"feed\",status=\"304\"} 2.0")
        .contains("gazette_http_requests_total{route=\"article\",status=\"200\"} 2.0")
        .contains("gazette_on_demand_total{result=\"render\"} 1.0")
        .contains("gazette_on_demand_total{result=\"hit\"} 1.0")
        .contains("gazette_http_request_duration_seconds_bucket{route=\"feed\",le=\"+Inf\"} 3")
        .contains("jvm_memory_used_bytes")
        .doesNotContain("xxxxx");
    assertThat(text).containsPattern("gazette_http_response_body_bytes_total\\{route=\"feed\"} [1-9]");

    HttpResponse<String> scraped = get(server.port(), "/metrics");
    assertThat(scraped.statusCode()).isEqualTo(200);
    assertThat(scraped.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(scraped.body()).contains("# TYPE gazette_http_requests_total counter");
  }

  /** A proxy on this host passes anyone's request on from 127.0.0.1: what it forwards is not local. */
  @Test
  void onThePublicPortMetricsAnswerThisHostOnlyNotThroughAProxy() throws Exception {
    FeedServer server = serve(operations(List.of(), null, new Metrics(), null, null, 0));

    assertThat(get(server.port(), "/metrics").statusCode()).isEqualTo(200);
    for (String header : new String[] {"X-Forwarded-For", "Forwarded", "Via"}) {
      HttpResponse<String> proxied = get(server.port(), "/metrics", header, header.equals("Forwarded") ? "for=192.0.2.1"
          : header.equals("Via") ? "1.1 varnish" : "192.0.2.1");
      assertThat(proxied.statusCode()).as(header).isEqualTo(403);
      assertThat(proxied.body()).doesNotContain("gazette_").contains("--admin-port");
    }
  }

  @Test
  void withAnAdminPortMetricsAndStatsAreServedThereOnly() throws Exception {
    FeedServer server = serve(operations(List.of(), null, new Metrics(),
        () -> "<p>stats</p>".getBytes(StandardCharsets.UTF_8), null, freePort()));

    assertThat(get(server.port(), "/metrics").statusCode()).isEqualTo(404);
    assertThat(get(server.port(), "/stats").statusCode()).isEqualTo(404);
    assertThat(get(server.adminPort(), "/metrics").statusCode()).isEqualTo(200);
    assertThat(get(server.adminPort(), "/stats").body()).isEqualTo("<p>stats</p>");
    assertThat(get(server.adminPort(), "/feed.xml").statusCode()).isEqualTo(404);
  }

  @Test
  void statsOnTheMainPortNeedTheToken() throws Exception {
    FeedServer server = serve(operations(List.of(), null, null, () -> "<p>stats</p>".getBytes(StandardCharsets.UTF_8),
        "s3cret", 0));

    HttpResponse<String> none = get(server.port(), "/stats");
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"gazette\"");
    assertThat(get(server.port(), "/stats", "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
    assertThat(get(server.port(), "/stats", "Authorization", "Bearer s3cret").body()).isEqualTo("<p>stats</p>");
    HttpResponse<String> byQuery = get(server.port(), "/stats?token=s3cret");
    assertThat(byQuery.statusCode()).isEqualTo(200);
    assertThat(byQuery.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(byQuery.headers().firstValue("Content-Security-Policy")).isPresent();
  }

  @Test
  void withoutATokenOrAnAdminPortThereIsNoStatsPage() throws Exception {
    FeedServer server = serve(operations(List.of(), null, null, () -> new byte[0], null, 0));

    assertThat(get(server.port(), "/stats?token=").statusCode()).isEqualTo(404);
  }

  @Test
  void pollsOfTheFeedsAreCountedByAggregatorAndDistinctClientAndShownAsAChart() throws Exception {
    Path state = dir.resolve("state");
    try (Audience audience = Audience.open(state)) {
      Subscribers subscribers = new Subscribers(audience, Clock.systemUTC());
      FeedServer server = serve(new Operations(TrustedProxies.NONE, List.of(subscribers), null, null, null, null, 0));
      get(server.port(), "/feed.xml", "User-Agent", "Feedly/1.0 (+http://www.feedly.com/fetcher.html; 460 subscribers; )");
      get(server.port(), "/feed.xml", "User-Agent", "Feedly/1.0 (+http://www.feedly.com/fetcher.html; 462 subscribers; )");
      get(server.port(), "/feed.xml", "User-Agent", "Mozilla/5.0 (compatible; inoreader.com; 114 subscribers)");
      get(server.port(), "/feed.xml", "User-Agent", "Mozilla/5.0 (compatible; Miniflux/2.2.3; +https://miniflux.app)");
      get(server.port(), "/feed.xml", "User-Agent", "Mozilla/5.0 (compatible; Miniflux/2.2.3; +https://miniflux.app)");
      get(server.port(), "/feed.xml", "User-Agent", "newsboat/2.30");
      get(server.port(), "/categories/world/feed.xml", "User-Agent", "newsboat/2.30");
      get(server.port(), "/", "User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0");
      // A person who opens the feed in a browser reads the page about it: not a subscriber.
      assertThat(get(server.port(), "/feed.xml", "User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101"
          + " Firefox/128.0", "Sec-Fetch-Dest", "document").headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");

      server.close(); // every response reaches the listeners
      subscribers.close(); // and what they gathered the statistics

      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      List<Audience.Feed> feeds = audience.feeds(today, StatsPage.DAYS);
      assertThat(feeds).extracting(Audience.Feed::path).containsExactly("/feed.xml");
      assertThat(feeds.get(0).last()).isEqualTo(new Audience.Day(today, 576, 2));
      String page = new String(StatsPage.html("Daily", feeds, today), StandardCharsets.UTF_8);
      assertThat(page).contains("<svg", "<td>Feedly</td><td></td><td>462</td>", "<td>Inoreader</td>",
          "<strong>578</strong> today").doesNotContain("<script");
    }
  }

  private static int freePort() throws Exception {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
