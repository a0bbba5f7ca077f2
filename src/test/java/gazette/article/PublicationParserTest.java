package gazette.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublicationParserTest {
  private static final Path FILE = Path.of("articles/_feed.yaml");
  private static final URI FALLBACK = URI.create("http://127.0.0.1:8080/");

  private static PublicationParser.Result parse(String yaml, URI override) {
    return PublicationParser.parse(FILE, yaml.getBytes(StandardCharsets.UTF_8), override, FALLBACK);
  }

  @Test
  void titleAloneGivesEveryDefault() {
    Publication p = parse("title: Daily\n", null).publication().orElseThrow();

    assertThat(p.baseUrl()).isEqualTo(FALLBACK);
    assertThat(p.language()).isEqualTo("en");
    assertThat(p.timezone()).isEqualTo(ZoneId.of("UTC"));
    assertThat(p.idAuthority()).as("not written").isNull();
    assertThat(p.authority()).isEqualTo("127.0.0.1");
    assertThat(p.limit()).isEqualTo(50);
    assertThat(p.ttl()).isEqualTo(15);
    assertThat(p.description()).isEmpty();
    assertThat(p.hub()).isNull();
  }

  @Test
  void everyFieldIsRead() {
    Publication p = parse("""
        title: Daily
        description: News
        base_url: https://news.example.org/daily
        language: en-GB
        author: {name: Desk, email: desk@example.org}
        icon: /icon.png
        logo: https://cdn.example.org/logo.png
        copyright: CC BY 4.0
        timezone: Asia/Baku
        id_authority: example.org
        limit: 20
        ttl: 30
        hub: https://hub.example.com/
        """, null).publication().orElseThrow();

    assertThat(p).isEqualTo(new Publication("Daily", "News", URI.create("https://news.example.org/daily/"), "en-GB",
        List.of(new Author("Desk", "desk@example.org", null)), URI.create("https://news.example.org/icon.png"),
        URI.create("https://cdn.example.org/logo.png"), "CC BY 4.0", ZoneId.of("Asia/Baku"), "example.org", 20, 30,
        URI.create("https://hub.example.com/")));
  }

  @Test
  void commandLineBaseUrlWins() {
    Publication p = parse("title: Daily\nbase_url: https://a.example.org/\n", URI.create("https://b.example.org"))
        .publication().orElseThrow();

    assertThat(p.baseUrl()).isEqualTo(URI.create("https://b.example.org/"));
    assertThat(p.authority()).isEqualTo("b.example.org");
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    PublicationParser.Result result = parse("""
        description: News
        base_url: news.example.org
        timezone: Mars/Olympus
        limit: 0
        ttl: soon
        """, null);

    assertThat(result.publication()).isEmpty();
    assertThat(result.problems()).map(Problem::toString).containsExactly(
        "articles/_feed.yaml:1:1: title: required field is missing",
        "articles/_feed.yaml:2:11: base_url: \"news.example.org\" is not an absolute URL (expected https://...)",
        "articles/_feed.yaml:3:11: timezone: \"Mars/Olympus\" is not a time zone (expected an IANA name such as Europe/Paris, or UTC)",
        "articles/_feed.yaml:4:8: limit: expected a whole number of 1 or more, found \"0\"",
        "articles/_feed.yaml:5:6: ttl: expected a whole number of 1 or more, found \"soon\"");
  }
}
