package gazette.memory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQLite's native library, kept in Gazette's cache folder rather than written out for every process.
 *
 * <p>Left to itself, the SQLite driver copies its library (1.1 MB on Linux x86-64) out of the jar into the
 * temporary folder each time a process first opens a database: a fresh random name (seeding a secure random
 * generator), the bytes written, an MD5 of both copies. That took 149–212 ms of every start on this
 * project's machine, against 30–51 ms with the copy already on disk (six runs each), on the path of a restart that serves the snapshot,
 * and a process killed before its exit hooks leaves its copy behind. Here the copy is made once, in {@code
 * sqlite/} under the folder that {@link #keepIn} names; every later process compares it with the jar's bytes
 * (writing it again if they differ), loads it, and points the driver at it ({@code org.sqlite.lib.path}),
 * which then finds it loaded.
 *
 * <p>The copy is native code that this process runs, so it is used only where no one else can replace it:
 * every folder from the file system's root down to the copy must belong to this user or to root and be
 * writable by no one else (a sticky folder such as {@code /tmp} excepted), and the copy must be this user's
 * and writable by no one else. Anywhere else (a cache folder its group may write to, a file system without
 * POSIX permissions), when the copy cannot be loaded (a file system mounted {@code noexec}), when a library
 * path or name is given on the command line ({@code -Dorg.sqlite.lib.path}), or when anything fails, the
 * driver does as it always did; the log says why at debug level.
 */
public final class SqliteLibrary {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteLibrary.class);
  static final String PATH_PROPERTY = "org.sqlite.lib.path";
  static final String NAME_PROPERTY = "org.sqlite.lib.name";
  /** A copy of another library (another Gazette's) not used for this long is removed. */
  static final Duration UNUSED = Duration.ofDays(7);
  /** A temporary file left this long (by a process killed while writing it) is removed. */
  static final Duration ABANDONED = Duration.ofHours(1);
  private static final int GROUP_OR_OTHERS_WRITE = 0022;
  private static final int STICKY = 01000;
  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

  private static Path folder;
  private static boolean prepared;

  private SqliteLibrary() {}

  /** Keeps the library under {@code cacheFolder} from the first database this process opens on. */
  public static synchronized void keepIn(Path cacheFolder) {
    if (!prepared && folder == null) {
      folder = cacheFolder;
    }
  }

  /** Before a database opens: loads the kept copy, made or mended first, and points the driver at it. Once. */
  static synchronized void prepare() {
    if (prepared) {
      return;
    }
    prepared = true;
    if (folder == null) {
      return;
    }
    try {
      String name = org.sqlite.util.LibraryLoaderUtil.getNativeLibName();
      // Where the driver looks in its jar for this platform (Linux, Linux-Musl, Mac, ... and the architecture).
      String resource = org.sqlite.util.LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name;
      byte[] bytes;
      try (InputStream in = org.sqlite.util.LibraryLoaderUtil.class.getResourceAsStream(resource)) {
        if (in == null) {
          LOG.debug("no SQLite library for this platform in the jar at {}: the driver looks for one", resource);
          return;
        }
        bytes = in.readAllBytes();
      }
      use(folder, name, bytes, System.getProperties(), System::load, Instant.now());
    } catch (IOException | RuntimeException | LinkageError e) {
      LOG.debug("not keeping SQLite's library in {}: {}", folder, e.toString());
    }
  }

  /**
   * Keeps {@code bytes} as the library {@code name} under {@code cacheFolder}, loads that copy and names it in
   * {@code properties}, unless they name a library already; what was loaded, or empty when the driver is left
   * to do as it always did.
   */
  static Optional<Path> use(Path cacheFolder, String name, byte[] bytes, Properties properties, Consumer<String> load,
      Instant now) throws IOException {
    if (properties.getProperty(PATH_PROPERTY) != null || properties.getProperty(NAME_PROPERTY) != null) {
      return Optional.empty(); // given on the command line: the operator's choice
    }
    Optional<Path> kept = kept(cacheFolder, name, bytes, now);
    if (kept.isEmpty()) {
      return kept;
    }
    try {
      load.accept(kept.get().toString());
    } catch (UnsatisfiedLinkError e) {
      // Left to the driver, it would log this as an error at every start before copying the library to /tmp.
      LOG.debug("cannot load SQLite's library from {} (a file system mounted noexec?): {}", kept.get(), e.getMessage());
      return Optional.empty();
    }
    properties.setProperty(PATH_PROPERTY, kept.get().getParent().toString());
    properties.setProperty(NAME_PROPERTY, name);
    return kept;
  }

  /**
   * The file in {@code sqlite/} under {@code cacheFolder} that holds {@code bytes} as {@code name}: the one there
   * when it holds them already, else written now (into a new file, then renamed over). Empty when no one but
   * this user (and root) may write to every folder on the way to it.
   */
  static Optional<Path> kept(Path cacheFolder, String name, byte[] bytes, Instant now) throws IOException {
    UserPrincipal me = cacheFolder.getFileSystem().getUserPrincipalLookupService()
        .lookupPrincipalByName(System.getProperty("user.name"));
    Path cache = cacheFolder.toRealPath(); // a link (systemd's CACHE_DIRECTORY may be one) to the folder it names
    for (Path dir = cache; dir != null; dir = dir.getParent()) {
      String unsafe = unsafe(dir, me, true);
      if (unsafe != null) {
        LOG.debug("not keeping SQLite's library under {}: {} {}", cache, dir, unsafe);
        return Optional.empty();
      }
    }
    CRC32 crc = new CRC32();
    crc.update(bytes);
    String version = String.format("%08x-%d", crc.getValue(), bytes.length);
    Path root = cache.resolve("sqlite");
    Path dir = root.resolve(version);
    for (Path made : new Path[] {root, dir}) {
      try {
        Files.createDirectory(made, OWNER_ONLY);
      } catch (FileAlreadyExistsException e) {
        // made by an earlier run: checked below like any other
      }
      String unsafe = unsafe(made, me, false);
      if (unsafe != null) {
        LOG.debug("not keeping SQLite's library under {}: {} {}", cache, made, unsafe);
        return Optional.empty();
      }
    }
    Path file = dir.resolve(name);
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || unsafe(file, me, false) != null
        || !Arrays.equals(Files.readAllBytes(file), bytes)) {
      Path temp = Files.createTempFile(dir, name, ".tmp", OWNER_ONLY);
      try {
        Files.write(temp, bytes);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temp);
      }
    }
    Files.setLastModifiedTime(dir, FileTime.from(now)); // in use: not removed as unused by another Gazette
    tidy(root, dir, now);
    return Optional.of(file);
  }

  /**
   * Why another user could replace what is at {@code path}, or null when no one can: it must be this user's
   * (or, for a folder above the cache, root's) and writable by no one else, unless it is such a folder with the
   * sticky bit set, where no one may rename or remove another's entries.
   */
  private static String unsafe(Path path, UserPrincipal me, boolean above) throws IOException {
    Map<String, Object> seen;
    try {
      seen = Files.readAttributes(path, "unix:mode,uid,owner", LinkOption.NOFOLLOW_LINKS);
    } catch (UnsupportedOperationException e) {
      return "has no Unix permissions";
    }
    int mode = (Integer) seen.get("mode");
    boolean mine = me.equals(seen.get("owner"));
    if (!mine && !(above && (Integer) seen.get("uid") == 0)) {
      return "belongs to " + seen.get("owner");
    }
    if ((mode & GROUP_OR_OTHERS_WRITE) != 0 && !(above && (mode & STICKY) != 0)) {
      return "may be written by others (mode " + Integer.toOctalString(mode & 07777) + ")";
    }
    return null;
  }

  /**
   * Removes the copies of other libraries not used for {@link #UNUSED} (two Gazettes using one cache each keep
   * their own; a process still using one keeps its mapping), and temporary files left for {@link #ABANDONED}.
   */
  private static void tidy(Path root, Path used, Instant now) {
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
      for (Path other : dirs) {
        if (other.equals(used) || !Files.isDirectory(other, LinkOption.NOFOLLOW_LINKS)
            || Files.getLastModifiedTime(other, LinkOption.NOFOLLOW_LINKS).toInstant().isAfter(now.minus(UNUSED))) {
          continue;
        }
        try (Stream<Path> files = Files.walk(other)) {
          for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(path);
          }
        }
      }
      try (DirectoryStream<Path> temps = Files.newDirectoryStream(used, "*.tmp")) {
        for (Path temp : temps) {
          if (Files.getLastModifiedTime(temp, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(now.minus(ABANDONED))) {
            Files.deleteIfExists(temp);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("cannot tidy the copies of SQLite's library under {}: {}", root, e.toString());
    }
  }
}
