package gazette.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where SQLite's library is kept and when it is not. Loading is handed in: loading a second copy of the real
 * library into the JVM that runs every other test would be loading it twice; SnapshotRestartIT checks a real
 * server maps the kept copy.
 */
class SqliteLibraryTest {
  private static final String NAME = "libsqlitejdbc.so";
  private static final byte[] LIBRARY = "\u007fELF not really a library, but bytes to keep".getBytes();
  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

  @TempDir
  Path work;
  private Path cache;

  @BeforeEach
  void cacheFolder() throws Exception {
    cache = Files.createDirectory(work.toRealPath().resolve("cache"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
  }

  private Path kept() throws Exception {
    return SqliteLibrary.kept(cache, NAME, LIBRARY, NOW).orElseThrow();
  }

  private static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  @Test
  void theFirstRunWritesTheLibraryIntoFoldersOnlyItsOwnerCanReach() throws Exception {
    Path kept = kept();

    assertThat(kept.getFileName()).hasToString(NAME);
    assertThat(kept.getParent().getParent()).isEqualTo(cache.resolve("sqlite"));
    assertThat(Files.readAllBytes(kept)).isEqualTo(LIBRARY);
    assertThat(mode(cache.resolve("sqlite"))).isEqualTo("rwx------");
    assertThat(mode(kept.getParent())).isEqualTo("rwx------");
    assertThat(mode(kept)).isEqualTo("rwx------");
    try (var left = Files.list(kept.getParent())) {
      assertThat(left).containsExactly(kept); // no temporary file left beside it
    }
  }

  @Test
  void aLaterRunUsesTheCopyThereWithoutWritingIt() throws Exception {
    Path kept = kept();
    FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    Files.setLastModifiedTime(kept, old);
    Object inode = Files.getAttribute(kept, "unix:ino");

    assertThat(kept()).isEqualTo(kept);

    assertThat(Files.getLastModifiedTime(kept)).isEqualTo(old);
    assertThat(Files.getAttribute(kept, "unix:ino")).isEqualTo(inode);
  }

  @Test
  void aCopyThatDiffersFromTheJarsBytesIsWrittenAgain() throws Exception {
    Path kept = kept();
    byte[] tampered = LIBRARY.clone();
    tampered[5] ^= 1;
    Files.write(kept, tampered);

    assertThat(kept()).isEqualTo(kept);

    assertThat(Files.readAllBytes(kept)).isEqualTo(LIBRARY);
  }

  @Test
  void aCopyOthersCouldWriteToIsReplacedThoughItsBytesAreRight() throws Exception {
    Path kept = kept();
    Files.setPosixFilePermissions(kept, PosixFilePermissions.fromString("rwxrw-rw-"));
    Object inode = Files.getAttribute(kept, "unix:ino");

    assertThat(kept()).isEqualTo(kept);

    assertThat(mode(kept)).isEqualTo("rwx------");
    assertThat(Files.getAttribute(kept, "unix:ino")).isNotEqualTo(inode);
  }

  @Test
  void anotherLibraryGetsAFolderOfItsOwnAndAnOldCopyGoesOnlyOnceUnusedForAWeek() throws Exception {
    Path old = kept();
    byte[] newer = (new String(LIBRARY) + ", version two").getBytes();

    Path kept = SqliteLibrary.kept(cache, NAME, newer, NOW).orElseThrow();
    assertThat(kept.getParent()).isNotEqualTo(old.getParent());
    assertThat(Files.readAllBytes(kept)).isEqualTo(newer);
    assertThat(old).exists(); // another Gazette on this cache may still start with it

    Files.setLastModifiedTime(old.getParent(), FileTime.from(NOW.minus(SqliteLibrary.UNUSED).minusSeconds(60)));
    SqliteLibrary.kept(cache, NAME, newer, NOW).orElseThrow();
    assertThat(old.getParent()).doesNotExist();
    assertThat(kept).exists();
  }

  @Test
  void aTemporaryFileLeftByAKilledRunGoesAfterAnHour() throws Exception {
    Path dir = kept().getParent();
    Path abandoned = Files.createFile(dir.resolve(NAME + "123.tmp"));
    Files.setLastModifiedTime(abandoned, FileTime.from(NOW.minus(SqliteLibrary.ABANDONED).minusSeconds(1)));
    Path writing = Files.createFile(dir.resolve(NAME + "456.tmp"));
    Files.setLastModifiedTime(writing, FileTime.from(NOW.minusSeconds(5)));

    kept();

    assertThat(abandoned).doesNotExist();
    assertThat(writing).exists(); // perhaps another process's, being written now
  }

  @Test
  void aSqliteFolderOthersCanWriteToIsNotUsed() throws Exception {
    Path root = Files.createDirectory(cache.resolve("sqlite"));
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxrwxrwx"));

    assertThat(SqliteLibrary.kept(cache, NAME, LIBRARY, NOW)).isEmpty();
    try (var inside = Files.list(root)) {
      assertThat(inside).isEmpty();
    }
  }

  @Test
  void aCacheFolderItsGroupCanWriteToIsNotUsed() throws Exception {
    Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxr-x"));

    assertThat(SqliteLibrary.kept(cache, NAME, LIBRARY, NOW)).isEmpty();
    assertThat(cache.resolve("sqlite")).doesNotExist();
  }

  @Test
  void aFolderAboveTheCacheThatOthersCanWriteToIsNotUsedUnlessSticky() throws Exception {
    Path shared = Files.createDirectory(work.toRealPath().resolve("shared"));
    Path inside = Files.createDirectory(shared.resolve("cache"));
    Files.setPosixFilePermissions(inside, PosixFilePermissions.fromString("rwxr-xr-x"));
    // Anyone could rename the cache folder away and put their own in its place.
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThat(SqliteLibrary.kept(inside, NAME, LIBRARY, NOW)).isEmpty();

    // With the sticky bit, as /tmp has it, no one may rename or remove another's entries.
    assertThat(new ProcessBuilder("chmod", "1777", shared.toString()).start().waitFor()).isZero();
    assertThat(SqliteLibrary.kept(inside, NAME, LIBRARY, NOW)).isPresent();
  }

  @Test
  void aLinkInPlaceOfTheSqliteFolderIsNotFollowed() throws Exception {
    Path elsewhere = Files.createDirectory(work.resolve("elsewhere"));
    Files.createSymbolicLink(cache.resolve("sqlite"), elsewhere);

    assertThat(SqliteLibrary.kept(cache, NAME, LIBRARY, NOW)).isEmpty();
    try (var inside = Files.list(elsewhere)) {
      assertThat(inside).isEmpty();
    }
  }

  @Test
  void aCacheFolderGivenAsALinkIsTheFolderItNames() throws Exception {
    // As systemd's $CACHE_DIRECTORY is for a dynamic user: a link to the folder under private/.
    Path link = Files.createSymbolicLink(work.resolve("linked-cache"), cache);

    Path kept = SqliteLibrary.kept(link, NAME, LIBRARY, NOW).orElseThrow();

    assertThat(kept.getParent().getParent()).isEqualTo(cache.resolve("sqlite"));
  }

  @Test
  void aLinkInPlaceOfTheLibraryIsReplacedNotWrittenThrough() throws Exception {
    Path kept = kept();
    Path target = work.resolve("target.so");
    Files.write(target, LIBRARY);
    Files.delete(kept);
    Files.createSymbolicLink(kept, target);

    assertThat(kept()).isEqualTo(kept);

    assertThat(Files.isSymbolicLink(kept)).isFalse();
    assertThat(Files.readAllBytes(kept)).isEqualTo(LIBRARY);
  }

  @Test
  void theKeptCopyIsLoadedAndNamedForTheDriver() throws Exception {
    Properties properties = new Properties();
    List<String> loaded = new ArrayList<>();

    Path kept = SqliteLibrary.use(cache, NAME, LIBRARY, properties, loaded::add, NOW).orElseThrow();

    assertThat(loaded).containsExactly(kept.toString());
    assertThat(properties.getProperty(SqliteLibrary.PATH_PROPERTY)).isEqualTo(kept.getParent().toString());
    assertThat(properties.getProperty(SqliteLibrary.NAME_PROPERTY)).isEqualTo(NAME);
  }

  @Test
  void aCopyThatCannotBeLoadedLeavesTheDriverToDoAsItDid() throws Exception {
    Properties properties = new Properties();

    assertThat(SqliteLibrary.use(cache, NAME, LIBRARY, properties, path -> {
      throw new UnsatisfiedLinkError(path + ": failed to map segment from shared object"); // noexec
    }, NOW)).isEmpty();

    assertThat(properties).isEmpty();
  }

  @Test
  void aLibraryGivenOnTheCommandLineIsLeftAlone() throws Exception {
    for (String given : new String[] {SqliteLibrary.PATH_PROPERTY, SqliteLibrary.NAME_PROPERTY}) {
      Properties properties = new Properties();
      properties.setProperty(given, "/opt/sqlite");
      List<String> loaded = new ArrayList<>();

      assertThat(SqliteLibrary.use(cache, NAME, LIBRARY, properties, loaded::add, NOW)).isEmpty();

      assertThat(loaded).isEmpty();
      assertThat(properties).hasSize(1).containsEntry(given, "/opt/sqlite");
      assertThat(cache.resolve("sqlite")).doesNotExist();
    }
  }

  @Test
  void theCopyInUseIsMarkedUsedSoAnotherGazetteKeepsIt() throws Exception {
    Path dir = kept().getParent();
    Files.setLastModifiedTime(dir, FileTime.from(NOW.minus(Duration.ofDays(30))));

    kept();

    assertThat(Files.getLastModifiedTime(dir).toInstant()).isEqualTo(NOW);
  }
}
