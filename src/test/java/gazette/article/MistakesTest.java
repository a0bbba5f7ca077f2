package gazette.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The YAML mistakes writers make most, each said in a writer's words with what to write instead. */
class MistakesTest {
  private static final Path FILE = Path.of("articles/2024-01-20-a-story.yaml");
  private static final Path FEED = Path.of("articles/_feed.yaml");
  private static final Publication PUBLICATION = PublicationParser.fallback(URI.create("https://news.example.org/"));

  private static ArticleParser.Result parse(String yaml) {
    return new ArticleParser(PUBLICATION).parse(FILE, yaml.getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> problems(String yaml) {
    return parse(yaml).problems().stream().map(Problem::toString).toList();
  }

  private static List<String> feedProblems(String yaml) {
    return PublicationParser.parse(FEED, yaml.getBytes(StandardCharsets.UTF_8), null,
        URI.create("https://news.example.org/")).problems().stream().map(Problem::toString).toList();
  }

  @Test
  void aColonInAnUnquotedValueSaysToQuoteIt() {
    assertThat(problems("title: D: the colon problem\npublished: 2024-01-20\ncontent: x\n")).containsExactly(
        "articles/2024-01-20-a-story.yaml:1:9: title: the value has \": \" in it, which YAML takes for the start of"
            + " another field; put the value in quotes: title: \"D: the colon problem\"");
  }

  @Test
  void aColonLaterInAValueNamesThatValue() {
    assertThat(problems("title: A\npublished: 2024-01-20\ncontent: He said \"no\": that was all\n")).containsExactly(
        "articles/2024-01-20-a-story.yaml:3:22: content: the value has \": \" in it, which YAML takes for the start"
            + " of another field; put the value in quotes: content: \"He said \\\"no\\\": that was all\"");
  }

  @Test
  void unindentedTextUnderContentSaysToIndentIt() {
    assertThat(problems("title: A\npublished: 2024-01-20\ncontent: |\n  First line.\nSecond line, not indented.\n"))
        .containsExactly("articles/2024-01-20-a-story.yaml:5:1: this line is not indented, so the text of"
            + " content: | (line 3) stops above it and YAML reads it as a field; indent every line of the text by two"
            + " spaces");
  }

  @Test
  void unindentedTextWithAColonUnderContentSaysToIndentIt() {
    assertThat(problems("title: A\npublished: 2024-01-20\ncontent: |\n  First line.\nThe plan: a: b\n"))
        .containsExactly("articles/2024-01-20-a-story.yaml:5:1: this line is not indented, so the text of"
            + " content: | (line 3) stops above it and YAML reads it as a field; indent every line of the text by two"
            + " spaces");
  }

  @Test
  void aLineStartingNoteBelowContentIsTakenForTextNotJustAnUnknownField() {
    assertThat(problems("title: A\npublished: 2024-01-20\ncontent: |\n  First line.\nNote: the road is closed\n"))
        .containsExactly("articles/2024-01-20-a-story.yaml:5:1: Note: unknown field; if this line belongs to the"
            + " text of content above, indent it by two spaces like that text (as written, the text of content stops"
            + " above this line)");
  }

  @Test
  void aStrayLineWithoutBlockTextSaysItIsNotAField() {
    assertThat(problems("title: A\npublished: 2024-01-20\ncontent: x\nand then more\n")).containsExactly(
        "articles/2024-01-20-a-story.yaml:4:1: this line is not a field (name: value); if it continues the value"
            + " above, indent it by two spaces, or put the whole value in quotes");
  }

  @Test
  void aTabSaysToUseSpaces() {
    assertThat(problems("title: A\npublished: 2024-01-20\ncontent:\n\tx\n")).containsExactly(
        "articles/2024-01-20-a-story.yaml:4:1: a tab character: YAML allows only spaces for indentation and after a"
            + " colon; replace the tab with spaces");
    assertThat(problems("title:\tA\npublished: 2024-01-20\ncontent: x\n")).containsExactly(
        "articles/2024-01-20-a-story.yaml:1:7: a tab character: YAML allows only spaces for indentation and after a"
            + " colon; replace the tab with spaces");
  }

  @Test
  void aSecondDocumentSaysWhereTheTextGoes() {
    assertThat(problems("---\ntitle: A\npublished: 2024-01-20\n---\nHello world.\n")).containsExactly(
        "articles/2024-01-20-a-story.yaml:4:1: a second \"---\" starts another YAML document, but a file holds one"
            + " mapping of fields: delete this line, and put the text below it under content: | with every line"
            + " indented by two spaces");
    assertThat(feedProblems("title: Daily\n---\ntitle: Other\n")).containsExactly(
        "articles/_feed.yaml:2:1: a second \"---\" starts another YAML document, but a file holds one mapping of"
            + " fields: delete this line");
  }

  @Test
  void quotesThatStopBeforeTheValueDoesSayToQuoteTheWhole() {
    assertThat(problems("title: \"Yes\" he said\npublished: 2024-01-20\ncontent: x\n")).containsExactly(
        "articles/2024-01-20-a-story.yaml:1:14: title: the value goes on after its closing quote; quote the whole"
            + " value: title: '\"Yes\" he said'");
  }

  @Test
  void hugoAndJekyllFieldNamesAreNamedInGazettesWords() {
    assertThat(problems("""
        title: A
        date: 2024-01-20
        lastmod: 2024-01-21
        description: Short.
        category: News
        featured_image: /a.jpg
        layout: post
        content: x
        """)).containsExactly(
        "articles/2024-01-20-a-story.yaml:1:1: published: required field is missing",
        "articles/2024-01-20-a-story.yaml:2:1: date: unknown field (did you mean published?)",
        "articles/2024-01-20-a-story.yaml:3:1: lastmod: unknown field (did you mean updated?)",
        "articles/2024-01-20-a-story.yaml:4:1: description: unknown field (did you mean summary?)",
        "articles/2024-01-20-a-story.yaml:5:1: category: unknown field (did you mean categories?)",
        "articles/2024-01-20-a-story.yaml:6:1: featured_image: unknown field (did you mean image?)",
        "articles/2024-01-20-a-story.yaml:7:1: layout: unknown field (a page setting of Hugo or Jekyll, which Gazette"
            + " does not use: remove it, or keep it under extra:)");
  }

  @Test
  void aPublicationsForeignNamesAreNamedToo() {
    assertThat(feedProblems("name: Daily\nbaseURL: https://news.example.org/\n")).containsExactly(
        "articles/_feed.yaml:1:1: name: unknown field (did you mean title?)",
        "articles/_feed.yaml:1:1: title: required field is missing",
        "articles/_feed.yaml:2:1: baseURL: unknown field (did you mean base_url?)");
  }

  @Test
  void jekyllsPublishedFalseSaysToWriteDraft() {
    assertThat(problems("title: A\npublished: false\ncontent: x\n")).containsExactly(
        "articles/2024-01-20-a-story.yaml:2:12: published: \"false\" is not a date; to keep an article unpublished"
            + " (Jekyll's published: false), write draft: true, and give published its date");
  }

  @Test
  void categoriesWrittenWithCommasAreAWarningThatShowsTheList() {
    ArticleParser.Result result = parse("title: A\npublished: 2024-01-20\ntags: news, sport\ncontent: x\n");
    assertThat(result.problems().stream().map(Problem::toString)).containsExactly(
        "articles/2024-01-20-a-story.yaml:3:7: warning: tags: \"news, sport\" is one category with a comma in its"
            + " name; for several, write a list: tags: [news, sport]");
    assertThat(result.article().orElseThrow().categories()).containsExactly("news, sport");
  }

  @Test
  void extraKeepsTheWritersOwnDataInOrder() {
    ArticleParser.Result result = parse("""
        title: A
        published: 2024-01-20
        content: x
        extra:
          rating: 5
          series: {name: Roads, part: 2}
          places: [Baku, Ganja]
          empty:
        """);
    assertThat(result.problems()).isEmpty();
    Map<String, Object> extra = result.article().orElseThrow().extra();
    assertThat(extra).containsExactly(Map.entry("rating", "5"), Map.entry("series", Map.of("name", "Roads", "part", "2")),
        Map.entry("places", List.of("Baku", "Ganja")), Map.entry("empty", ""));
    assertThat(parse("title: A\npublished: 2024-01-20\ncontent: x\n").article().orElseThrow().extra()).isEmpty();
  }

  @Test
  void extraMustBeAMapping() {
    assertThat(problems("title: A\npublished: 2024-01-20\ncontent: x\nextra: [a, b]\n")).containsExactly(
        "articles/2024-01-20-a-story.yaml:4:8: extra: expected a mapping of your own fields (such as"
            + " extra: {rating: 5}), found a list");
    assertThat(problems("title: A\npublished: 2024-01-20\ncontent: x\nextra:\n  a: 1\n  a: 2\n")).containsExactly(
        "articles/2024-01-20-a-story.yaml:6:3: extra.a: appears twice");
  }

  @Test
  void thePublicationHasExtraToo() {
    Publication p = PublicationParser.parse(FEED, "title: Daily\nextra:\n  motto: News first\n".getBytes(
        StandardCharsets.UTF_8), null, URI.create("https://news.example.org/")).publication().orElseThrow();
    assertThat(p.extra()).containsExactly(Map.entry("motto", "News first"));
  }

  @Test
  void aliasesAreOldPathsOrUrlsAndEachBadOneIsNamed() {
    ArticleParser.Result result = parse("""
        title: A
        published: 2024-01-20
        content: x
        aliases: [/posts/a/, "https://old.example.org/2024/01/a.html", /posts/a/]
        """);
    assertThat(result.problems()).isEmpty();
    assertThat(result.article().orElseThrow().aliases()).containsExactly("/posts/a/", "/2024/01/a.html");
    assertThat(problems("""
        title: A
        published: 2024-01-20
        content: x
        aliases: [posts/a, "/?p=12", "mailto:a@example.org", /]
        """)).containsExactly(
        "articles/2024-01-20-a-story.yaml:4:11: aliases: \"posts/a\" is not a path (/posts/a-story/) or an http(s) URL",
        "articles/2024-01-20-a-story.yaml:4:20: aliases: \"/?p=12\" has a query or fragment, which a redirect by path"
            + " cannot tell apart; give the path alone",
        "articles/2024-01-20-a-story.yaml:4:30: aliases: \"mailto:a@example.org\" is not a path (/posts/a-story/) or an"
            + " http(s) URL",
        "articles/2024-01-20-a-story.yaml:4:54: aliases: \"/\" is the home page");
  }
}
