package gazette.article;

/** Removes the characters XML 1.0 forbids (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF). */
final class XmlText {
  private XmlText() {}

  static String clean(String s) {
    if (s == null) {
      return null;
    }
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int width = 1;
      boolean allowed;
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        allowed = true;
        width = 2;
      } else {
        allowed = c == '\t' || c == '\n' || c == '\r'
            || (c >= 0x20 && c <= 0xD7FF)
            || (c >= 0xE000 && c <= 0xFFFD);
      }
      if (allowed) {
        if (out != null) {
          out.append(s, i, i + width);
        }
      } else if (out == null) {
        out = new StringBuilder(s.length()).append(s, 0, i);
      }
      i += width - 1;
    }
    return out == null ? s : out.toString();
  }
}
