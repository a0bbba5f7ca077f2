package gazette.render;

import gg.jte.Content;
import java.text.NumberFormat;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.Set;

/**
 * The words of the HTML pages in one language: texts from the message bundles
 * ({@code gazette/render/messages_*.properties}, UTF-8), dates and numbers in that language's locale, and
 * its writing direction. A language without a bundle gets the English texts (the base bundle) but still
 * its own dates: the machine's default locale never takes part.
 */
public final class Words {
  static final String BUNDLE = "gazette.render.messages";
  private static final ResourceBundle.Control NO_DEFAULT_LOCALE =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
  /** Scripts written right to left, for a tag that names its script ({@code az-Arab}). */
  private static final Set<String> RTL_SCRIPTS = Set.of("Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg");
  /** Languages written right to left when the tag names no script. */
  private static final Set<String> RTL_LANGUAGES = Set.of("ar", "he", "iw", "fa", "ur", "ps", "yi", "ji", "dv",
      "ckb", "sd", "ug");

  private final String language;
  private final Locale locale;
  private final ResourceBundle bundle;
  private final DateTimeFormatter date;

  private Words(String language) {
    this.language = language;
    this.locale = Locale.forLanguageTag(language);
    this.bundle = ResourceBundle.getBundle(BUNDLE, locale, Words.class.getClassLoader(), NO_DEFAULT_LOCALE);
    this.date = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
  }

  /** The words of a BCP 47 language tag such as {@code az}, {@code pt-BR} or {@code az-Arab}. */
  public static Words of(String language) {
    return new Words(language);
  }

  /** The language tag these words were asked for, as {@code <html lang>} carries it. */
  public String language() {
    return language;
  }

  /** {@code rtl} for a language written right to left, {@code ltr} otherwise ({@code <html dir>}). */
  public String direction() {
    String script = locale.getScript();
    boolean rtl = script.isEmpty() ? RTL_LANGUAGES.contains(locale.getLanguage()) : RTL_SCRIPTS.contains(script);
    return rtl ? "rtl" : "ltr";
  }

  /** The text of {@code key}. */
  public String text(String key) {
    return bundle.getString(key);
  }

  /**
   * The text of {@code key} with each {@code {name}} replaced by the value after that name, e.g.
   * {@code text("feed.title", "name", title, "format", "RSS")}.
   */
  public String text(String key, String... namesAndValues) {
    String out = text(key);
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      out = out.replace("{" + namesAndValues[i] + "}", namesAndValues[i + 1]);
    }
    return out;
  }

  /**
   * The text of {@code key} for a page, with {@code {name}} replaced by {@code value} in bold
   * ({@code <strong>}); the text and the value are both escaped.
   */
  public Content strong(String key, String name, String value) {
    String text = text(key);
    String placeholder = "{" + name + "}";
    return output -> {
      int at = text.indexOf(placeholder);
      if (at < 0) {
        output.writeUserContent(text);
        return;
      }
      output.writeUserContent(text.substring(0, at));
      output.writeContent("<strong>");
      output.writeUserContent(value);
      output.writeContent("</strong>");
      output.writeUserContent(text.substring(at + placeholder.length()));
    };
  }

  /** A day and time as this language writes them: {@code 25 noyabr 2026 10:00}. */
  public String dateTime(ZonedDateTime time) {
    return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT).withLocale(locale).format(time);
  }

  /** A day as this language writes it in full: {@code 25 noyabr 2026}, {@code November 25, 2026}. */
  public String date(ZonedDateTime time) {
    return date.format(time);
  }

  /**
   * A month's name as this language writes it standing alone, as in a list of a year's months:
   * {@code November}, {@code ноябрь}, {@code noyabr} (java.time's CLDR data).
   */
  public String month(YearMonth month) {
    return month.getMonth().getDisplayName(TextStyle.FULL_STANDALONE, locale);
  }

  /** A month and its year as a heading: the month's name standing alone, then the year ({@code ноябрь 2026}). */
  public String monthOfYear(YearMonth month) {
    return month(month) + " " + month.getYear();
  }

  /**
   * A whole number grouped as this language groups it: {@code 1,234}, {@code 1 234}, {@code 1.234}; in the
   * digits the dates use (java.time writes {@code 0-9} for every locale), unless the tag asks for other
   * digits ({@code ar-u-nu-arab}).
   */
  public String number(long value) {
    Locale digits = locale.getUnicodeLocaleType("nu") != null ? locale
        : new Locale.Builder().setLocale(locale).setUnicodeLocaleKeyword("nu", "latn").build();
    return NumberFormat.getIntegerInstance(digits).format(value);
  }

  /** Names joined the way this language lists them ({@code Ann, Bob}; Arabic {@code Ann، Bob}). */
  public String list(List<String> names) {
    return String.join(text("list.separator"), names);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Words other && other.language.equals(language);
  }

  @Override
  public int hashCode() {
    return Objects.hash(language);
  }

  @Override
  public String toString() {
    return language;
  }
}
