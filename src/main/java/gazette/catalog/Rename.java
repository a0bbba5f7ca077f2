package gazette.catalog;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** How Gazette puts a file it has finished writing (or a link) where its readers look. */
public final class Rename {
  private Rename() {}

  /**
   * Replaces {@code target} with {@code finished} in one rename where the file system can, so a reader sees
   * the old file or the new one, never part of one; where it cannot, by a plain move.
   */
  public static void over(Path finished, Path target) throws IOException {
    try {
      Files.move(finished, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(finished, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
