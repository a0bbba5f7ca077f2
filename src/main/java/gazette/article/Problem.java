package gazette.article;

import java.nio.file.Path;
import java.util.Comparator;
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

  /** A problem with the file as a whole, reported at its first character. */
  public static Problem ofFile(Path file, String message) {
    return new Problem(file, 1, 1, message);
  }

  @Override
  public int compareTo(Problem other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column + ": " + (warning ? "warning: " : "") + message;
  }
}
