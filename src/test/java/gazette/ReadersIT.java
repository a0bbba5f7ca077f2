package gazette;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gazette.article.Article;
import gazette.article.Enclosure;
import gazette.catalog.Catalog;
import gazette.http.AccessLog;
import gazette.http.FeedServer;
import gazette.http.Operations;
import gazette.http.TrustedProxies;
import gazette.render.Routes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proof in real readers nobody here wrote (Debian packages and an npm package that .ci/install
 * installs): feedparser, newsboat, jing with the RFC 4287 schema, xmllint, {@code @extractus/feed-extractor}
 * and headless Chromium read what Gazette serves, for the sample publication, for a fixture
 * publication of 120 articles in 3 categories with media, one of them deleted after publication (a
 * tombstone), and for the podcast fixture that sets every podcast field.
 * A test whose program is missing is skipped with one line saying so (see {@link NeedsTools}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadersIT {
  private static final List<String> CATEGORIES = List.of("World", "Business & Money", "Culture");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  @TempDir
  static Path work;

  private Served bundled;
  private Served fixture;
  private Served podcast;
  /** Every access-log line of the servers, as the traffic thread writes them. */
  private static final List<String> ACCESS_LOG = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

  /** One publication served on 127.0.0.1 with a base URL that names the real port. */
  private record Served(Gazette gazette, FeedServer server, String base) {
    Catalog catalog() {
      return gazette.catalog();
    }

    String url(String path) {
      return base + path.substring(1);
    }
  }

  @BeforeAll
  void serve() throws IOException {
    bundled = serve(Path.of("src", "test", "resources", "sample"));
    fixture = serve(writeFixture(work.resolve("fixture")));
    podcast = serve(Path.of("src", "test", "resources", "fixtures", "podcast"));
    // One story deleted after publication: the feeds then carry an RFC 6721 tombstone for every reader to read.
    Files.delete(work.resolve("fixture").resolve("2024").resolve("story-119.yaml"));
    fixture.gazette().reload();
    assertThat(fixture.catalog().tombstones()).hasSize(1);
  }

  @AfterAll
  void stop() {
    for (Served s : List.of(bundled, fixture, podcast)) {
      s.server().close();
      s.gazette().close();
    }
  }

  private static Served serve(Path articles) throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    String base = "http://127.0.0.1:" + port + "/";
    Gazette gazette = Gazette.load(new Gazette.Options(articles, URI.create(base), URI.create(base), 60,
        Clock.systemUTC()));
    assertThat(gazette.catalog().problems()).as("problems and warnings of " + articles).isEmpty();
    Operations operations = new Operations(TrustedProxies.NONE,
        List.of(new AccessLog(AccessLog.Format.COMBINED, ACCESS_LOG::add)), null, null, null, null, 0);
    return new Served(gazette, FeedServer.start("127.0.0.1", port, gazette::site, 60, FeedServer.Limits.DEFAULT,
        operations), base);
  }

  /** 120 articles, 3 categories, lead images on every tenth, two enclosures on every fifteenth. */
  private static Path writeFixture(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("_feed.yaml"), """
        title: Interop Daily
        description: A fixture publication for real readers
        logo: /logo.png
        icon: /favicon.ico
        authors: [{name: Fixture Desk, email: desk@example.org}]
        timezone: Europe/Paris
        limit: 50
        """);
    for (int i = 0; i < 120; i++) {
      StringBuilder yaml = new StringBuilder()
          .append("title: \"Story ").append(i).append(": a <b>bold</b> & plain title\"\n")
          .append("published: ").append(LocalDate.of(2024, 1, 1).plusDays(i)).append("T0").append(i % 10).append(":30:00+01:00\n")
          .append("categories: [\"").append(CATEGORIES.get(i % 3)).append("\"]\n")
          .append("content: |\n  Paragraph of story ").append(i).append(" with [a link](/about) and ![a chart](/img/")
          .append(i).append(".png).\n\n  Second paragraph.\n");
      if (i % 10 == 0) {
        yaml.append("image: /img/lead-").append(i).append(".jpg\n");
      }
      if (i % 15 == 0) {
        yaml.append("enclosures:\n  - {url: /media/").append(i).append(".mp3, type: audio/mpeg, length: ").append(1000 + i)
            .append("}\n  - {url: /media/").append(i).append(".ogg, type: audio/ogg, length: ").append(900 + i).append("}\n");
      }
      Path file = dir.resolve("2024").resolve(String.format("story-%03d.yaml", i));
      Files.createDirectories(file.getParent());
      Files.writeString(file, yaml);
    }
    return dir;
  }

  // ---- running the tools ------------------------------------------------------------------

  /** What a command printed, and how it ended. */
  private record Run(int exit, String out, String err) {}

  private Run run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().putAll(env);
    Path out = Files.createTempFile(work, "out", ".txt");
    Path err = Files.createTempFile(work, "err", ".txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("timed out: " + command);
    }
    return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  private Run run(String... command) throws IOException, InterruptedException {
    return run(List.of(command), Map.of());
  }

  private static String resource(String name) throws URISyntaxException {
    return Path.of(ReadersIT.class.getResource("/interop/" + name).toURI()).toString();
  }

  private JsonNode feedparser(List<String> urls) throws Exception {
    List<String> command = new ArrayList<>(List.of("/usr/bin/python3", resource("feedparser_dump.py")));
    command.addAll(urls);
    Run run = run(command, Map.of());
    assertThat(run.exit()).as(run.err()).isZero();
    return JSON.readTree(run.out());
  }

  private static List<String> xmlFeedPaths(Served served) {
    return served.gazette().site().paths().stream()
        .filter(p -> p.endsWith(".xml") && !p.matches("/sitemap(-[0-9]+)?\\.xml")) // a sitemap is XML, not a feed
        .sorted()
        .toList();
  }

  /** The articles a feed at this path must hold, newest first. */
  private static List<Article> expectedEntries(Catalog catalog, String path) {
    if (path.startsWith("/archive/")) {
      int n = Integer.parseInt(path.substring("/archive/".length(), path.indexOf('-')));
      return catalog.archives().get(n - 1).entries();
    }
    if (path.startsWith("/categories/")) {
      String slug = path.split("/")[2];
      return catalog.window(catalog.categories().stream().filter(c -> c.slug().equals(slug)).findFirst().orElseThrow().articles());
    }
    List<Article> entries = new ArrayList<>(catalog.feed());
    catalog.revised().stream().filter(a -> !entries.contains(a)).forEach(entries::add);
    return entries;
  }

  // ---- feedparser ---------------------------------------------------------------------------

  @Test
  @NeedsTools(Tool.FEEDPARSER)
  void feedparserReadsEveryXmlFeedWithEveryEntryAsMeant() throws Exception {
    for (Served served : List.of(bundled, fixture)) {
      List<String> paths = xmlFeedPaths(served);
      JsonNode results = feedparser(paths.stream().map(served::url).toList());
      assertThat(paths).hasSizeGreaterThan(served == fixture ? 9 : 5);
      for (String path : paths) {
        JsonNode feed = results.get(served.url(path));
        assertThat(feed.get("bozo").asBoolean()).as(path + ": " + feed.get("bozo_exception").asText()).isFalse();
        assertThat(feed.get("status").asInt()).as(path).isEqualTo(200);
        assertThat(feed.get("content_type").asText()).as("feedparser's own Accept gets the feed's type: " + path)
            .isEqualTo(served.gazette().site().find(path).orElseThrow().mediaType());
        List<Article> expected = expectedEntries(served.catalog(), path);
        assertThat(feed.get("entries")).as(path).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
          Article article = expected.get(i);
          JsonNode entry = feed.get("entries").get(i);
          assertThat(entry.get("id").asText()).as(path).isEqualTo(article.id());
          assertThat(entry.get("link").asText()).as(path).isEqualTo(Routes.of(served.catalog().publication()).link(article).toString());
          assertThat(entry.get("title").asText()).as(path).isEqualTo(article.title());
          assertThat(entry.get("published").asLong()).as(path).isEqualTo(article.published().getEpochSecond());
          List<String> enclosures = new ArrayList<>();
          entry.get("enclosures").forEach(e -> enclosures.add(e.get("href").asText() + " " + e.get("type").asText()
              + " " + e.get("length").asText()));
          List<Enclosure> want = path.endsWith("/feed.xml") && !article.enclosures().isEmpty()
              ? article.enclosures().subList(0, 1) // RSS allows one enclosure; the rest travel as Media RSS
              : article.enclosures();
          assertThat(enclosures).as(path + " " + article.id()).containsAll(
              want.stream().map(e -> e.url() + " " + e.type() + " " + e.length()).toList());
        }
      }
    }
  }

  @Test
  @NeedsTools(Tool.FEEDPARSER)
  void followingArchiveLinksFromAtomGivesEveryPublishedArticleExactlyOnce() throws Exception {
    List<String> ids = new ArrayList<>();
    String url = fixture.url("/atom.xml");
    int documents = 0;
    while (url != null) {
      JsonNode feed = feedparser(List.of(url));
      assertThat(feed.get("bozo").asBoolean()).as(url).isFalse();
      feed.get("entries").forEach(e -> ids.add(e.get("id").asText()));
      url = null;
      for (JsonNode link : feed.get("links")) {
        if ("prev-archive".equals(link.get("rel").asText())) {
          url = link.get("href").asText();
        }
      }
      documents++;
    }

    assertThat(documents).isEqualTo(3);
    assertThat(ids).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(fixture.catalog().articles().stream().map(Article::id).toList());
  }

  @Test
  @NeedsTools(Tool.FEEDPARSER)
  void aPodcastAppOnFeedparserReadsEveryPodcastField() throws Exception {
    JsonNode feed = feedparser(List.of(podcast.url("/feed.xml")));

    assertThat(feed.get("bozo").asBoolean()).as(feed.get("bozo_exception").asText()).isFalse();
    JsonNode show = feed.get("podcast");
    assertThat(show.get("image").asText()).isEqualTo(podcast.url("/cover.jpg"));
    // feedparser 6 maps only "yes" to true and "clean" to false; Apple's "false" reads as not explicit (null).
    assertThat(show.get("itunes_explicit").asBoolean()).as(show.toString()).isFalse();
    assertThat(show.get("podcast_guid").asText()).as("a UUID v5 (PodcastFeedTest checks the derivation)")
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(show.get("podcast_locked").get("owner").asText()).isEqualTo("audio@example.org");
    assertThat(show.get("podcast_funding").get("url").asText()).isEqualTo(podcast.url("/support"));
    assertThat(show.get("itunes_type").asText()).isEqualTo("episodic");
    assertThat(show.get("publisher").get("email").asText()).isEqualTo("audio@example.org");
    assertThat(show.get("publisher").get("name").asText()).isEqualTo("Gazette Audio Desk");
    assertThat(feed.get("categories")).extracting(JsonNode::toString)
        .contains("[\"http://www.itunes.com/\",\"News\"]", "[\"http://www.itunes.com/\",\"Daily News\"]");
    Map<String, JsonNode> episodes = new HashMap<>();
    feed.get("entries").forEach(e -> episodes.put(e.get("title").asText(), e));
    JsonNode one = episodes.get("Episode 1: Credentials and tension");
    assertThat(one.get("podcast").get("itunes_duration").asText()).isEqualTo("3723");
    assertThat(one.get("podcast").get("itunes_episode").asText()).isEqualTo("1");
    assertThat(one.get("podcast").get("itunes_season").asText()).isEqualTo("1");
    assertThat(one.get("podcast").get("itunes_episodetype").asText()).isEqualTo("full");
    assertThat(one.get("podcast").get("image").asText()).isEqualTo(podcast.url("/episodes/1.jpg"));
    assertThat(one.get("enclosures")).singleElement().satisfies(e -> {
      assertThat(e.get("href").asText()).isEqualTo(podcast.url("/media/episode-1.mp3"));
      assertThat(e.get("type").asText()).isEqualTo("audio/mpeg");
      assertThat(e.get("length").asText()).isEqualTo("24617892");
    });
    assertThat(episodes.get("Trailer").get("podcast").get("itunes_episodetype").asText()).isEqualTo("trailer");
    for (JsonNode episode : feed.get("entries")) {
      Set<String> names = new HashSet<>();
      episode.get("authors").forEach(a -> names.add(a.asText()));
      assertThat(names).as("dc:creator and itunes:author name the same people, so apps agree").containsExactly("Gazette Audio Desk");
    }
  }

  // ---- what each reader's way of asking gets -------------------------------------------------------

  /** Every feed URL of the fixture (main, categories, archive pages, in each format). */
  private List<String> everyFeedPath(Served served) {
    return served.gazette().site().paths().stream()
        .filter(p -> p.endsWith(".xml") || p.endsWith(".json"))
        .filter(p -> served.gazette().site().find(p).orElseThrow().feed())
        .sorted().toList();
  }

  @Test
  void everyFeedUrlGivesEachReadersAcceptTheFeedAndABrowserAPage() throws Exception {
    Map<String, String> readers = Map.of("SimplePie", ReaderHeaders.SIMPLEPIE, "NetNewsWire", ReaderHeaders.NETNEWSWIRE,
        "Miniflux", ReaderHeaders.MINIFLUX, "feedparser", ReaderHeaders.FEEDPARSER);
    HttpClient client = HttpClient.newHttpClient();
    List<String> paths = everyFeedPath(fixture);
    assertThat(paths).hasSizeGreaterThan(12).anyMatch(p -> p.startsWith("/archive/")).anyMatch(p -> p.startsWith("/categories/"));
    for (String path : paths) {
      var rendition = fixture.gazette().site().find(path).orElseThrow();
      for (var reader : readers.entrySet()) {
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create(fixture.url(path)))
            .header("Accept", reader.getValue()).header("User-Agent", reader.getKey()).build(),
            HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.headers().firstValue("Content-Type")).as(reader.getKey() + " " + path).contains(rendition.mediaType());
        assertThat(response.body()).as(reader.getKey() + " " + path).isEqualTo(rendition.identity());
      }
      HttpResponse<String> browser = client.send(HttpRequest.newBuilder(URI.create(fixture.url(path)))
          .header("Accept", ReaderHeaders.CHROMIUM).header("Sec-Fetch-Dest", "document").header("Sec-Fetch-Mode", "navigate").build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(browser.headers().firstValue("Content-Type")).as(path).contains("text/html; charset=utf-8");
      assertThat(browser.body()).as(path).contains("This is a web feed").contains(fixture.url(path));
    }
  }

  // ---- a JSON Feed reader from the npm registry --------------------------------------------------

  @Test
  @NeedsTools(Tool.FEED_EXTRACTOR)
  void feedExtractorFromNpmReadsEveryJsonFeedWithEveryEntryAsMeant() throws Exception {
    for (Served served : List.of(bundled, fixture, podcast)) {
      List<String> paths = everyFeedPath(served).stream().filter(p -> p.endsWith(".json")).toList();
      assertThat(paths).isNotEmpty();
      List<String> command = new ArrayList<>(List.of("/usr/bin/node", "src/test/node/read_feeds.mjs"));
      paths.forEach(p -> command.add(served.url(p)));
      Run run = run(command, Map.of());
      assertThat(run.exit()).as(run.err()).isZero();
      JsonNode results = JSON.readTree(run.out());
      for (String path : paths) {
        JsonNode feed = results.get(served.url(path));
        assertThat(feed.has("error")).as(path + ": " + feed.path("error").asText()).isFalse();
        assertThat(feed.get("title").asText()).as(path).isNotBlank();
        List<Article> expected = expectedEntries(served.catalog(), path);
        assertThat(feed.get("entries")).as(path).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
          Article article = expected.get(i);
          JsonNode entry = feed.get("entries").get(i);
          assertThat(entry.get("id").asText()).as(path).isEqualTo(article.id());
          assertThat(entry.get("title").asText()).as(path).isEqualTo(article.title());
          assertThat(entry.get("link").asText()).as(path).isEqualTo(Routes.of(served.catalog().publication()).link(article).toString());
          assertThat(java.time.Instant.parse(entry.get("published").asText())).as(path).isEqualTo(article.published());
          List<String> attachments = new ArrayList<>();
          entry.get("attachments").forEach(a -> attachments.add(a.get("url").asText() + " " + a.get("mime_type").asText()));
          assertThat(attachments).as(path).containsExactlyElementsOf(
              article.enclosures().stream().map(e -> e.url() + " " + e.type()).toList());
        }
      }
    }
  }

  // ---- newsboat -----------------------------------------------------------------------------

  @Test
  @NeedsTools({Tool.NEWSBOAT, Tool.PYTHON})
  void newsboatStoresEveryItemAndRevalidatesWith304() throws Exception {
    for (String path : List.of("/feed.xml", "/atom.xml", "/categories/culture/feed.xml")) {
      Path home = Files.createDirectories(work.resolve("newsboat" + path.replace('/', '_')));
      Files.writeString(home.resolve("urls"), fixture.url(path) + "\n");
      Files.writeString(home.resolve("config"), "user-agent \"GazetteInterop/newsboat\"\ndownload-timeout 20\n"
          + "reload-threads 1\nerror-log \"" + home.resolve("error.log") + "\"\n");
      List<String> command = List.of("/usr/bin/newsboat", "-u", home.resolve("urls").toString(),
          "-c", home.resolve("cache.db").toString(), "-C", home.resolve("config").toString(), "-x", "reload");
      int before = ACCESS_LOG.size();
      for (int reload = 0; reload < 3; reload++) { // newsboat stores validators on its second reload, sends them on the third
        Run run = run(command, Map.of("HOME", home.toString(), "PATH", "/usr/bin:/bin"));
        assertThat(run.exit()).as(run.err()).isZero();
      }
      assertThat(home.resolve("error.log")).satisfiesAnyOf(
          p -> assertThat(p).doesNotExist(), p -> assertThat(Files.readString(p)).isBlank());

      Run items = run("/usr/bin/python3", "-c", "import sqlite3,sys,json; c=sqlite3.connect(sys.argv[1]);"
          + " print(json.dumps(c.execute('select title, url, feedurl from rss_item where deleted=0').fetchall()))",
          home.resolve("cache.db").toString());
      assertThat(items.exit()).as(items.err()).isZero();
      Map<String, String> stored = new HashMap<>();
      JSON.readTree(items.out()).forEach(row -> stored.put(row.get(1).asText(), row.get(0).asText()));
      Map<String, String> expected = new HashMap<>();
      expectedEntries(fixture.catalog(), path).forEach(a -> expected.put(Routes.of(fixture.catalog().publication()).link(a).toString(), a.title()));
      assertThat(stored).as(path).isEqualTo(expected);

      long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
      List<String> lines;
      do { // the access log is written by the traffic thread, a moment after each response
        synchronized (ACCESS_LOG) {
          lines = ACCESS_LOG.subList(before, ACCESS_LOG.size()).stream()
              .filter(l -> l.contains("\"GET " + path + " ") && l.contains("GazetteInterop/newsboat"))
              .toList();
        }
        java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
      } while (lines.size() < 3 && System.nanoTime() < deadline);
      assertThat(lines).as(path).hasSize(3);
      assertThat(lines.get(2)).as(path).contains(" 304 ");
    }
  }

  // ---- schema and well-formedness -------------------------------------------------------------

  @Test
  @NeedsTools(Tool.JING)
  void everyAtomDocumentValidatesAgainstTheRfc4287Schema() throws Exception {
    String schema = resource("atom.rnc");
    for (Served served : List.of(bundled, fixture)) {
      for (String path : xmlFeedPaths(served)) {
        if (path.endsWith("feed.xml")) {
          continue;
        }
        Path file = download(served, path);
        Run jing = run("/usr/bin/jing", "-c", schema, file.toString());
        assertThat(jing.exit()).as(path + ": " + jing.out()).isZero();
        assertThat(jing.out()).as(path).isEmpty();
      }
    }
  }

  @Test
  @NeedsTools(Tool.XMLLINT)
  void everyXmlDocumentIsWellFormed() throws Exception {
    for (Served served : List.of(bundled, fixture)) {
      List<String> paths = new ArrayList<>(xmlFeedPaths(served));
      paths.add("/feed.xsl");
      paths.add("/sitemap.xml");
      for (String path : paths) {
        Run xmllint = run("/usr/bin/xmllint", "--noout", "--nonet", download(served, path).toString());
        assertThat(xmllint.exit()).as(path + ": " + xmllint.err()).isZero();
      }
    }
  }

  private Path download(Served served, String path) throws IOException, InterruptedException {
    HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(served.url(path))).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    Path file = Files.createTempFile(work, "doc", path.substring(path.lastIndexOf('.')));
    Files.write(file, response.body());
    return file;
  }

  // ---- JSON Feed ------------------------------------------------------------------------------

  @Test
  void everyJsonFeedHasTheRequiredFieldsOfVersion11TypedRight() throws Exception {
    for (Served served : List.of(bundled, fixture)) {
      List<String> paths = served.gazette().site().paths().stream().filter(p -> p.endsWith(".json")).sorted().toList();
      assertThat(paths).isNotEmpty();
      for (String path : paths) {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create(served.url(path))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.headers().firstValue("Content-Type")).contains("application/feed+json; charset=utf-8");
        JsonNode feed = JSON.readTree(response.body());
        assertThat(feed.get("version").asText()).as(path).isEqualTo("https://jsonfeed.org/version/1.1");
        assertThat(feed.get("title").isTextual()).as(path).isTrue();
        assertThat(feed.get("feed_url").asText()).as(path).isEqualTo(served.url(path));
        assertThat(feed.get("home_page_url").isTextual()).as(path).isTrue();
        assertThat(feed.get("items").isArray()).as(path).isTrue();
        List<Article> expected = expectedEntries(served.catalog(), path);
        assertThat(feed.get("items")).as(path).hasSize(expected.size());
        for (JsonNode item : feed.get("items")) {
          assertThat(item.get("id").isTextual()).as(path).isTrue();
          assertThat(item.get("content_html").isTextual() || item.has("content_text")).as(path).isTrue();
          assertThat(URI.create(item.get("url").asText()).isAbsolute()).as(path).isTrue();
          assertThat(item.get("date_published").asText()).as(path).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
          if (item.has("attachments")) {
            for (JsonNode attachment : item.get("attachments")) {
              assertThat(attachment.get("url").isTextual() && attachment.get("mime_type").isTextual()).as(path).isTrue();
              assertThat(attachment.get("size_in_bytes").isIntegralNumber()).as(path).isTrue();
            }
          }
          if (item.has("tags")) {
            item.get("tags").forEach(t -> assertThat(t.isTextual()).isTrue());
          }
        }
      }
    }
  }

  // ---- a browser ------------------------------------------------------------------------------

  private String chromium(String url, Path screenshot) throws Exception {
    Path profile = Files.createTempDirectory(work, "chromium");
    List<String> flags = List.of("/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
        "--disable-dev-shm-usage", "--timeout=15000", // every feature at its default, as people have them
        "--user-data-dir=" + profile);
    List<String> dump = new ArrayList<>(flags);
    dump.addAll(List.of("--dump-dom", url));
    Run dom = run(dump, Map.of());
    assertThat(dom.out()).as(url + ": " + dom.err()).isNotBlank();
    Files.createDirectories(SCREENSHOTS);
    List<String> shot = new ArrayList<>(flags);
    shot.addAll(List.of("--window-size=1100,1400", "--hide-scrollbars", "--screenshot=" + screenshot.toAbsolutePath(), url));
    Run picture = run(shot, Map.of());
    assertThat(screenshot).as(url + ": " + picture.err()).exists();
    assertThat(Files.size(screenshot)).isGreaterThan(5_000);
    return dom.out();
  }

  @Test
  @NeedsTools(Tool.CHROMIUM)
  void aBrowserShowsTheHomePageArticlePagesAndAPageForEachFeed() throws Exception {
    Catalog catalog = bundled.catalog();

    String home = chromium(bundled.base, SCREENSHOTS.resolve("home.png"));
    assertThat(home)
        .contains("<link rel=\"alternate\" type=\"application/rss+xml\" title=\"" + catalog.publication().title() + " (RSS)\" href=\"" + bundled.url("/feed.xml") + "\">")
        .contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"" + catalog.publication().title() + " (Atom)\" href=\"" + bundled.url("/atom.xml") + "\">")
        .contains("<link rel=\"alternate\" type=\"application/feed+json\" title=\"" + catalog.publication().title() + " (JSON Feed)\" href=\"" + bundled.url("/feed.json") + "\">");
    for (Article article : catalog.feed()) {
      assertThat(home).contains(">" + article.title() + "</a>");
    }

    Article first = catalog.articles().get(catalog.articles().size() - 1);
    String page = chromium(bundled.url("/articles/" + first.slug()), SCREENSHOTS.resolve("article.png"));
    assertThat(page).contains("<h1>" + first.title() + "</h1>").contains("rel=\"alternate\"");

    // A feed opened in the browser: the page about it, no XSLT (so no removal banner over the address to copy).
    String feed = chromium(bundled.url("/feed.xml"), SCREENSHOTS.resolve("feed-xml.png"));
    assertThat(feed).contains("This is a web feed").contains("value=\"" + bundled.url("/feed.xml") + "\"")
        .doesNotContain("xml-stylesheet").doesNotContain("XSLT");
    for (Article article : catalog.feed()) {
      assertThat(feed).contains(article.title());
    }
    assertThat(chromium(fixture.url("/categories/culture/atom.xml"), SCREENSHOTS.resolve("category-atom-xml.png")))
        .contains("This is a web feed");
    assertThat(chromium(podcast.url("/feed.json"), SCREENSHOTS.resolve("podcast-feed-json.png")))
        .contains("This is a web feed").contains("Episode 1: Credentials and tension");
  }
}
