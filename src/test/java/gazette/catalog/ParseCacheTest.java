package gazette.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import gazette.article.Article;
import gazette.article.ContentCache;
import gazette.memory.Memory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParseCacheTest {
  private final ContentCache contents = new ContentCache();
  private Path cacheFile;
  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
  private static final URI BASE = URI.create("https://news.example.org/");

  @TempDir
  Path dir;
  @TempDir
  Path cacheDir;

  private ParseCache cache;

  @BeforeEach
  void articles() throws IOException {
    Files.writeString(dir.resolve("_feed.yaml"), "title: Daily\n");
    for (String name : new String[] {"a", "b", "c"}) {
      Files.writeString(dir.resolve(name + ".yaml"),
          "title: Story " + name + "\npublished: 2024-01-0" + (name.charAt(0) - 'a' + 1) + "\ncontent: Body *" + name + "*.\n");
    }
    cacheFile = cacheDir.resolve("sub/articles.cache");
    cache = ParseCache.at(cacheFile);
  }

  /** A loader whose file-system clock runs a minute ahead, as if the files were written long before. */
  private CatalogLoader loader() {
    return loader(null, BASE);
  }

  private CatalogLoader loader(URI override, URI fallback) {
    return new CatalogLoader(dir, override, fallback, cache, contents, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1)),
        Memory.ephemeral());
  }

  @Test
  void aRestartParsesOnlyWhatChanged() throws IOException {
    CatalogLoader first = loader();
    Catalog before = first.load(NOW);
    first.save();
    assertThat(first.parses()).isEqualTo(3);

    CatalogLoader second = loader();
    Catalog after = second.load(NOW);
    assertThat(second.parses()).isZero();
    assertThat(after.articles()).map(Article::title).containsExactly("Story c", "Story b", "Story a");
    assertThat(after.articles()).map(contents::html).isEqualTo(before.articles().stream().map(contents::html).toList());
    assertThat(after.articles()).map(Article::id).isEqualTo(before.articles().stream().map(Article::id).toList());

    Files.writeString(dir.resolve("b.yaml"), "title: Story b, edited\npublished: 2024-01-02\ncontent: New.\n");
    Files.delete(dir.resolve("c.yaml"));
    CatalogLoader third = loader();
    Catalog edited = third.load(NOW);
    assertThat(third.parses()).isEqualTo(1);
    assertThat(edited.articles()).map(Article::title).containsExactly("Story b, edited", "Story a");
  }

  @Test
  void aStartThatParsedNothingDoesNotWriteTheSameCacheAgain() throws IOException {
    CatalogLoader first = loader();
    first.load(NOW);
    assertThat(first.save()).isTrue();
    assertThat(first.save()).as("nothing changed since it wrote").isFalse();
    Object written = Files.readAttributes(cacheFile, BasicFileAttributes.class).fileKey();

    CatalogLoader second = loader();
    second.load(NOW);
    second.load(NOW); // the rescan that follows a start
    assertThat(second.save()).isFalse();
    assertThat(Files.readAttributes(cacheFile, BasicFileAttributes.class).fileKey()).isEqualTo(written);

    Files.writeString(dir.resolve("b.yaml"), "title: Story b, edited\npublished: 2024-01-02\ncontent: New.\n");
    CatalogLoader third = loader();
    third.load(NOW);
    assertThat(third.save()).isTrue();
    CatalogLoader fourth = loader();
    fourth.load(NOW);
    assertThat(fourth.parses()).as("the edit was written").isZero();

    Files.delete(dir.resolve("c.yaml"));
    CatalogLoader fifth = loader();
    fifth.load(NOW);
    assertThat(fifth.save()).as("an entry less").isTrue();
  }

  @Test
  void aStampTooCloseToItsReadingIsCheckedByTheBytes() throws IOException {
    // the real clock: files just written are racy, so their stamps prove nothing and each file is read
    CatalogLoader first = new CatalogLoader(dir, null, BASE, cache, contents, Clock.systemUTC(), Memory.ephemeral());
    first.load(NOW);
    first.save();
    Files.writeString(dir.resolve("b.yaml"), "title: Story B\npublished: 2024-01-02\ncontent: Body b.\n");

    CatalogLoader second = new CatalogLoader(dir, null, BASE, cache, contents, Clock.systemUTC(), Memory.ephemeral());
    Catalog after = second.load(NOW);
    assertThat(second.parses()).as("only the file whose bytes differ from the cached parse's").isEqualTo(1);
    assertThat(after.articles()).extracting(Article::title).containsExactlyInAnyOrder("Story a", "Story B", "Story c");
  }

  @Test
  void anotherPublicationOrBaseUrlParsesEverything() throws IOException {
    CatalogLoader first = loader();
    first.load(NOW);
    first.save();

    Files.writeString(dir.resolve("_feed.yaml"), "title: Daily\ntimezone: Asia/Baku\n");
    CatalogLoader otherPublication = loader();
    otherPublication.load(NOW);
    assertThat(otherPublication.parses()).isEqualTo(3);

    CatalogLoader otherBase = loader(URI.create("https://mirror.example.org/"), BASE);
    otherBase.load(NOW);
    assertThat(otherBase.parses()).isEqualTo(3);
    assertThat(otherBase.load(NOW).publication().baseUrl()).isEqualTo(URI.create("https://mirror.example.org/"));
  }

  @Test
  void theFallbackBaseDoesNotMatterWhenTheFeedNamesItsBase() throws IOException {
    Files.writeString(dir.resolve("_feed.yaml"), "title: Daily\nbase_url: https://daily.example.org/\n");
    CatalogLoader first = loader(null, URI.create("http://127.0.0.1:1111/"));
    first.load(NOW);
    first.save();

    CatalogLoader otherPort = loader(null, URI.create("http://127.0.0.1:2222/"));
    otherPort.load(NOW);
    assertThat(otherPort.parses()).isZero();
  }

  @Test
  void aDamagedOrMissingCacheOnlyCostsParsing() throws IOException {
    CatalogLoader first = loader();
    first.load(NOW);
    first.save();
    byte[] bytes = Files.readAllBytes(cacheFile);
    Files.write(cacheFile, java.util.Arrays.copyOf(bytes, bytes.length / 2));

    CatalogLoader truncated = loader();
    assertThat(truncated.load(NOW).articles()).map(Article::title).containsExactly("Story c", "Story b", "Story a");
    assertThat(truncated.parses()).as("the entries after the cut are parsed; those before it pass their checks")
        .isBetween(1L, 2L);

    Files.delete(cacheFile);
    CatalogLoader missing = loader();
    assertThat(missing.load(NOW).articles()).hasSize(3);
    assertThat(missing.parses()).isEqualTo(3);
  }

  @Test
  void invalidFilesAreNotCachedAndStayReported() throws IOException {
    Files.writeString(dir.resolve("bad.yaml"), "title: Bad\npublished: someday\ncontent: x\n");
    CatalogLoader first = loader();
    first.load(NOW);
    first.save();

    CatalogLoader second = loader();
    Catalog catalog = second.load(NOW);
    assertThat(second.parses()).isEqualTo(1);
    assertThat(catalog.problems()).hasSize(1);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }

  @Test
  void oneChangedLetterInTheCacheIsNeverPublished() throws IOException {
    CatalogLoader first = loader();
    first.load(NOW);
    first.save();
    byte[] bytes = Files.readAllBytes(cacheFile);
    bytes[indexOf(bytes, "Story b".getBytes(java.nio.charset.StandardCharsets.UTF_8)) + 6] = 'X';
    Files.write(cacheFile, bytes);

    CatalogLoader second = loader();
    Catalog catalog = second.load(NOW);

    assertThat(catalog.articles()).map(Article::title).containsExactly("Story c", "Story b", "Story a");
    assertThat(second.parses()).as("only the damaged entry is parsed again").isEqualTo(1);
  }

  @Test
  void aDamagedLengthAllocatesNothingAndCostsOnlyParsing() throws IOException {
    CatalogLoader first = loader();
    first.load(NOW);
    first.save();
    byte[] bytes = Files.readAllBytes(cacheFile);
    int headerLength = java.nio.ByteBuffer.wrap(bytes, 8, 4).getInt();
    int firstEntry = 8 + 8 + headerLength;
    java.nio.ByteBuffer.wrap(bytes, firstEntry, 4).putInt(Integer.MAX_VALUE - 8); // its frame claims 2 GB
    Files.write(cacheFile, bytes);

    CatalogLoader second = loader();
    Catalog catalog = second.load(NOW);

    assertThat(catalog.articles()).hasSize(3);
    assertThat(second.parses()).isEqualTo(3);
  }

  @Test
  void aLengthInsideAnEntryIsCheckedAgainstWhatIsLeftEvenUnderAGoodChecksum() throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.DataOutputStream data = new java.io.DataOutputStream(out);
    data.writeInt(Integer.MAX_VALUE); // a string "of 2 GB" in an entry of 4 bytes
    java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(out.toByteArray()));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> gazette.article.ArticleCodec.string(in))
        .isInstanceOf(java.io.StreamCorruptedException.class)
        .hasMessage("a length of 2147483647 with 0 bytes left");
  }

  @Test
  void temporaryFilesLeftByAKilledWriteAreRemovedByTheNextWrite() throws IOException {
    Files.createDirectories(cacheFile.getParent());
    java.nio.file.attribute.FileTime longAgo = java.nio.file.attribute.FileTime.from(
        java.time.Instant.now().minus(ParseCache.STALE).minusSeconds(60));
    Path fixed = Files.writeString(cacheFile.resolveSibling("articles.cache.tmp"), "half a cache");
    Path older = Files.writeString(cacheFile.resolveSibling("articles.cache8061958734.tmp"), "half a cache");
    Files.setLastModifiedTime(fixed, longAgo);
    Files.setLastModifiedTime(older, longAgo);
    Path unrelated = Files.setLastModifiedTime(Files.writeString(cacheFile.resolveSibling("other.cache.tmp"), "not ours"),
        longAgo);
    // Just written to: a write of another process, under way.
    Path running = Files.writeString(cacheFile.resolveSibling("articles.cache.4711.tmp"), "being written");

    CatalogLoader first = loader();
    first.load(NOW);
    first.save();

    assertThat(fixed).doesNotExist();
    assertThat(older).doesNotExist();
    assertThat(running).as("another process's write is left alone").exists();
    assertThat(unrelated).exists();
    try (java.util.stream.Stream<Path> left = Files.list(cacheFile.getParent())) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("articles.cache",
          "articles.cache.4711.tmp", "other.cache.tmp");
    }
    assertThat(loader().load(NOW).articles()).hasSize(3);
  }

}
