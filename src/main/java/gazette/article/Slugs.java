package gazette.article;

import java.text.Normalizer;
import java.util.Locale;

/** URL-safe names: lowercase ASCII letters, digits and inner hyphens, accents folded ("Café Olé" → "cafe-ole"). */
public final class Slugs {
  private Slugs() {}

  /** The slug of a name; empty when the name has no letter or digit to keep. */
  public static String of(String name) {
    return Normalizer.normalize(name, Normalizer.Form.NFKD)
        .replaceAll("\\p{M}", "")
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9]+", "-")
        .replaceAll("^-+|-+$", "");
  }
}
