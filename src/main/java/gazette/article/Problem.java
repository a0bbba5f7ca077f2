package gazette.article;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;

/** Something wrong in an input file, at a 1-based line and column. */
public record Problem(Path file, int line, int column, String message) implements Comparable<Problem> {
  private static final Comparator<Problem> ORDER = Comparator.comparing((Problem p) -> p.file().toString())
      .thenComparingInt(Problem::line)
      .thenComparingInt(Problem::column)
      .thenComparing(Problem::message);

  public Problem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
    }
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
    return file + ":" + line + ":" + column + ": " + message;
  }
}
