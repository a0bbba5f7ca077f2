package gazette.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One input file, read by the articles folder's rules: look before reading, so that a named pipe, a
 * device or a file over the size cap is refused without being opened; follow a symbolic link only when
 * it ends inside the articles folder; never read more than the cap, even from a file that grows while
 * it is read. What a file is never throws: it is a {@link Refusal}, whose message becomes a problem line.
 */
final class InputFile {
  private InputFile() {}

  /** A regular file to read at {@code source} (the file itself, or where its link leads), with its stamp. */
  record Found(FileStamp stamp, Path source) {}

  /** Why a file is not read, phrased for a problem line. */
  static final class Refusal extends Exception {
    Refusal(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Looks at a file without reading it.
   *
   * @param rootReal the real path of the articles folder, which a link must not leave
   * @throws NoSuchFileException when nothing is there any more
   */
  static Found look(Path file, Path rootReal) throws Refusal, NoSuchFileException {
    FileStamp.Seen seen = see(file);
    Path source = file;
    if (seen.kind() == FileStamp.Kind.LINK) {
      Path real;
      try {
        real = file.toRealPath();
      } catch (NoSuchFileException e) {
        throw new Refusal("symbolic link leads nowhere; not read");
      } catch (IOException e) {
        String reason = reason(e);
        throw new Refusal(reason.startsWith("too many levels of symbolic links") ? "symbolic link leads round in a loop; not read"
            : "cannot read file: " + reason);
      }
      if (!real.startsWith(rootReal)) {
        throw new Refusal("symbolic link leads outside the articles folder; not read");
      }
      seen = see(real);
      if (seen.kind() == FileStamp.Kind.FOLDER) {
        throw new Refusal("symbolic link to a folder; not followed");
      }
      source = real;
    }
    if (seen.kind() != FileStamp.Kind.FILE) {
      throw new Refusal("not a regular file: " + seen.kind().shown);
    }
    return new Found(seen.stamp(), source);
  }

  private static FileStamp.Seen see(Path path) throws Refusal, NoSuchFileException {
    try {
      return FileStamp.look(path);
    } catch (NoSuchFileException e) {
      throw e;
    } catch (IOException e) {
      throw new Refusal("cannot read file: " + reason(e));
    }
  }

  /** The bytes of a file found by {@link #look}: at most {@code cap}, or a refusal. */
  static byte[] read(Found found, int cap) throws Refusal, NoSuchFileException {
    if (found.stamp().size() > cap) {
      throw new Refusal(tooBig(found.stamp().size(), cap));
    }
    try (InputStream in = Files.newInputStream(found.source(), LinkOption.NOFOLLOW_LINKS)) {
      byte[] bytes = in.readNBytes(cap + 1);
      if (bytes.length > cap) {
        throw new Refusal("file grew past the limit of " + cap + " bytes while it was read");
      }
      return bytes;
    } catch (NoSuchFileException e) {
      throw e;
    } catch (IOException e) {
      throw new Refusal("cannot read file: " + reason(e));
    }
  }

  static String tooBig(long size, int cap) {
    return "file is " + size + " bytes, over the limit of " + cap;
  }

  /** Why an operation on a file failed, in a few lowercase words and without the path. */
  static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    String reason = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
    if (reason == null || reason.isBlank()) {
      return e instanceof FileSystemException ? "the file system refused" : "input/output error";
    }
    reason = reason.toLowerCase(Locale.ROOT);
    return reason.length() > 80 ? reason.substring(0, 77) + "..." : reason;
  }
}
