package gazette.article;

import java.nio.file.Path;

/** A 1-based line and column in an input file, kept so later checks can point at a field. */
public record Position(int line, int column) {
  public static final Position START = new Position(1, 1);

  public Problem problem(Path file, String message) {
    return new Problem(file, line, column, message);
  }
}
