package gazette.catalog;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * What a folder of articles holds, by one rule applied the same way at start and on every change:
 * folders are entered unless hidden or {@code _}-prefixed; every article-named entry that is not a
 * folder is a file to look at ({@link InputFile} then refuses pipes, devices and links that leave the
 * articles folder); a symbolic link to a folder is never followed, and is reported; a folder that
 * cannot be listed is reported, and what was known under it stays as it was.
 */
final class FolderScan {
  private FolderScan() {}

  /**
   * @param files the paths to look at, sorted
   * @param links those of them that are symbolic links (their targets may change without an event for them)
   * @param refused paths that are not read, each with the problem to report
   * @param unlisted folders that could not be listed
   * @param stamps the stamp of each file as the scan saw it (of the link itself, for a link)
   */
  record Result(List<Path> files, Set<Path> links, Map<Path, String> refused, Set<Path> unlisted,
      Map<Path, FileStamp> stamps) {
    /** Whether a path lies under a folder that could not be listed, so what is known of it must be kept. */
    boolean hidden(Path path) {
      for (Path folder : unlisted) {
        if (path.startsWith(folder) && !path.equals(folder)) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * Entries of one folder from this many on are looked at ({@code lstat}) on every core: at 100,000 files
   * the look is most of a restart that serves the snapshot.
   */
  static final int PARALLEL_FROM = 512;

  /** Scans {@code start}: the articles folder {@code root} itself, or a folder under it; the files sorted. */
  static Result of(Path root, Path start) {
    List<Path> files = new ArrayList<>();
    Set<Path> links = new HashSet<>();
    Map<Path, String> refused = new LinkedHashMap<>();
    Set<Path> unlisted = new HashSet<>();
    Map<Path, FileStamp> stamps = new java.util.HashMap<>();
    Deque<Path> folders = new ArrayDeque<>();
    folders.push(start);
    while (!folders.isEmpty()) {
      Path folder = folders.pop();
      List<Path> entries = new ArrayList<>();
      try (DirectoryStream<Path> listing = Files.newDirectoryStream(folder)) {
        listing.forEach(entries::add);
      } catch (NoSuchFileException e) {
        continue; // the folder went away while it was being read: a later event or rescan says what replaced it
      } catch (IOException | DirectoryIteratorException e) {
        IOException cause = e instanceof DirectoryIteratorException d ? d.getCause() : (IOException) e;
        refused.put(folder, "cannot read folder: " + InputFile.reason(cause));
        unlisted.add(folder);
        continue;
      }
      Object[] looks = look(entries);
      for (int i = 0; i < looks.length; i++) {
        Path entry = entries.get(i);
        Path relative = root.relativize(entry);
        FileStamp.Kind kind;
        FileStamp stamp;
        if (looks[i] instanceof FileStamp.Seen seen) {
          kind = seen.kind();
          stamp = seen.stamp();
        } else if (looks[i] instanceof NoSuchFileException) {
          continue; // deleted while the folder was listed
        } else {
          if (CatalogLoader.isArticle(relative)) {
            refused.put(entry, "cannot read file: " + InputFile.reason((IOException) looks[i]));
          }
          continue;
        }
        if (kind == FileStamp.Kind.FOLDER) {
          if (CatalogLoader.isArticleFolder(relative)) {
            folders.push(entry);
          }
        } else if (CatalogLoader.isArticle(relative)) {
          files.add(entry);
          stamps.put(entry, stamp);
          if (kind == FileStamp.Kind.LINK) {
            links.add(entry);
          }
        } else if (kind == FileStamp.Kind.LINK && CatalogLoader.isArticleFolder(relative) && Files.isDirectory(entry)) {
          refused.put(entry, "symbolic link to a folder; not followed");
        }
      }
    }
    files.sort(null);
    return new Result(files, links, refused, unlisted, stamps);
  }

  /** One {@link FileStamp#look} of each entry, in order: its {@link FileStamp.Seen}, or the {@link IOException} it met. */
  private static Object[] look(List<Path> entries) {
    Object[] looks = new Object[entries.size()];
    IntStream range = IntStream.range(0, looks.length);
    (looks.length >= PARALLEL_FROM ? range.parallel() : range).forEach(i -> {
      try {
        looks[i] = FileStamp.look(entries.get(i));
      } catch (IOException e) {
        looks[i] = e;
      }
    });
    return looks;
  }
}
