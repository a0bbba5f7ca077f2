package gazette;

import static org.assertj.core.api.Assertions.assertThat;

import gazette.http.FeedServer;
import gazette.render.Routes;
import gazette.site.Rendition;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.SAXException;

/**
 * Every article is reachable from HTML, as a visitor or a crawler finds it: by the older pages of the
 * home page and of each category, by the archive's months, and by the sitemap; and those URLs keep the
 * HTTP contract of every other page.
 */
class ReachableTest {
  private static final URI BASE = URI.create("https://news.example.org/daily/");
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
  private static final Pattern NEXT = Pattern.compile("<link rel=\"next\" href=\"([^\"]+)\">");
  private static final Pattern PREV = Pattern.compile("<link rel=\"prev\" href=\"([^\"]+)\">");
  private static final Pattern ARTICLE = Pattern.compile("href=\"" + Pattern.quote(BASE + "articles/") + "([a-z0-9-]+)\"");
  private static final Pattern LOC = Pattern.compile("<loc>([^<]+)</loc>");
  /** 130 articles: 5 on the home page, then 125 on older pages of 50, 50 and 25. */
  private static final int ARTICLES = 130;

  @TempDir
  Path dir;

  private void write(String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text);
  }

  /** Story n is published on day n counted from 1 January 2024 (so over five months), in World, every third in Culture too. */
  private void story(int n) throws IOException {
    String date = java.time.LocalDate.of(2024, 1, 1).plusDays(n).toString();
    write("story-" + n + ".yaml", "title: Story " + n + "\npublished: " + date + "T10:00:00Z\n"
        + "categories: [World" + (n % 3 == 0 ? ", Culture" : "") + "]\ncontent: Text of story " + n + ".\n");
  }

  private Gazette load(Path state) throws IOException {
    return Gazette.load(new Gazette.Options(dir, BASE, BASE, 60, CLOCK, null, state));
  }

  private Gazette publication() throws IOException {
    write("_feed.yaml", "title: Daily\nlimit: 5\n");
    for (int n = 1; n <= ARTICLES; n++) {
      story(n);
    }
    return load(null);
  }

  private static String page(Gazette gazette, String url) {
    String path = "/" + BASE.relativize(URI.create(url)).toString();
    Rendition rendition = gazette.site().find(path).orElseThrow(() -> new AssertionError("nothing at " + path));
    assertThat(rendition.status()).as(path).isEqualTo(200);
    return new String(rendition.identity(), StandardCharsets.UTF_8);
  }

  private static List<String> all(Pattern pattern, String text) {
    List<String> out = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** The article slugs met following rel="next" from a listing's first page, checking rel="prev" leads back. */
  private static Set<String> crawl(Gazette gazette, String first, List<String> visited) {
    Set<String> slugs = new LinkedHashSet<>();
    String url = first;
    String before = null;
    while (url != null) {
      visited.add(url);
      String html = page(gazette, url);
      List<String> prev = all(PREV, html);
      assertThat(prev).as("rel=prev of " + url).isEqualTo(before == null ? List.of() : List.of(before));
      for (String slug : all(ARTICLE, html)) {
        slugs.add(slug);
      }
      List<String> next = all(NEXT, html);
      before = url;
      url = next.isEmpty() ? null : next.get(0);
    }
    return slugs;
  }

  @Test
  void everyArticleIsReachableFromTheHomePageByItsOlderPages() throws IOException {
    try (Gazette gazette = publication()) {
      List<String> visited = new ArrayList<>();

      Set<String> slugs = crawl(gazette, BASE.toString(), visited);

      assertThat(slugs).hasSize(ARTICLES);
      assertThat(visited).containsExactly(BASE.toString(), BASE + "page/3/", BASE + "page/2/", BASE + "page/1/");
      assertThat(all(ARTICLE, page(gazette, BASE + "page/1/"))).as("page 1 holds the 50 oldest, newest first")
          .containsExactly(java.util.stream.IntStream.iterate(50, n -> n >= 1, n -> n - 1).mapToObj(n -> "story-" + n)
              .toArray(String[]::new));
      assertThat(page(gazette, BASE + "page/2/")).contains("<a class=\"newer\" href=\"" + BASE + "page/3/\" rel=\"prev\">Newer articles</a>")
          .contains("<a class=\"older\" href=\"" + BASE + "page/1/\" rel=\"next\">Older articles</a>")
          .contains("<h1>Older articles, page 2</h1>");
    }
  }

  @Test
  void everyArticleOfACategoryIsReachableFromItsPage() throws IOException {
    try (Gazette gazette = publication()) {
      List<String> visited = new ArrayList<>();

      Set<String> culture = crawl(gazette, BASE + "categories/culture/", visited);

      assertThat(culture).containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.rangeClosed(1, ARTICLES)
          .filter(n -> n % 3 == 0).mapToObj(n -> "story-" + n).toList());
      // 43 in Culture: 5 on its page, 38 older: one page.
      assertThat(visited).containsExactly(BASE + "categories/culture/", BASE + "categories/culture/page/1/");
      assertThat(crawl(gazette, BASE + "categories/world/", new ArrayList<>())).hasSize(ARTICLES);
    }
  }

  @Test
  void anOlderPageKeepsItsNumberAndArticlesAsNewerOnesArePublished() throws IOException {
    Path state = dir.resolveSibling(dir.getFileName() + "-state");
    List<String> before;
    List<String> categoryBefore;
    try (Gazette gazette = publication()) {
      before = all(ARTICLE, page(gazette, BASE + "page/2/"));
      categoryBefore = all(ARTICLE, page(gazette, BASE + "categories/world/page/1/"));
    }

    for (int n = ARTICLES + 1; n <= ARTICLES + 7; n++) {
      story(n);
    }

    try (Gazette gazette = load(state)) {
      assertThat(all(ARTICLE, page(gazette, BASE + "page/2/"))).isEqualTo(before);
      assertThat(all(ARTICLE, page(gazette, BASE + "categories/world/page/1/"))).isEqualTo(categoryBefore);
    }
  }

  @Test
  void theArchiveListsEveryMonthAndEachMonthEveryArticleOfIt() throws IOException {
    try (Gazette gazette = publication()) {
      String index = page(gazette, BASE + "archive/");
      List<String> months = all(Pattern.compile("href=\"(" + Pattern.quote(BASE + "archive/") + "[0-9/]+)\""), index);

      assertThat(months).containsExactly(BASE + "archive/2024/05/", BASE + "archive/2024/04/", BASE + "archive/2024/03/",
          BASE + "archive/2024/02/", BASE + "archive/2024/01/");
      assertThat(index).contains("<h2>2024</h2>").contains(">January</a> <span class=\"meta\">(30)</span>")
          .contains(">May</a> <span class=\"meta\">(10)</span>");
      List<String> slugs = new ArrayList<>();
      for (String month : months) {
        slugs.addAll(all(ARTICLE, page(gazette, month)));
      }
      assertThat(slugs).hasSize(ARTICLES).doesNotHaveDuplicates();
      assertThat(page(gazette, BASE + "archive/2024/02/")).contains("<h1>February 2024</h1>")
          .contains("<link rel=\"prev\" href=\"" + BASE + "archive/2024/03/\">")
          .contains("<link rel=\"next\" href=\"" + BASE + "archive/2024/01/\">");
      assertThat(gazette.site().find("/archive/2023/12/")).as("a month without articles").isEmpty();
      assertThat(gazette.site().find("/page/4/")).as("past the oldest page").isEmpty();
    }
  }

  private static void validate(String schema, byte[] xml) throws IOException, SAXException {
    SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
        .newSchema(Path.of("src/test/resources/sitemaps", schema).toFile())
        .newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
  }

  @Test
  void theSitemapListsEveryPageWithItsLastChangeAndIsValid() throws Exception {
    try (Gazette gazette = publication()) {
      byte[] sitemap = gazette.site().find("/sitemap.xml").orElseThrow().identity();
      String xml = new String(sitemap, StandardCharsets.UTF_8);

      validate("sitemap.xsd", sitemap);
      List<String> locs = all(LOC, xml);
      assertThat(locs).containsExactlyElementsOf(Routes.pages(gazette.catalog()).stream()
          .map(route -> new Routes(BASE).url(route).toString()).toList());
      assertThat(locs).contains(BASE.toString(), BASE + "categories/world/", BASE + "categories/culture/",
          BASE + "page/1/", BASE + "archive/", BASE + "archive/2024/01/");
      assertThat(locs.stream().filter(loc -> loc.startsWith(BASE + "articles/"))).hasSize(ARTICLES);
      assertThat(xml).contains("<url><loc>" + BASE + "articles/story-1</loc><lastmod>2024-01-02T10:00:00Z</lastmod></url>")
          .contains("<url><loc>" + BASE + "</loc><lastmod>2024-05-10T10:00:00Z</lastmod></url>")
          .contains("<url><loc>" + BASE + "page/1/</loc><lastmod>2024-02-20T10:00:00Z</lastmod></url>");
      assertThat(gazette.site().find("/sitemap-1.xml")).as("one file holds them all").isEmpty();
    }
  }

  @Test
  void robotsTxtAllowsEverythingAndNamesTheSitemap() throws IOException {
    try (Gazette gazette = publication()) {
      Rendition robots = gazette.site().find("/robots.txt").orElseThrow();

      assertThat(new String(robots.identity(), StandardCharsets.UTF_8))
          .isEqualTo("User-agent: *\nAllow: /\n\nSitemap: https://news.example.org/daily/sitemap.xml\n");
      assertThat(robots.mediaType()).isEqualTo("text/plain; charset=utf-8");
    }
  }

  @Test
  void theNewPagesAreServedWithTheHttpContractOfEveryPage() throws Exception {
    try (Gazette gazette = publication(); FeedServer server = gazette.serve("127.0.0.1", 0)) {
      HttpClient client = HttpClient.newHttpClient();
      String origin = "http://127.0.0.1:" + server.port() + "/";
      for (String path : List.of("page/1/", "categories/world/page/1/", "archive/", "archive/2024/03/", "sitemap.xml",
          "robots.txt")) {
        HttpResponse<byte[]> first = client.send(HttpRequest.newBuilder(URI.create(origin + path)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
        String etag = first.headers().firstValue("ETag").orElseThrow();
        String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();

        HttpResponse<byte[]> again = client.send(HttpRequest.newBuilder(URI.create(origin + path))
            .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> since = client.send(HttpRequest.newBuilder(URI.create(origin + path))
            .header("If-Modified-Since", lastModified).build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> gzip = client.send(HttpRequest.newBuilder(URI.create(origin + path))
            .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(first.statusCode()).as(path).isEqualTo(200);
        assertThat(first.headers().firstValue("Cache-Control")).as(path).contains("public, max-age=60");
        assertThat(again.statusCode()).as(path).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(since.statusCode()).as(path).isEqualTo(304);
        assertThat(gzip.headers().firstValue("Vary")).as(path).contains("Accept-Encoding");
        if (first.body().length > 200) {
          assertThat(gzip.headers().firstValue("Content-Encoding")).as(path).contains("gzip");
          assertThat(new GZIPInputStream(new ByteArrayInputStream(gzip.body())).readAllBytes()).isEqualTo(first.body());
        }
      }
    }
  }

  @Test
  void anOnDemandPageIsDatedByItsReloadNotByWhenItIsAskedFor() throws IOException {
    Path state = dir.resolveSibling(dir.getFileName() + "-dated");
    Instant first;
    try (Gazette gazette = publication()) {
      first = gazette.site().find("/page/2/").orElseThrow().lastModified();
    }
    write("_feed.yaml", "title: Daily\nlimit: 5\n");
    try (Gazette a = load(state)) {
      Instant served = a.site().find("/page/2/").orElseThrow().lastModified();
      try (Gazette b = Gazette.load(new Gazette.Options(dir, BASE, BASE, 60,
          Clock.offset(CLOCK, java.time.Duration.ofHours(5)), null, state))) {
        assertThat(b.site().find("/page/2/").orElseThrow().lastModified()).as("same bytes, same date, from the memory")
            .isEqualTo(served);
      }
      assertThat(served).isEqualTo(CLOCK.instant()).isEqualTo(first);
    }
  }
}
