package gazette.cli;

import java.util.regex.Pattern;

/** Inserts an {@code id:} line into an article's YAML text, keeping every other byte as it was. */
final class Pinning {
  private static final Pattern KEY_LINE = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*\\s*:(\\s.*)?");

  private Pinning() {}

  /** Why a file cannot get its id written by this command. */
  static final class CannotPin extends Exception {
    CannotPin(String why) {
      super(why, null, false, false);
    }
  }

  /**
   * The text with {@code id: "..."} as a line of its own before the first field, after any leading
   * byte order mark, comments, blank lines and document marker, in the file's own line ending.
   */
  static String withId(String text, String id) throws CannotPin {
    String newline = text.contains("\r\n") ? "\r\n" : "\n";
    int at = text.startsWith("\uFEFF") ? 1 : 0;
    while (at < text.length()) {
      int end = text.indexOf('\n', at);
      String line = (end < 0 ? text.substring(at) : text.substring(at, end)).replace("\r", "");
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.equals("---") || trimmed.startsWith("%")) {
        if (end < 0) {
          break;
        }
        at = end + 1;
        continue;
      }
      if (!KEY_LINE.matcher(line).matches()) {
        throw new CannotPin("its fields are not one per line at the left margin");
      }
      return text.substring(0, at) + "id: " + quoted(id) + newline + text.substring(at);
    }
    throw new CannotPin("it has no fields");
  }

  private static String quoted(String id) {
    return "\"" + id.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
