package gazette;

import static org.assertj.core.api.Assertions.assertThat;

import gazette.http.FeedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pages speak the publication's language (an article page its article's): texts, dates, direction. */
class PageLanguagesTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC);
  private final HttpClient client = HttpClient.newHttpClient();

  @TempDir
  Path dir;

  /** A server for a publication in {@code language} with one article of 25 November 2026 in category "Town". */
  private record Served(Gazette gazette, FeedServer server) implements AutoCloseable {
    String url(String path) {
      return "http://127.0.0.1:" + server.port() + path;
    }

    @Override
    public void close() {
      server.close();
      gazette.close();
    }
  }

  private Served serve(Path folder) throws Exception {
    Gazette gazette = Gazette.load(new Gazette.Options(folder, URI.create("https://news.example.org/"),
        URI.create("http://127.0.0.1/"), 60, CLOCK));
    assertThat(gazette.catalog().problems()).isEmpty();
    return new Served(gazette, gazette.serve("127.0.0.1", 0));
  }

  private Path publication(String language) throws Exception {
    Files.writeString(dir.resolve("_feed.yaml"), "title: Town News\nlanguage: " + language + "\ntimezone: Asia/Baku\n");
    Files.writeString(dir.resolve("2026-11-25-bridge.yaml"), """
        title: The bridge opens
        published: 2026-11-25T10:00:00+04:00
        authors: [Ann, Bob]
        categories: [Town]
        enclosures: [{url: /media/a.mp3, type: audio/mpeg, length: 12345}]
        content: The new bridge opened today.
        """);
    return dir;
  }

  private String get(Served served, String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(served.url(path)));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return response.body();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      en | ltr | November 25, 2026 | Subscribe in your feed reader: | <nav aria-label="Categories"> | 12,345 bytes       | This is a web feed     | Ann, Bob
      az | ltr | 25 noyabr 2026    | Xəbər lenti oxuyucunuzda abunə olun: | <nav aria-label="Kateqoriyalar"> | 12.345 bayt | Bu, xəbər lentidir | Ann, Bob
      ru | ltr | 25 ноября 2026 г. | Подпишитесь в программе для чтения лент: | <nav aria-label="Рубрики"> | байт: 12\u00a0345 | Это веб-лента | Ann, Bob
      tr | ltr | 25 Kasım 2026     | Akış okuyucunuzda abone olun: | <nav aria-label="Kategoriler"> | 12.345 bayt        | Bu bir web akışıdır    | Ann, Bob
      ar | rtl | 25 نوفمبر 2026    | اشترك عبر قارئ الخلاصات: | <nav aria-label="الأقسام"> | الحجم: 12,345 بايت | هذه خلاصة ويب          | Ann، Bob
      de | ltr | 25. November 2026 | Subscribe in your feed reader: | <nav aria-label="Categories"> | 12.345 bytes       | This is a web feed     | Ann, Bob
      """)
  void everyPageSpeaksThePublicationsLanguage(String language, String direction, String date, String subscribe,
      String navigation, String size, String feedHeading, String authors) throws Exception {
    try (Served served = serve(publication(language))) {
      String home = get(served, "/");
      String category = get(served, "/categories/town/");
      String article = get(served, "/articles/bridge");
      String feedPage = get(served, "/feed.xml", "Sec-Fetch-Dest", "document", "Sec-Fetch-Mode", "navigate");

      String html = "<html lang=\"" + language + "\" dir=\"" + direction + "\">";
      for (String page : new String[] {home, category, article, feedPage}) {
        assertThat(page).contains(html).contains(date + "</time> · " + authors);
      }
      assertThat(home).contains(subscribe).contains(navigation);
      assertThat(article).contains(size);
      assertThat(feedPage).contains("<h1>" + feedHeading + "</h1>");
    }
  }

  @Test
  void anArticleInAnotherLanguageGetsAPageInItsOwnLanguage() throws Exception {
    try (Served served = serve(Path.of("src/test/resources/fixtures/arabic"))) {
      String home = get(served, "/");
      String arabic = get(served, "/articles/bridge");
      String english = get(served, "/articles/english-guest");

      assertThat(home).contains("<html lang=\"ar\" dir=\"rtl\">").contains("26 نوفمبر 2026</time>")
          .contains("<h2 lang=\"en-GB\" dir=\"ltr\"><a href=\"https://news.example.org/articles/english-guest\">")
          .contains("<p lang=\"en-GB\" dir=\"ltr\">This column is written in English")
          .contains("<h2><a href=\"https://news.example.org/articles/bridge\">")
          .contains("<p class=\"feeds\">اشترك عبر قارئ الخلاصات:");
      assertThat(arabic).contains("<html lang=\"ar\" dir=\"rtl\">")
          .contains("<time datetime=\"2026-11-25T09:30:00+03:00\">25 نوفمبر 2026</time> · ليلى حسن، عمر خالد");
      assertThat(english).contains("<html lang=\"en-GB\" dir=\"ltr\">")
          .contains("<time datetime=\"2026-11-26T08:00:00+03:00\">26 November 2026</time>")
          .contains("<p class=\"feeds\">Subscribe in your feed reader:");
    }
  }

  @Test
  void aTagNamingAScriptDecidesTheDirection() throws Exception {
    try (Served served = serve(publication("az-Arab"))) {
      assertThat(get(served, "/")).contains("<html lang=\"az-Arab\" dir=\"rtl\">");
    }
  }
}
