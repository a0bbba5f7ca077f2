package gazette.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.CharBuffer;
import org.junit.jupiter.api.Test;

class ContentTest {
  private static final URI BASE = URI.create("https://news.example.org/");

  private static boolean encodable(String s) {
    try {
      StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT).encode(CharBuffer.wrap(s));
      return true;
    } catch (java.nio.charset.CharacterCodingException e) {
      return false;
    }
  }

  @Test
  void anEmojiAtTheCutIsKeptWholeOrLeftOut() {
    String paragraph = "x".repeat(299) + "😀" + "y".repeat(50); // the emoji's two chars sit at 299 and 300

    String summary = Content.render(paragraph, Content.Format.TEXT, BASE).summary();

    assertThat(summary).isEqualTo("x".repeat(299) + "…");
    assertThat(encodable(summary)).isTrue();
  }

  @Test
  void aFamilyEmojiAFlagAndAnAccentAreNeverSplit() {
    String family = "👨‍👩‍👧‍👦"; // four people joined by zero-width joiners: one grapheme, eleven chars
    String text = "z".repeat(295) + family + "🇦🇿" + "e\u0301" + "w".repeat(40);

    String summary = Content.shorten(text, 300);

    assertThat(summary).isEqualTo("z".repeat(295) + "…");
    assertThat(Content.shorten(text, 306)).isEqualTo("z".repeat(295) + family + "…");
    assertThat(Content.shorten(text, 310)).isEqualTo("z".repeat(295) + family + "🇦🇿" + "…");
  }

  @Test
  void aSpaceInTheLastThirdIsStillWhereTextIsCut() {
    String text = "word ".repeat(70);

    assertThat(Content.shorten(text, 300)).isEqualTo("word ".repeat(59) + "word…");
  }

  @Test
  void srcsetCandidatesAreHttpOnlyLikeEveryOtherUrl() {
    String html = Content.render("<img src=\"/a.png\" srcset=\"javascript:alert(1) 1x, data:image/png;base64,AAAA 2x, "
        + "/b.png 3x, //cdn.example.org/c.png 4x, file:///etc/passwd 5x\" alt=\"a\"><img src=\"/d.png\" "
        + "srcset=\"javascript:alert(2)\">", Content.Format.HTML, BASE).html();

    assertThat(html).isEqualTo("<img src=\"https://news.example.org/a.png\" srcset=\"https://news.example.org/b.png 3x, "
        + "https://cdn.example.org/c.png 4x\" alt=\"a\"><img src=\"https://news.example.org/d.png\">");
  }

  @Test
  void nonAsciiUrlsAreWrittenAsAscii() {
    String html = Content.render("[x](</ünï code?q=é>) ![y](https://bücher.example/é.png)", Content.Format.MARKDOWN, BASE)
        .html();

    assertThat(html).isEqualTo("<p><a href=\"https://news.example.org/%C3%BCn%C3%AF code?q=%C3%A9\">x</a> "
        + "<img src=\"https://xn--bcher-kva.example/%C3%A9.png\" alt=\"y\"></p>");
  }

  @Test
  void aLinkWithAnInternationalHostIsPublishedInAsciiForm() {
    Article article = new ArticleParser(PublicationParser.fallback(BASE)).parse(java.nio.file.Path.of("a.yaml"),
        "title: A\npublished: 2024-01-20\nlink: https://bücher.example/ünï\n".getBytes(StandardCharsets.UTF_8))
        .article().orElseThrow();

    assertThat(article.link()).hasToString("https://xn--bcher-kva.example/%C3%BCn%C3%AF");
  }
}
