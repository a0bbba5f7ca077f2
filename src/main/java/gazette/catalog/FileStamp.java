package gazette.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What {@code stat} says about a file, as git's index keeps it: size, modification time, status-change
 * time and inode. Editing, replacing or renaming over a file changes at least one of them; the change
 * time cannot be set back by tools that preserve modification times. Where the file system has no
 * Unix attributes, the change time is the modification time and the inode is -1.
 */
public record FileStamp(long size, Instant modified, Instant changed, long inode) {
  /**
   * Writes within this long of reading a stamp may leave it unchanged (coarse file-system clocks),
   * so such a stamp does not prove the bytes are the same.
   */
  public static final Duration RACY = Duration.ofSeconds(2);

  private static volatile boolean unix = true;

  /** What is at a path itself: a symbolic link is reported as one, not followed. */
  enum Kind {
    FILE("a regular file"), FOLDER("a folder"), LINK("a symbolic link"), PIPE("a named pipe"), DEVICE("a device"),
    SOCKET("a socket"), OTHER("not a regular file");

    /** How a message names it. */
    final String shown;

    Kind(String shown) {
      this.shown = shown;
    }

    /** The kind in the type bits of a {@code st_mode}. */
    static Kind ofMode(int mode) {
      return switch (mode & 0170000) {
        case 0100000 -> FILE;
        case 0040000 -> FOLDER;
        case 0120000 -> LINK;
        case 0010000 -> PIPE;
        case 0020000, 0060000 -> DEVICE;
        case 0140000 -> SOCKET;
        default -> OTHER;
      };
    }
  }

  /** A stamp and what kind of thing it stamps, from one {@code lstat}. */
  record Seen(FileStamp stamp, Kind kind) {}

  /** One {@code lstat} of a path (a symbolic link is not followed): its stamp and its kind. */
  static Seen look(Path path) throws IOException {
    if (unix) {
      try {
        Map<String, Object> a = Files.readAttributes(path, "unix:size,lastModifiedTime,ctime,ino,mode",
            LinkOption.NOFOLLOW_LINKS);
        return new Seen(new FileStamp((Long) a.get("size"), ((FileTime) a.get("lastModifiedTime")).toInstant(),
            ((FileTime) a.get("ctime")).toInstant(), (Long) a.get("ino")), Kind.ofMode((Integer) a.get("mode")));
      } catch (UnsupportedOperationException | IllegalArgumentException e) {
        unix = false;
      }
    }
    BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    Instant modified = a.lastModifiedTime().toInstant();
    Kind kind = a.isRegularFile() ? Kind.FILE : a.isDirectory() ? Kind.FOLDER : a.isSymbolicLink() ? Kind.LINK : Kind.OTHER;
    return new Seen(new FileStamp(a.size(), modified, modified, -1), kind);
  }

  static FileStamp of(Path file) throws IOException {
    if (unix) {
      try {
        Map<String, Object> a = Files.readAttributes(file, "unix:size,lastModifiedTime,ctime,ino");
        return new FileStamp((Long) a.get("size"), ((FileTime) a.get("lastModifiedTime")).toInstant(),
            ((FileTime) a.get("ctime")).toInstant(), (Long) a.get("ino"));
      } catch (UnsupportedOperationException | IllegalArgumentException e) {
        unix = false;
      }
    }
    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
    Instant modified = a.lastModifiedTime().toInstant();
    return new FileStamp(a.size(), modified, modified, -1);
  }

  /**
   * Field by field, as a record's equals would be, but written out: a restart compares 100,000 stamps while
   * the JIT is still cold, and the generated equals (an {@code invokedynamic} per call until compiled) was
   * an eighth of that walk.
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof FileStamp that && size == that.size && inode == that.inode
        && modified.equals(that.modified) && changed.equals(that.changed);
  }

  @Override
  public int hashCode() {
    return (Long.hashCode(size) * 31 + modified.hashCode()) * 31 + changed.hashCode() + Long.hashCode(inode);
  }

  /**
   * Whether a file with this stamp now is the file that had {@code seen} at {@code seenAt}: equal
   * stamps, both times older than {@code racy} before the stamp was read.
   */
  public boolean sameAs(FileStamp seen, Instant seenAt, Duration racy) {
    Instant trustedBefore = seenAt.minus(racy);
    return equals(seen) && modified.isBefore(trustedBefore) && changed.isBefore(trustedBefore);
  }
}
