package gazette.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArticleParserTest {
  private static final ContentCache CONTENTS = new ContentCache();
  private static final Path FILE = Path.of("articles/2024-01-20-a-story.yaml");
  private static final Publication PUBLICATION = PublicationParser.fallback(URI.create("https://news.example.org/"));

  private static ArticleParser.Result parse(String yaml) {
    return new ArticleParser(PUBLICATION).parse(FILE, yaml.getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> problems(String yaml) {
    return parse(yaml).problems().stream().map(Problem::toString).toList();
  }

  @Test
  void validArticleGetsEveryDefault() {
    ArticleParser.Result result = parse("""
        title: A story
        published: 2024-01-20T10:00:00+04:00
        content: |
          First paragraph with [a link](/about).

          Second paragraph.
        """);

    Article article = result.article().orElseThrow();
    assertThat(result.problems()).isEmpty();
    assertThat(article.slug()).isEqualTo("a-story");
    assertThat(article.id()).isEqualTo("tag:news.example.org,2024-01-20:a-story");
    assertThat(article.published()).isEqualTo(Instant.parse("2024-01-20T06:00:00Z"));
    assertThat(article.updated()).isEqualTo(article.published());
    assertThat(article.link()).as("its own page: the route table gives its URL").isNull();
    assertThat(CONTENTS.summary(article)).isEqualTo("First paragraph with a link.");
    assertThat(CONTENTS.html(article)).isEqualTo("<p>First paragraph with <a href=\"https://news.example.org/about\">a link</a>.</p>\n"
        + "<p>Second paragraph.</p>");
    assertThat(article.language()).isEqualTo("en");
    assertThat(article.draft()).isFalse();
    assertThat(article.page()).isTrue();
  }

  @Test
  void everyFieldIsRead() {
    ArticleParser.Result result = parse("""
        title: Every field
        published: 2024-01-20
        updated: 2024-01-21T08:00:00Z
        id: urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427
        slug: every-field
        authors:
          - name: Ann Writer
            email: ann@example.org
            url: https://example.org/ann
          - Bob Editor
        summary: A summary.
        format: html
        categories: [World, Politics]
        tags: [Politics, Analysis]
        link: https://elsewhere.example.com/story
        image: /images/lead.jpg
        enclosures:
          - url: /media/episode.mp3
            type: audio/mpeg
            length: 12345
        draft: true
        language: az-Latn
        content: <p>Hello <script>alert(1)</script><img src="a.png" srcset="a.png 1x, /b.png 2x"></p>
        """);

    assertThat(result.problems()).isEmpty();
    Article a = result.article().orElseThrow();
    assertThat(a.title()).isEqualTo("Every field");
    assertThat(a.published()).isEqualTo(Instant.parse("2024-01-20T00:00:00Z"));
    assertThat(a.updated()).isEqualTo(Instant.parse("2024-01-21T08:00:00Z"));
    assertThat(a.id()).isEqualTo("urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427");
    assertThat(a.slug()).isEqualTo("every-field");
    assertThat(a.authors()).containsExactly(
        new Author("Ann Writer", "ann@example.org", URI.create("https://example.org/ann")),
        new Author("Bob Editor", null, null));
    assertThat(CONTENTS.summary(a)).isEqualTo("A summary.");
    assertThat(a.categories()).containsExactly("World", "Politics", "Analysis");
    assertThat(a.link()).isEqualTo(URI.create("https://elsewhere.example.com/story"));
    assertThat(a.image()).isEqualTo(URI.create("https://news.example.org/images/lead.jpg"));
    assertThat(a.enclosures()).containsExactly(
        new Enclosure(URI.create("https://news.example.org/media/episode.mp3"), "audio/mpeg", 12345));
    assertThat(a.draft()).isTrue();
    assertThat(a.language()).isEqualTo("az-Latn");
    assertThat(CONTENTS.html(a)).isEqualTo("<p>Hello <img src=\"https://news.example.org/a.png\" "
        + "srcset=\"https://news.example.org/a.png 1x, https://news.example.org/b.png 2x\"></p>");
  }

  @Test
  void plainTextContentIsEscapedIntoParagraphs() {
    Article a = parse("""
        title: Text
        published: 2024-01-20
        format: text
        content: "1 < 2 & 3\\nsame paragraph\\n\\nnext"
        """).article().orElseThrow();

    assertThat(CONTENTS.html(a)).isEqualTo("<p>1 &lt; 2 &amp; 3<br>same paragraph</p>\n<p>next</p>");
  }

  @Test
  void charactersXmlForbidsAreRemoved() {
    Article a = parse("""
        title: "Bell\\x07 rings\\x1b"
        published: 2024-01-20
        content: "Text\\x00 here"
        """).article().orElseThrow();

    assertThat(a.title()).isEqualTo("Bell rings");
    assertThat(CONTENTS.html(a)).isEqualTo("<p>Text here</p>");
  }

  @Test
  void longFirstParagraphIsCutAtAWordNear300Characters() {
    String words = "word ".repeat(100).strip();

    Article a = parse("title: Long\npublished: 2024-01-20\ncontent: " + words + "\n").article().orElseThrow();

    assertThat(CONTENTS.summary(a)).hasSizeLessThanOrEqualTo(301).endsWith("word…");
    assertThat(CONTENTS.summary(a)).isEqualTo("word ".repeat(60).strip() + "…");
  }

  @Test
  void unknownKeyIsReportedAtItsLineWithASuggestion() {
    assertThat(problems("""
        title: A story
        pubished: 2024-01-20
        content: x
        """)).containsExactly(
        "articles/2024-01-20-a-story.yaml:1:1: published: required field is missing",
        "articles/2024-01-20-a-story.yaml:2:1: pubished: unknown field (did you mean published?)");
  }

  @Test
  void missingTitleIsReported() {
    assertThat(problems("published: 2024-01-20\ncontent: x\n"))
        .containsExactly("articles/2024-01-20-a-story.yaml:1:1: title: required field is missing");
  }

  @Test
  void missingContentWithoutLinkIsReported() {
    assertThat(problems("title: A\npublished: 2024-01-20\n"))
        .containsExactly("articles/2024-01-20-a-story.yaml:1:1: content: required field is missing");
  }

  @Test
  void linkAloneNeedsNoContent() {
    ArticleParser.Result result = parse("title: A\npublished: 2024-01-20\nlink: https://example.com/x\n");

    assertThat(result.problems()).isEmpty();
    assertThat(result.article().orElseThrow().page()).isFalse();
  }

  @Test
  void unparseableDateIsReportedAtItsValue() {
    assertThat(problems("title: A\npublished: yesterday\ncontent: x\n")).containsExactly(
        "articles/2024-01-20-a-story.yaml:2:12: published: \"yesterday\" is not a date (expected 2024-01-20 or 2024-01-20T10:00:00+04:00)");
  }

  @Test
  void impossibleDateIsReported() {
    assertThat(problems("title: A\npublished: 2024-02-30\ncontent: x\n")).containsExactly(
        "articles/2024-01-20-a-story.yaml:2:12: published: \"2024-02-30\" is not a real date or time");
  }

  @Test
  void timeWithoutOffsetIsReported() {
    assertThat(problems("title: A\npublished: 2024-01-20T10:00:00\ncontent: x\n")).containsExactly(
        "articles/2024-01-20-a-story.yaml:2:12: published: \"2024-01-20T10:00:00\" has no UTC offset (write 2024-01-20T10:00:00+04:00, or Z for UTC)");
  }

  @Test
  void updatedBeforePublishedIsReported() {
    assertThat(problems("title: A\npublished: 2024-01-20\nupdated: 2024-01-19\ncontent: x\n")).containsExactly(
        "articles/2024-01-20-a-story.yaml:3:10: updated: is before published (2024-01-20T00:00:00Z)");
  }

  @Test
  void badSlugIsReported() {
    assertThat(problems("title: A\npublished: 2024-01-20\nslug: Hello World\ncontent: x\n")).containsExactly(
        "articles/2024-01-20-a-story.yaml:3:7: slug: \"Hello World\" is not a slug (use lowercase letters, digits and inner hyphens)");
  }

  @Test
  void wrongTypeIsReported() {
    assertThat(problems("title: [a, b]\npublished: 2024-01-20\ncategories: {a: 1}\ncontent: x\n")).containsExactly(
        "articles/2024-01-20-a-story.yaml:1:8: title: expected text, found a list",
        "articles/2024-01-20-a-story.yaml:3:13: categories: expected a list of text, found a mapping");
  }

  @Test
  void duplicateKeyIsReported() {
    assertThat(problems("title: A\ntitle: B\npublished: 2024-01-20\ncontent: x\n")).containsExactly(
        "articles/2024-01-20-a-story.yaml:2:1: title: appears twice (first at line 1)");
  }

  @Test
  void badValuesOfSmallFieldsAreEachReported() {
    assertThat(problems("""
        title: A
        published: 2024-01-20
        id: not a uri
        format: rst
        draft: maybe
        link: mailto:ann@example.org
        language: english language
        content: x
        """)).containsExactly(
        "articles/2024-01-20-a-story.yaml:3:5: id: \"not a uri\" is not a URI (expected tag:example.org,2024-01-20:story or https://...)",
        "articles/2024-01-20-a-story.yaml:4:9: format: \"rst\" is not a format (expected markdown, html or text)",
        "articles/2024-01-20-a-story.yaml:5:8: draft: expected true or false, found \"maybe\"",
        "articles/2024-01-20-a-story.yaml:6:7: link: \"mailto:ann@example.org\" is not an http or https URL",
        "articles/2024-01-20-a-story.yaml:7:11: language: \"english language\" is not a language tag (expected en, en-GB, az-Latn ...)");
  }

  @Test
  void enclosureProblemsNameTheItem() {
    assertThat(problems("""
        title: A
        published: 2024-01-20
        content: x
        enclosures:
          - url: https://example.org/a.mp3
            type: audio
            size: 3
        """)).containsExactly(
        "articles/2024-01-20-a-story.yaml:5:5: enclosures[0].length: required field is missing",
        "articles/2024-01-20-a-story.yaml:6:11: enclosures[0].type: \"audio\" is not a media type (expected audio/mpeg, video/mp4 ...)",
        "articles/2024-01-20-a-story.yaml:7:5: enclosures[0].size: unknown field");
  }

  @Test
  void yamlSyntaxErrorIsReportedWhereTheParserStopped() {
    assertThat(problems("title: A\npublished: [2024-01-20\ncontent: x\n")).hasSize(1).first().asString()
        .startsWith("articles/2024-01-20-a-story.yaml:3:8: not valid YAML: ");
  }

  @Test
  void fileThatIsNotAMappingIsReported() {
    assertThat(problems("- just\n- a list\n")).containsExactly(
        "articles/2024-01-20-a-story.yaml:1:1: expected a mapping of fields such as title: ..., found a list");
  }

  @Test
  void arbitraryTypesAreNeverConstructed() {
    assertThat(problems("title: !!javax.script.ScriptEngineManager [x]\npublished: 2024-01-20\ncontent: x\n")).containsExactly(
        "articles/2024-01-20-a-story.yaml:1:8: not valid YAML: Global tag is not allowed: tag:yaml.org,2002:javax.script.ScriptEngineManager");
    assertThat(problems("title: !local /etc/passwd\npublished: 2024-01-20\ncontent: x\n")).containsExactly(
        "articles/2024-01-20-a-story.yaml:1:8: title: expected text, found a value tagged !local");
  }

  @Test
  void aliasBombIsRefused() {
    StringBuilder yaml = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for (char c = 'b'; c <= 'j'; c++) {
      char prev = (char) (c - 1);
      yaml.append(c).append(": &").append(c).append(" [*").append(prev).append(", *").append(prev)
          .append(", *").append(prev).append(", *").append(prev).append(", *").append(prev).append("]\n");
    }

    assertThat(problems(yaml.toString())).hasSize(1).first().asString()
        .contains("not valid YAML: ").contains("aliases");
  }

  @Test
  void oversizedFileIsRefusedBeforeParsing() {
    String big = "title: A\ncontent: " + "x".repeat(YamlMapping.MAX_FILE_BYTES) + "\n";

    assertThat(problems(big)).containsExactly(
        "articles/2024-01-20-a-story.yaml:1:1: file is " + big.length() + " bytes, over the limit of 1048576");
  }

  @Test
  void slugIsDerivedFromAnyFileName() {
    ArticleParser.Result result = new ArticleParser(PUBLICATION)
        .parse(Path.of("articles/Café Olé!.yml"), "title: A\npublished: 2024-01-20\ncontent: x\n".getBytes(StandardCharsets.UTF_8));

    assertThat(result.article().orElseThrow().slug()).isEqualTo("cafe-ole");
  }

  @Test
  @org.junit.jupiter.api.Timeout(60) // a guard against a hang, not a speed claim (those live in bench/)
  void ninetyFiveThousandUnknownKeysAreTheFirstHundredProblemsAndACount() {
    StringBuilder yaml = new StringBuilder("title: A\npublished: 2024-01-20\ncontent: x\n");
    for (int i = 0; i < 95_000; i++) {
      yaml.append('k').append(i).append(": 1\n");
    }

    List<String> problems = problems(yaml.toString());

    assertThat(problems).hasSize(101);
    assertThat(problems.get(0)).isEqualTo("articles/2024-01-20-a-story.yaml:4:1: k0: unknown field (did you mean id?)");
    assertThat(problems.get(100)).isEqualTo(
        "articles/2024-01-20-a-story.yaml:104:1: and 94900 more problems in this file (only the first 100 are listed)");
  }

  @Test
  @org.junit.jupiter.api.Timeout(60) // a guard against a hang, not a speed claim (those live in bench/)
  void ninetyFiveThousandRepeatedTagsAreOneCategoryEach() {
    String yaml = "title: A\npublished: 2024-01-20\ncontent: x\ntags: [" + "t, ".repeat(95_000) + "u]\n";

    Article article = parse(yaml).article().orElseThrow();

    assertThat(article.categories()).containsExactly("t", "u");
  }

  @Test
  void aTitleOf200000CharactersIsAProblemAndNeverPublished() {
    assertThat(problems("title: " + "ж".repeat(200_000) + "\npublished: 2024-01-20\ncontent: x\n")).containsExactly(
        "articles/2024-01-20-a-story.yaml:1:8: title: is 200000 characters long, over the limit of 1000");
  }

  @Test
  void theAliasLimitPointsAtTheAliasThatCrossesIt() {
    StringBuilder yaml = new StringBuilder("title: x\npublished: 2024-01-01\n");
    yaml.append("a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
    for (char c = 'b'; c <= 'f'; c++) {
      char prev = (char) (c - 1);
      yaml.append(c).append(": &").append(c).append(" [").append(("*" + prev + ",").repeat(8)).append("*").append(prev).append("]\n");
    }

    assertThat(problems(yaml.toString())).containsExactly("articles/2024-01-20-a-story.yaml:6:14: not valid YAML: "
        + "Number of aliases for non-scalar nodes exceeds the specified max=20");
  }

  @Test
  void theNestingLimitPointsAtTheNodeThatCrossesIt() {
    StringBuilder yaml = new StringBuilder("title: x\npublished: 2024-01-01\ncontent:\n");
    for (int i = 0; i < 30; i++) {
      yaml.append("  ".repeat(i + 1)).append('k').append(i).append(":\n");
    }

    assertThat(problems(yaml.toString())).containsExactly(
        "articles/2024-01-20-a-story.yaml:23:41: not valid YAML: Nesting Depth exceeded max 20");
    assertThat(problems("title: x\nc: " + "[".repeat(30) + "]".repeat(30) + "\n")).containsExactly(
        "articles/2024-01-20-a-story.yaml:2:23: not valid YAML: Nesting Depth exceeded max 20");
  }

  @Test
  void aTagSnakeYamlRefusesWithoutAYamlErrorIsStillAProblem() {
    assertThat(problems("!!%8")).containsExactly(
        "articles/2024-01-20-a-story.yaml:1:1: not valid YAML: tag must not contain leading or trailing spaces.");
  }

  @Test
  void episodeFieldsAreReadAndDurationsMayBeAClock() {
    Article article = parse("""
        title: Episode 1
        published: 2024-01-20T10:00:00Z
        enclosures: [{url: /e1.mp3, type: audio/mpeg, length: 100}]
        duration: 1:02:03
        episode: 1
        season: 2
        episode_type: bonus
        explicit: true
        transcript: /e1.vtt
        chapters: /e1.json
        content: Show notes.
        """).article().orElseThrow();

    assertThat(article.episode()).isEqualTo(new Episode(3723, 1, 2, "bonus", true,
        URI.create("https://news.example.org/e1.vtt"), URI.create("https://news.example.org/e1.json")));
    assertThat(parse("title: A\npublished: 2024-01-20T10:00:00Z\nduration: \"4:05\"\ncontent: x\n").article().orElseThrow()
        .episode().duration()).isEqualTo(245);
    assertThat(parse("title: A\npublished: 2024-01-20T10:00:00Z\ncontent: x\n").article().orElseThrow().episode()).isEqualTo(Episode.NONE);
  }

  @Test
  void episodeValuesOutsideTheirFormsAreProblems() {
    assertThat(problems("""
        title: A
        published: 2024-01-20T10:00:00Z
        duration: an hour
        episode_type: teaser
        content: x
        """)).containsExactly(
        "articles/2024-01-20-a-story.yaml:3:11: duration: \"an hour\" is not a duration (expected seconds, such as 3723, or 1:02:03)",
        "articles/2024-01-20-a-story.yaml:4:15: episode_type: \"teaser\" is not an episode type (expected full, trailer or bonus)");
  }

  @Test
  void aPodcastsEnclosureInAFormatAppleDoesNotPlayIsAWarning() {
    Publication podcast = PublicationParser.parse(Path.of("articles/_feed.yaml"),
        "title: W\npodcast: {category: News, artwork: /c.jpg, owner: {name: D, email: d@example.org}}\n"
            .getBytes(StandardCharsets.UTF_8), URI.create("https://news.example.org/"), null).publication().orElseThrow();
    ArticleParser.Result result = new ArticleParser(podcast).parse(FILE, """
        title: A
        published: 2024-01-20T10:00:00Z
        enclosures: [{url: /e1.ogg, type: audio/ogg, length: 100}]
        content: x
        """.getBytes(StandardCharsets.UTF_8));

    assertThat(result.article()).isPresent();
    assertThat(result.problems()).map(Problem::toString).containsExactly("articles/2024-01-20-a-story.yaml:3:13: warning:"
        + " enclosures: the first (e1.ogg) is not a format Apple Podcasts plays (mp3, m4a, mp4, m4v, mov, pdf, epub)");
    assertThat(new ArticleParser(PUBLICATION).parse(FILE, """
        title: A
        published: 2024-01-20T10:00:00Z
        enclosures: [{url: /e1.ogg, type: audio/ogg, length: 100}]
        content: x
        """.getBytes(StandardCharsets.UTF_8)).problems()).as("not a podcast: nothing to warn about").isEmpty();
  }
}
