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
}
