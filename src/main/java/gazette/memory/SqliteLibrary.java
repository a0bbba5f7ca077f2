package gazette.memory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQLite's native library, kept in Gazette's cache folder rather than written out for every process.
 *
 * <p>Left to itself, the SQLite driver copies its library out of the jar into the temporary folder each time
 * a process first opens a database: a fresh random name (seeding a secure random generator), 1.7 MB written,
 * an MD5 of both copies. That took about 150 ms of every start on this project's machine (190 ms against
 * 40 ms, six runs each), on the path of a restart that serves the snapshot, and a process killed before its
 * exit hooks leaves the copy behind. Here the copy is made once, in {@code sqlite/} under the folder that
 * {@link #keepIn} names, and the driver is pointed at it ({@code org.sqlite.lib.path}); every later process
 * compares it with the jar's bytes before using it, and writes it again if they differ.
 *
 * <p>The copy is native code that this process loads, so it is used only from a folder this user owns and
 * that no one else can write to, as a cache folder is; anywhere else, or on a file system without POSIX
 * permissions, or when anything fails, the driver does as it always did. A library path given on the
 * command line ({@code -Dorg.sqlite.lib.path}) is left alone.
 */
public final class SqliteLibrary {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteLibrary.class);
  static final String PATH_PROPERTY = "org.sqlite.lib.path";
  static final String NAME_PROPERTY = "org.sqlite.lib.name";
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

  private static Path folder;
  private static boolean prepared;

  private SqliteLibrary() {}

  /** Keeps the library under {@code cacheFolder} from the first database this process opens on. */
  public static synchronized void keepIn(Path cacheFolder) {
    if (!prepared && folder == null) {
      folder = cacheFolder;
    }
  }

  /** Before a database opens: points the driver at the kept copy, made or mended first. Once per process. */
  static synchronized void prepare() {
    if (prepared) {
      return;
    }
    prepared = true;
    if (folder == null || System.getProperty(PATH_PROPERTY) != null) {
      return;
    }
    try {
      // Where the driver looks in its jar for this platform (Linux, Linux-Musl, Mac, ... and the architecture).
      String name = org.sqlite.util.LibraryLoaderUtil.getNativeLibName();
      String resource = org.sqlite.util.LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name;
      byte[] bytes;
      try (InputStream in = org.sqlite.util.LibraryLoaderUtil.class.getResourceAsStream(resource)) {
        if (in == null) {
          return; // no library in the jar for this platform: the driver's own search decides
        }
        bytes = in.readAllBytes();
      }
      Optional<Path> kept = kept(folder.resolve("sqlite"), name, bytes);
      if (kept.isPresent()) {
        System.setProperty(PATH_PROPERTY, kept.get().getParent().toString());
        System.setProperty(NAME_PROPERTY, name);
      }
    } catch (IOException | RuntimeException | LinkageError e) {
      LOG.debug("not keeping SQLite's library in {}: {}", folder, e.toString());
    }
  }

  /**
   * The file under {@code root} that holds {@code bytes} as {@code name}: the one there when it holds them
   * already, else written now (into a new file, then renamed over). Empty when {@code root} is not a folder
   * of this user's that only this user can write to. Copies of other libraries under it are removed.
   */
  static Optional<Path> kept(Path root, String name, byte[] bytes) throws IOException {
    if (!ownedAndPrivate(root.getParent(), false) || !ownedAndPrivate(root, true)) {
      return Optional.empty();
    }
    CRC32 crc = new CRC32();
    crc.update(bytes);
    String version = String.format("%08x-%d", crc.getValue(), bytes.length);
    Path dir = root.resolve(version);
    if (!ownedAndPrivate(dir, true)) {
      return Optional.empty();
    }
    Path file = dir.resolve(name);
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || !Arrays.equals(Files.readAllBytes(file), bytes)) {
      Path temp = Files.createTempFile(dir, name, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      try {
        Files.write(temp, bytes);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temp);
      }
    }
    removeOthers(root, version);
    return Optional.of(file);
  }

  /**
   * Whether {@code dir} is a folder (not a link to one) that this user owns and no one else may write to;
   * with {@code create}, one missing is made so.
   */
  private static boolean ownedAndPrivate(Path dir, boolean create) throws IOException {
    if (create) {
      try {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      } catch (FileAlreadyExistsException e) {
        // as it should be after the first run: checked below
      } catch (UnsupportedOperationException e) {
        return false; // no POSIX permissions here
      }
    }
    PosixFileAttributes attributes;
    try {
      attributes = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (UnsupportedOperationException e) {
      return false;
    }
    UserPrincipal me = dir.getFileSystem().getUserPrincipalLookupService()
        .lookupPrincipalByName(System.getProperty("user.name"));
    Set<PosixFilePermission> permissions = attributes.permissions();
    return attributes.isDirectory() && attributes.owner().equals(me)
        && !permissions.contains(PosixFilePermission.GROUP_WRITE) && !permissions.contains(PosixFilePermission.OTHERS_WRITE);
  }

  /** Removes the copies of other libraries (an older Gazette's); a process still using one keeps its mapping. */
  private static void removeOthers(Path root, String keep) {
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
      for (Path other : dirs) {
        if (!other.getFileName().toString().equals(keep) && Files.isDirectory(other, LinkOption.NOFOLLOW_LINKS)) {
          try (Stream<Path> files = Files.walk(other)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
              Files.deleteIfExists(path);
            }
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("cannot remove old copies of SQLite's library under {}: {}", root, e.toString());
    }
  }
}
