package gazette.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
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
        URI.create("https://hub.example.com/"), Podcast.NONE, Map.of()));
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

  @Test
  void podcastSettingsAreReadAsWritten() {
    Publication p = parse("""
        title: Weekly
        podcast:
          category: Society & Culture
          subcategory: Documentary
          artwork: /cover.jpg
          explicit: false
          type: serial
          owner: {name: Audio Desk, email: audio@example.org}
          funding:
            - {url: /support, text: Back the show}
            - {url: "https://patreon.example.com/audio"}
          locked: true
          guid: 917393e3-1b1e-5cef-ace4-edaa54e1f810
        """, URI.create("https://pod.example.org/")).publication().orElseThrow();

    assertThat(p.podcast()).isEqualTo(new Podcast("Society & Culture", "Documentary",
        URI.create("https://pod.example.org/cover.jpg"), false, "serial", new Author("Audio Desk", "audio@example.org", null),
        List.of(new Podcast.Funding(URI.create("https://pod.example.org/support"), "Back the show"),
            new Podcast.Funding(URI.create("https://patreon.example.com/audio"), null)), true, "917393e3-1b1e-5cef-ace4-edaa54e1f810"));
  }

  @Test
  void whatADirectoryWouldRefuseIsAWarningThatStillPublishes() {
    PublicationParser.Result bare = parse("title: Weekly\npodcast:\n  explicit: false\n", null);
    PublicationParser.Result svg = parse("""
        title: Weekly
        author: {name: Desk, email: desk@example.org}
        podcast:
          category: News
          artwork: /cover.svg
        """, null);

    assertThat(bare.publication()).isPresent();
    assertThat(bare.problems()).allMatch(Problem::warning).map(Problem::toString).containsExactlyInAnyOrder(
        "articles/_feed.yaml:3:3: warning: podcast.category: is missing: Apple Podcasts lists a podcast under a category (category: News)",
        "articles/_feed.yaml:3:3: warning: podcast.artwork: is missing: Apple Podcasts and Spotify refuse a podcast without"
            + " artwork (artwork: /cover.jpg, a square JPEG or PNG of 1400 to 3000 pixels)",
        "articles/_feed.yaml:3:3: warning: podcast.owner: is missing: directories write to the owner's email (owner: {name: ..., email: ...})");
    assertThat(svg.publication()).isPresent();
    assertThat(svg.problems()).map(Problem::toString).containsExactly(
        "articles/_feed.yaml:5:12: warning: podcast.artwork: \"http://127.0.0.1:8080/cover.svg\" is not a JPEG or PNG:"
            + " Apple Podcasts takes no other artwork");
  }

  @Test
  void podcastValuesOutsideTheirListsAreProblemsNamingTheList() {
    PublicationParser.Result result = parse("""
        title: Weekly
        podcast:
          category: Newz
          type: daily
          guid: not-a-uuid
          owner:
            - {name: One, email: one@example.org}
            - {name: Two, email: two@example.org}
        """, null);

    assertThat(result.publication()).isEmpty();
    assertThat(result.problems()).filteredOn(pr -> !pr.warning()).map(Problem::toString).satisfiesExactly(
        category -> assertThat(category).startsWith("articles/_feed.yaml:3:13: podcast.category: \"Newz\" is not an Apple"
            + " Podcasts category (expected one of Arts, Business, ").contains("Society & Culture"),
        type -> assertThat(type).isEqualTo("articles/_feed.yaml:4:9: podcast.type: \"daily\" is not a podcast type"
            + " (expected episodic or serial)"),
        guid -> assertThat(guid).startsWith("articles/_feed.yaml:5:9: podcast.guid: \"not-a-uuid\" is not a UUID"),
        owner -> assertThat(owner).isEqualTo("articles/_feed.yaml:7:5: podcast.owner: is one person"
            + " ({name: ..., email: ...}): directories write to one owner"));
  }

  @Test
  void anEmptyPodcastBlockMakesAPodcastAndMalformedSettingsAreNamed() {
    PublicationParser.Result empty = parse("title: Weekly\npodcast: {}\n", null);
    PublicationParser.Result list = parse("title: Weekly\npodcast:\n  - category: News\n", null);
    PublicationParser.Result details = parse("""
        title: Weekly
        podcast:
          category: News
          artwork: /cover.png
          owner: {name: Desk, email: desk at example.org}
          funding: {url: /support, text: %s}
        """.formatted("x".repeat(129)), null);

    assertThat(empty.publication().orElseThrow().podcast()).as("podcast: says it is one").isNotEqualTo(Podcast.NONE);
    assertThat(empty.problems()).allMatch(Problem::warning).isNotEmpty();
    assertThat(list.publication()).isEmpty();
    assertThat(list.problems()).map(Problem::toString).containsExactly(
        "articles/_feed.yaml:3:3: podcast: is one mapping of settings (podcast: {category: News, ...}), not a list");
    assertThat(details.problems()).map(Problem::toString).containsExactlyInAnyOrder(
        "articles/_feed.yaml:5:30: podcast.owner.email: \"desk at example.org\" is not an email address (directories write to it)",
        "articles/_feed.yaml:6:34: warning: podcast.funding.text: is 129 characters: podcast apps show at most 128"
            + " (Podcasting 2.0)");
  }
}
