package gazette.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import gazette.article.Article;
import gazette.article.Problem;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules by which a folder is read: what is looked at, what is refused, and that one bad entry never stops the rest. */
class FolderRulesTest {
  private static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");

  @TempDir
  Path tmp;

  private Path dir;
  private CatalogLoader loader;

  @BeforeEach
  void publication() throws IOException {
    dir = Files.createDirectory(tmp.resolve("articles"));
    write("_feed.yaml", "title: Daily\n");
    write("good.yaml", article("Good", "2024-01-01"));
    loader = new CatalogLoader(dir, null, URI.create("https://news.example.org/"));
  }

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  private static String article(String title, String published) {
    return "title: " + title + "\npublished: " + published + "\ncontent: Text of " + title + ".\n";
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).inheritIO().start();
    assertThat(process.waitFor()).as(String.join(" ", command)).isZero();
  }

  private static boolean root() throws IOException, InterruptedException {
    Process id = new ProcessBuilder("id", "-u").start();
    String uid = new String(id.getInputStream().readAllBytes()).strip();
    id.waitFor();
    return uid.equals("0");
  }

  private static Iterable<String> lines(Catalog catalog) {
    return catalog.problems().stream().map(Problem::toString).toList();
  }

  @Test
  void aNamedPipeIsAProblemLineAndIsNeverOpened() throws Exception {
    run("mkfifo", dir.resolve("pipe.yaml").toString());

    Catalog catalog = loader.load(NOW);

    assertThat(lines(catalog)).containsExactly(dir.resolve("pipe.yaml") + ":1:1: not a regular file: a named pipe");
    assertThat(catalog.articles()).map(Article::title).containsExactly("Good");
  }

  @Test
  void aSparseFileOfThreeGibibytesIsOneProblemAndIsNotRead() throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(dir.resolve("huge.yaml").toFile(), "rw")) {
      file.setLength(3L << 30);
    }

    Catalog catalog = loader.load(NOW);

    assertThat(lines(catalog)).containsExactly(
        dir.resolve("huge.yaml") + ":1:1: file is 3221225472 bytes, over the limit of 1048576");
    assertThat(catalog.articles()).map(Article::title).containsExactly("Good");
  }

  @Test
  void aLinkThatStaysInsideIsReadAndOneThatLeavesIsAProblem() throws IOException {
    Path outside = Files.writeString(tmp.resolve("secret.yaml"), article("Secret", "2024-01-02"));
    Path source = write("_sources/kept.yaml", article("Kept", "2024-01-03"));
    Files.createSymbolicLink(dir.resolve("kept.yaml"), source);
    Files.createSymbolicLink(dir.resolve("secret.yaml"), outside);
    Files.createSymbolicLink(dir.resolve("relative.yaml"), Path.of("../secret.yaml"));
    Files.createSymbolicLink(dir.resolve("nowhere.yaml"), dir.resolve("missing.yaml"));

    Catalog catalog = loader.load(NOW);

    assertThat(catalog.articles()).map(Article::title).containsExactly("Kept", "Good");
    assertThat(lines(catalog)).containsExactly(
        dir.resolve("nowhere.yaml") + ":1:1: symbolic link leads nowhere; not read",
        dir.resolve("relative.yaml") + ":1:1: symbolic link leads outside the articles folder; not read",
        dir.resolve("secret.yaml") + ":1:1: symbolic link leads outside the articles folder; not read");
  }

  @Test
  void aLinkedFolderIsNeverFollowedAtStartOrLive() throws IOException {
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.writeString(elsewhere.resolve("far.yaml"), article("Far", "2024-01-02"));
    Files.createSymbolicLink(dir.resolve("linked"), elsewhere);

    Catalog atStart = loader.load(NOW);
    Files.createSymbolicLink(dir.resolve("linked-later"), elsewhere);
    Catalog live = loader.refresh(Set.of(dir.resolve("linked-later"), dir.resolve("linked-later/far.yaml")), NOW);
    Catalog restart = new CatalogLoader(dir, null, URI.create("https://news.example.org/")).load(NOW);

    for (Catalog catalog : new Catalog[] {live, restart}) {
      assertThat(catalog.articles()).map(Article::title).containsExactly("Good");
      assertThat(lines(catalog)).containsExactly(
          dir.resolve("linked") + ":1:1: symbolic link to a folder; not followed",
          dir.resolve("linked-later") + ":1:1: symbolic link to a folder; not followed");
    }
    assertThat(atStart.articles()).map(Article::title).containsExactly("Good");
  }

  @Test
  void anEditThroughALinkIsSeenWithNoEventForTheLink() throws IOException {
    Path source = write("_sources/kept.yaml", article("Kept", "2024-01-03"));
    Files.createSymbolicLink(dir.resolve("kept.yaml"), source);
    loader.load(NOW);

    Files.writeString(source, article("Kept, edited", "2024-01-03"));
    Files.setLastModifiedTime(source, java.nio.file.attribute.FileTime.from(NOW)); // a new stamp, whatever the clock
    Catalog catalog = loader.refresh(Set.of(source), NOW);

    assertThat(catalog.articles()).map(Article::title).containsExactly("Kept, edited", "Good");
  }

  @Test
  void aFolderWhereAFileWasIsReadAsAFolder() throws IOException {
    Files.createDirectories(dir.resolve("story.yaml"));
    write("story.yaml/inner.yaml", article("Inner", "2024-01-02"));

    Catalog catalog = loader.load(NOW);

    assertThat(catalog.articles()).map(Article::title).containsExactly("Inner", "Good");
    assertThat(catalog.problems()).isEmpty();
  }

  @Test
  void reasonsAreShortLowercaseAndNameNoPath() {
    assertThat(InputFile.reason(new AccessDeniedException("/srv/articles/a.yaml"))).isEqualTo("permission denied");
    assertThat(InputFile.reason(new FileSystemException("/srv/articles/a.yaml", null, "Is a directory")))
        .isEqualTo("is a directory");
  }

  @Test
  void anUnreadableFileIsOneProblemAndItsLastGoodVersionStays() throws Exception {
    assumeThat(root()).as("root reads every file: run as another user (see README)").isFalse();
    Path story = write("story-3.yaml", article("Story 3", "2024-01-02"));
    loader.load(NOW);

    Files.setPosixFilePermissions(story, PosixFilePermissions.fromString("---------"));
    write("other.yaml", article("Other", "2024-01-04"));
    Catalog catalog = loader.refresh(Set.of(story, dir.resolve("other.yaml")), NOW);

    assertThat(lines(catalog)).containsExactly(dir.resolve("story-3.yaml") + ":1:1: cannot read file: permission denied");
    assertThat(catalog.articles()).map(Article::title).containsExactly("Other", "Story 3", "Good");
  }

  @Test
  void anUnreadableFolderIsOneProblemAndWhatWasKnownUnderItStays() throws Exception {
    assumeThat(root()).as("root reads every folder: run as another user (see README)").isFalse();
    write("sub/inner.yaml", article("Inner", "2024-01-02"));
    loader.load(NOW);

    Files.setPosixFilePermissions(dir.resolve("sub"), PosixFilePermissions.fromString("---------"));
    try {
      Catalog catalog = loader.load(NOW);

      assertThat(lines(catalog)).containsExactly(dir.resolve("sub") + ":1:1: cannot read folder: permission denied");
      assertThat(catalog.articles()).map(Article::title).containsExactly("Inner", "Good");
    } finally {
      Files.setPosixFilePermissions(dir.resolve("sub"), PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void deletingEveryArticleWhileTheFolderStaysEmptiesTheFeed() throws IOException {
    loader.load(NOW);

    Files.delete(dir.resolve("good.yaml"));
    Catalog catalog = loader.refresh(Set.of(dir.resolve("good.yaml")), NOW);

    assertThat(catalog.articles()).isEmpty();
    assertThat(catalog.problems()).isEmpty();
  }

  @Test
  void everyFileAndTheFolderDeletedKeepsWhatItHeld() throws IOException {
    loader.load(NOW);

    Files.delete(dir.resolve("good.yaml"));
    Files.delete(dir.resolve("_feed.yaml"));
    Files.delete(dir);
    Catalog catalog = loader.refresh(Set.of(dir.resolve("good.yaml"), dir.resolve("_feed.yaml")), NOW);

    assertThat(catalog.articles()).map(Article::title).containsExactly("Good");
    assertThat(catalog.problems()).map(p -> p.relativeTo(dir).toString())
        .containsExactly(".:1:1: articles folder is missing; serving what it last held until it is back");
  }
}
