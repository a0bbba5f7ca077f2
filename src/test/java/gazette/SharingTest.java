package gazette;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gazette.site.Rendition;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Article pages tell link previews and search engines what they are; every page names its canonical URL. */
class SharingTest {
  private static final URI BASE = URI.create("https://news.example.org/");
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
  private static final Pattern LD = Pattern.compile("<script type=\"application/ld\\+json\">(.*?)</script>", Pattern.DOTALL);

  @TempDir
  Path dir;

  private Gazette load() throws IOException {
    Files.writeString(dir.resolve("_feed.yaml"), "title: Daily & Co\nlogo: /media/logo.png\ntimezone: Asia/Baku\n");
    Files.writeString(dir.resolve("bridge.yaml"), """
        title: The bridge opens
        published: 2024-01-20T10:00:00+04:00
        updated: 2024-01-21T09:30:00+04:00
        authors: [{name: Ann Writer, url: https://ann.example.org/}, Bob]
        image: /media/bridge.jpg
        summary: Traffic crosses the river again.
        content: The bridge is open.
        """);
    Files.writeString(dir.resolve("attack.yaml"), """
        title: "</script><script>alert(1)</script> & <!-- \\u2028 end"
        published: 2024-01-19
        content: Text.
        """);
    return Gazette.load(new Gazette.Options(dir, BASE, BASE, 60, CLOCK));
  }

  private static String page(Gazette gazette, String path) {
    return new String(gazette.site().find(path).orElseThrow().identity(), StandardCharsets.UTF_8);
  }

  private static JsonNode jsonLd(String html) throws IOException {
    Matcher m = LD.matcher(html);
    assertThat(m.find()).as("a JSON-LD block").isTrue();
    return new ObjectMapper().readTree(m.group(1));
  }

  @Test
  void anArticlePageHasOpenGraphTwitterCardAndNewsArticleTags() throws IOException {
    try (Gazette gazette = load()) {
      String html = page(gazette, "/articles/bridge");
      JsonNode ld = jsonLd(html);

      assertThat(html).contains("<link rel=\"canonical\" href=\"https://news.example.org/articles/bridge\">")
          .contains("<meta property=\"og:type\" content=\"article\">")
          .contains("<meta property=\"og:site_name\" content=\"Daily &amp; Co\">")
          .contains("<meta property=\"og:title\" content=\"The bridge opens\">")
          .contains("<meta property=\"og:description\" content=\"Traffic crosses the river again.\">")
          .contains("<meta property=\"og:url\" content=\"https://news.example.org/articles/bridge\">")
          .contains("<meta property=\"og:image\" content=\"https://news.example.org/media/bridge.jpg\">")
          .contains("<meta property=\"article:published_time\" content=\"2024-01-20T10:00:00+04:00\">")
          .contains("<meta property=\"article:modified_time\" content=\"2024-01-21T09:30:00+04:00\">")
          .contains("<meta name=\"twitter:card\" content=\"summary_large_image\">")
          .contains("<meta name=\"twitter:image\" content=\"https://news.example.org/media/bridge.jpg\">");
      assertThat(ld.get("@context").asText()).isEqualTo("https://schema.org");
      assertThat(ld.get("@type").asText()).isEqualTo("NewsArticle");
      assertThat(ld.get("headline").asText()).isEqualTo("The bridge opens");
      assertThat(ld.get("datePublished").asText()).isEqualTo("2024-01-20T10:00:00+04:00");
      assertThat(ld.get("dateModified").asText()).isEqualTo("2024-01-21T09:30:00+04:00");
      assertThat(ld.get("author").findValuesAsText("name")).containsExactly("Ann Writer", "Bob");
      assertThat(ld.get("author").get(0).get("url").asText()).isEqualTo("https://ann.example.org/");
      assertThat(ld.get("image").get(0).asText()).isEqualTo("https://news.example.org/media/bridge.jpg");
      assertThat(ld.get("publisher").get("name").asText()).isEqualTo("Daily & Co");
      assertThat(ld.get("publisher").get("logo").get("url").asText()).isEqualTo("https://news.example.org/media/logo.png");
    }
  }

  @Test
  void aTitleCannotCloseTheJsonLdScriptElement() throws IOException {
    try (Gazette gazette = load()) {
      String html = page(gazette, "/articles/attack");

      assertThat(html.split("</script>", -1)).as("one </script>: the JSON-LD block's own").hasSize(2);
      assertThat(html).doesNotContain("<script>alert").doesNotContain("<!-- ");
      assertThat(html).contains("<meta name=\"twitter:card\" content=\"summary\">");
      assertThat(jsonLd(html).get("headline").asText()).isEqualTo("</script><script>alert(1)</script> & <!-- \u2028 end");
      assertThat(html).contains("\"headline\":\"\\u003C/script\\u003E\\u003Cscript\\u003Ealert(1)\\u003C/script\\u003E \\u0026 \\u003C!-- \\u2028 end\"");
    }
  }

  @Test
  void everyPageNamesItsCanonicalUrl() throws IOException {
    try (Gazette gazette = load()) {
      List<String> pages = gazette.site().paths().stream().sorted()
          .filter(path -> {
            Rendition r = gazette.site().find(path).orElseThrow();
            return r.status() == 200 && r.mediaType().startsWith("text/html");
          }).toList();

      assertThat(pages).contains("/", "/archive/", "/articles/bridge");
      for (String path : pages) {
        assertThat(page(gazette, path)).as(path)
            .containsOnlyOnce("<link rel=\"canonical\" href=\"" + BASE.resolve(path.substring(1)) + "\">");
      }
      Rendition feed = gazette.site().find("/feed.xml").orElseThrow().browser();
      assertThat(new String(feed.identity(), StandardCharsets.UTF_8))
          .contains("<link rel=\"canonical\" href=\"https://news.example.org/feed.xml\">");
    }
  }

  @Test
  void aPathWithNothingThereGetsTheSitesOwn404Page() throws IOException {
    try (Gazette gazette = load()) {
      Rendition notFound = gazette.site().notFound();

      assertThat(notFound.status()).isEqualTo(404);
      assertThat(notFound.mediaType()).isEqualTo("text/html; charset=utf-8");
      assertThat(new String(notFound.identity(), StandardCharsets.UTF_8)).contains("<title>Not found – Daily &amp; Co</title>")
          .contains("<a href=\"https://news.example.org/archive/\">Every article by month</a>")
          .doesNotContain("rel=\"canonical\"");
    }
  }
}
