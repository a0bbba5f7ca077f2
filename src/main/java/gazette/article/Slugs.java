package gazette.article;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** URL-safe names: lowercase ASCII letters, digits and inner hyphens, accents folded ("Café Olé" → "cafe-ole"). */
public final class Slugs {
  private static final Pattern MARKS = Pattern.compile("\\p{M}");
  private static final Pattern OTHERS = Pattern.compile("[^a-z0-9]+");
  private static final Pattern EDGES = Pattern.compile("^-+|-+$");

  private Slugs() {}

  /** The slug of a name; empty when the name has no letter or digit to keep. */
  public static String of(String name) {
    String folded = MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFKD)).replaceAll("");
    String hyphenated = OTHERS.matcher(folded.toLowerCase(Locale.ROOT)).replaceAll("-");
    return EDGES.matcher(hyphenated).replaceAll("");
  }
}
