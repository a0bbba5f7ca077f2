package gazette.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class WordsTest {
  private static Properties bundle(String name) throws IOException {
    try (InputStream in = WordsTest.class.getResourceAsStream("/gazette/render/" + name + ".properties")) {
      assertThat(in).as(name).isNotNull();
      Properties p = new Properties();
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      return p;
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"az", "ru", "tr", "ar"})
  void everyTranslationHasEveryKeyAndKeepsItsPlaceholders(String language) throws IOException {
    Properties english = bundle("messages");
    Properties translation = bundle("messages_" + language);

    assertThat(translation.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
    for (String key : english.stringPropertyNames()) {
      for (String placeholder : new String[] {"{name}", "{format}", "{type}", "{size}", "{date}"}) {
        assertThat(translation.getProperty(key).contains(placeholder)).as(language + " " + key + " " + placeholder)
            .isEqualTo(english.getProperty(key).contains(placeholder));
      }
    }
  }

  @Test
  void aLanguageWithoutItsOwnWordsGetsEnglishWhateverTheMachineSpeaks() {
    Locale before = Locale.getDefault();
    Locale.setDefault(Locale.forLanguageTag("ru"));
    try {
      Words german = Words.of("de");

      assertThat(german.text("footer.subscribe")).isEqualTo("Subscribe in your feed reader:");
      assertThat(german.date(java.time.ZonedDateTime.parse("2026-11-25T10:00:00+04:00[Asia/Baku]")))
          .isEqualTo("25. November 2026");
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void aRegionalTagFindsItsLanguagesWords() {
    assertThat(Words.of("az-AZ").text("nav.categories")).isEqualTo("Kateqoriyalar");
    assertThat(Words.of("az-Latn-AZ").direction()).isEqualTo("ltr");
    assertThat(Words.of("ur-PK").direction()).isEqualTo("rtl");
    assertThat(Words.of("he").direction()).isEqualTo("rtl");
  }
}
