package gazette.article;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Something wrong in an input file, at a 1-based line and column. A warning does not keep the file from
 * being published: it says what would go wrong later, or elsewhere.
 */
public record Problem(Path file, int line, int column, String message, boolean warning) implements Comparable<Problem> {
  private static final Comparator<Problem> ORDER = Comparator.comparing((Problem p) -> p.file().toString())
      .thenComparingInt(Problem::line)
      .thenComparingInt(Problem::column)
      .thenComparing(Problem::message);

  public Problem(Path file, int line, int column, String message) {
    this(file, line, column, message, false);
  }

  public Problem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
    }
  }

  public static Problem warning(Path file, int line, int column, String message) {
    return new Problem(file, line, column, message, true);
  }

  /** The most problems listed for one file; beyond them, one line says how many more there are. */
  public static final int MAX_PER_FILE = 100;

  /**
   * One file's problems, sorted, cut to the first {@value #MAX_PER_FILE} and a line counting the rest
   * (placed where the first of them is), so that a file with 95,000 unknown keys costs a reload 101 lines.
   */
  public static List<Problem> capped(List<Problem> sorted) {
    if (sorted.size() <= MAX_PER_FILE) {
      return sorted;
    }
    Problem next = sorted.get(MAX_PER_FILE);
    List<Problem> out = new ArrayList<>(sorted.subList(0, MAX_PER_FILE));
    int more = sorted.size() - MAX_PER_FILE;
    out.add(new Problem(next.file(), next.line(), next.column(),
        "and " + more + " more " + (more == 1 ? "problem" : "problems") + " in this file (only the first " + MAX_PER_FILE + " are listed)"));
    return List.copyOf(out);
  }

  /**
   * This problem as the public may see it: the file relative to the articles folder ({@code .} for the
   * folder itself), and the folder's path removed from the message, so no server path is shown.
   */
  public Problem relativeTo(Path folder) {
    if (folder == null) {
      return this;
    }
    Path shown = file.startsWith(folder) ? folder.relativize(file) : file.getFileName();
    if (shown == null || shown.toString().isEmpty()) {
      shown = Path.of(".");
    }
    String prefix = folder.toString().isEmpty() ? null : folder + folder.getFileSystem().getSeparator();
    return new Problem(shown, line, column, prefix == null ? message : message.replace(prefix, ""), warning);
  }

  /** A value as a message quotes it: in double quotes, cut to 60 characters, quotes and newlines escaped. */
  public static String quote(String s) {
    int cut = Character.isHighSurrogate(s.length() > 60 ? s.charAt(56) : 'x') ? 56 : 57; // never half an emoji
    String shown = s.length() > 60 ? s.substring(0, cut) + "..." : s;
    return "\"" + shown.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  /** A problem with the file as a whole, reported at its first character. */
  public static Problem ofFile(Path file, String message) {
    return new Problem(file, 1, 1, message);
  }

  @Override
  public int compareTo(Problem other) {
    return ORDER.compare(this, other);
  }

  /**
   * Text made safe for a terminal or a log line: control characters (a newline that would fake another
   * line, an ESC that starts a terminal sequence), line separators and the invisible marks that reorder
   * text (bidi controls) are shown as escapes such as {@code \n} or {@code \x1b} (and U+202E as backslash, u, 202e).
   */
  public static String escape(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String escaped = switch (c) {
        case '\n' -> "\\n";
        case '\r' -> "\\r";
        case '\t' -> "\\t";
        default -> c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c)
            : (c >= 0x80 && c <= 0x9f) || c == 0x061c || c == 0x200e || c == 0x200f || c == 0x2028 || c == 0x2029
                || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
                ? String.format("\\u%04x", (int) c) : null;
      };
      if (escaped != null && out == null) {
        out = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      if (out != null) {
        if (escaped != null) {
          out.append(escaped);
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? s : out.toString();
  }

  /** {@code file:line:column: message}, with control characters escaped (see {@link #escape}): safe to print. */
  @Override
  public String toString() {
    return escape(file.toString()) + ":" + line + ":" + column + ": " + (warning ? "warning: " : "") + escape(message);
  }
}
