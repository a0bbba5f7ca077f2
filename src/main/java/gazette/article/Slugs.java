package gazette.article;

import com.ibm.icu.text.Transliterator;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * URL-safe names: lowercase ASCII letters, digits and inner hyphens. Latin accents are folded
 * ("Café Olé" → "cafe-ole") and other scripts transliterated with ICU ("Ədəbiyyat" → "edebiyyat",
 * "Новости" → "novosti", "体育" → "ti-yu"), so that every name that has a letter gets a URL.
 */
public final class Slugs {
  private static final Pattern MARKS = Pattern.compile("\\p{M}");
  private static final Pattern OTHERS = Pattern.compile("[^a-z0-9]+");
  private static final Pattern EDGES = Pattern.compile("^-+|-+$");
  /**
   * Any script to Latin, then the schwa of Azerbaijani (which Latin-ASCII leaves alone), then Latin to
   * ASCII. Loading ICU's data takes a fraction of a second, so it happens only when a name is not
   * plain ASCII; an instance is not safe to share between threads.
   */
  private static final ThreadLocal<Transliterator> TO_ASCII = ThreadLocal.withInitial(() ->
      Transliterator.createFromRules("gazette-slugs", ":: Any-Latin; ə > e; Ə > E; :: Latin-ASCII;",
          Transliterator.FORWARD));

  private Slugs() {}

  /** The slug of a name; empty when the name has no letter or digit to keep. */
  public static String of(String name) {
    String ascii = isAscii(name) ? name : TO_ASCII.get().transliterate(name);
    String folded = MARKS.matcher(Normalizer.normalize(ascii, Normalizer.Form.NFKD)).replaceAll("");
    String hyphenated = OTHERS.matcher(folded.toLowerCase(Locale.ROOT)).replaceAll("-");
    return EDGES.matcher(hyphenated).replaceAll("");
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }
}
