package gazette.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteLibraryTest {
  private static final String NAME = "libsqlitejdbc.so";
  private static final byte[] LIBRARY = "\u007fELF not really a library, but bytes to keep".getBytes();

  @TempDir
  Path cache;

  private Path root() {
    return cache.resolve("sqlite");
  }

  @Test
  void theFirstRunWritesTheLibraryIntoAFolderOnlyItsOwnerCanReach() throws Exception {
    Path kept = SqliteLibrary.kept(root(), NAME, LIBRARY).orElseThrow();

    assertThat(kept.getFileName()).hasToString(NAME);
    assertThat(kept.getParent().getParent()).isEqualTo(root());
    assertThat(Files.readAllBytes(kept)).isEqualTo(LIBRARY);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root()))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept.getParent()))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept))).isEqualTo("rwx------");
    try (var left = Files.list(kept.getParent())) {
      assertThat(left).containsExactly(kept); // no temporary file left beside it
    }
  }

  @Test
  void aLaterRunUsesTheCopyThereWithoutWritingIt() throws Exception {
    Path kept = SqliteLibrary.kept(root(), NAME, LIBRARY).orElseThrow();
    FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    Files.setLastModifiedTime(kept, old);
    Object inode = Files.readAttributes(kept, "unix:ino").get("ino");

    assertThat(SqliteLibrary.kept(root(), NAME, LIBRARY)).contains(kept);

    assertThat(Files.getLastModifiedTime(kept)).isEqualTo(old);
    assertThat(Files.readAttributes(kept, "unix:ino").get("ino")).isEqualTo(inode);
  }

  @Test
  void aCopyThatDiffersFromTheJarsBytesIsWrittenAgain() throws Exception {
    Path kept = SqliteLibrary.kept(root(), NAME, LIBRARY).orElseThrow();
    byte[] tampered = LIBRARY.clone();
    tampered[5] ^= 1;
    Files.write(kept, tampered);

    assertThat(SqliteLibrary.kept(root(), NAME, LIBRARY)).contains(kept);

    assertThat(Files.readAllBytes(kept)).isEqualTo(LIBRARY);
  }

  @Test
  void anotherLibraryGetsAFolderOfItsOwnAndTheOldCopyIsRemoved() throws Exception {
    Path old = SqliteLibrary.kept(root(), NAME, LIBRARY).orElseThrow();
    byte[] newer = (new String(LIBRARY) + ", version two").getBytes();

    Path kept = SqliteLibrary.kept(root(), NAME, newer).orElseThrow();

    assertThat(kept.getParent()).isNotEqualTo(old.getParent());
    assertThat(Files.readAllBytes(kept)).isEqualTo(newer);
    assertThat(old.getParent()).doesNotExist();
  }

  @Test
  void aFolderOthersCanWriteToIsNotUsed() throws Exception {
    Files.createDirectory(root(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
    Files.setPosixFilePermissions(root(), PosixFilePermissions.fromString("rwxrwxrwx")); // whatever the umask says

    assertThat(SqliteLibrary.kept(root(), NAME, LIBRARY)).isEmpty();
    try (var inside = Files.list(root())) {
      assertThat(inside).isEmpty();
    }
  }

  @Test
  void aCacheFolderOthersCanWriteToIsNotUsed() throws Exception {
    Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxr-x"));

    assertThat(SqliteLibrary.kept(root(), NAME, LIBRARY)).isEmpty();
    assertThat(root()).doesNotExist();
  }

  @Test
  void aLinkInPlaceOfTheFolderIsNotFollowed() throws Exception {
    Path elsewhere = Files.createDirectory(cache.resolve("elsewhere"));
    Files.createSymbolicLink(root(), elsewhere);

    assertThat(SqliteLibrary.kept(root(), NAME, LIBRARY)).isEmpty();
    try (var inside = Files.list(elsewhere)) {
      assertThat(inside).isEmpty();
    }
  }

  @Test
  void aLinkInPlaceOfTheLibraryIsReplacedNotWrittenThrough() throws Exception {
    Path kept = SqliteLibrary.kept(root(), NAME, LIBRARY).orElseThrow();
    Path target = cache.resolve("target.so");
    Files.write(target, LIBRARY);
    Files.delete(kept);
    Files.createSymbolicLink(kept, target);

    assertThat(SqliteLibrary.kept(root(), NAME, LIBRARY)).contains(kept);

    assertThat(Files.isSymbolicLink(kept)).isFalse();
    assertThat(Files.readAllBytes(kept)).isEqualTo(LIBRARY);
  }
}
