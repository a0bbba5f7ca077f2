package gazette.catalog;

import gazette.article.Article;
import gazette.article.ArticleCodec;
import gazette.article.ContentCache;
import gazette.article.Position;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an earlier run parsed, kept on disk so that a restart re-reads only the files that changed.
 * Each valid article is stored with the size, modification time, change time and inode its file had
 * when it was read; a file whose stat still matches is taken as is. The whole cache is ignored when
 * it was written by another build of Gazette or for another publication (a different
 * {@code _feed.yaml} or base URL), since parsing depends on both. A missing, unreadable or corrupt
 * cache only means a slower start.
 */
public final class ParseCache {
  private static final Logger LOG = LoggerFactory.getLogger(ParseCache.class);
  private static final int MAGIC = 0x475a5043; // "GZPC"
  private static final int FORMAT = 3;

  /** One file as it was read, and the article it gave. */
  record Entry(FileStamp stamp, Instant seenAt, byte[] digest, Position idAt, Position slugAt, Position categoriesAt,
      Article article) {}

  /** What was read. */
  record Contents(Map<Path, Entry> entries) {
    static final Contents EMPTY = new Contents(Map.of());
  }

  private final Path file;

  private ParseCache(Path file) {
    this.file = file;
  }

  /** A cache kept in {@code file} (its folder is created when first written). */
  public static ParseCache at(Path file) {
    return new ParseCache(file);
  }

  /** The entries written for {@code key}, or none when the file is missing, stale or unreadable. */
  Contents read(String key, ContentCache contents) {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      if (in.readInt() != MAGIC || in.readInt() != FORMAT) {
        LOG.info("parse cache {} has another format; parsing every article", file);
        return Contents.EMPTY;
      }
      if (!key.equals(ArticleCodec.string(in)) || !BUILD.equals(ArticleCodec.string(in))) {
        LOG.info("parse cache {} is for another publication or Gazette build; parsing every article", file);
        return Contents.EMPTY;
      }
      int count = in.readInt();
      Map<Path, Entry> entries = new HashMap<>(count * 2);
      for (int i = 0; i < count; i++) {
        Path path = Path.of(ArticleCodec.string(in));
        FileStamp stamp = new FileStamp(in.readLong(), ArticleCodec.instant(in), ArticleCodec.instant(in), in.readLong());
        Instant seenAt = ArticleCodec.instant(in);
        byte[] digest = ArticleCodec.bytes(in);
        Position idAt = new Position(in.readInt(), in.readInt());
        Position slugAt = new Position(in.readInt(), in.readInt());
        Position categoriesAt = new Position(in.readInt(), in.readInt());
        entries.put(path, new Entry(stamp, seenAt, digest, idAt, slugAt, categoriesAt,
            ArticleCodec.read(path, contents, in)));
      }
      return new Contents(entries);
    } catch (NoSuchFileException e) {
      return Contents.EMPTY;
    } catch (EOFException | RuntimeException e) {
      LOG.warn("parse cache {} is damaged ({}); parsing every article", file, e.toString());
      return Contents.EMPTY;
    } catch (IOException e) {
      LOG.warn("cannot read parse cache {} ({}); parsing every article", file, e.toString());
      return Contents.EMPTY;
    }
  }

  /** Replaces the cache in one rename, so a reader never sees half of it. */
  void write(String key, Map<Path, Entry> entries, ContentCache contents) throws IOException {
    Files.createDirectories(file.getParent());
    Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    try {
      try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16))) {
        out.writeInt(MAGIC);
        out.writeInt(FORMAT);
        ArticleCodec.string(out, key);
        ArticleCodec.string(out, BUILD);
        out.writeInt(entries.size());
        for (Map.Entry<Path, Entry> e : entries.entrySet()) {
          Entry entry = e.getValue();
          ArticleCodec.string(out, e.getKey().toString());
          out.writeLong(entry.stamp().size());
          ArticleCodec.instant(out, entry.stamp().modified());
          ArticleCodec.instant(out, entry.stamp().changed());
          out.writeLong(entry.stamp().inode());
          ArticleCodec.instant(out, entry.seenAt());
          ArticleCodec.bytes(out, entry.digest());
          out.writeInt(entry.idAt().line());
          out.writeInt(entry.idAt().column());
          out.writeInt(entry.slugAt().line());
          out.writeInt(entry.slugAt().column());
          out.writeInt(entry.categoriesAt().line());
          out.writeInt(entry.categoriesAt().column());
          ArticleCodec.write(entry.article(), contents, out);
        }
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Which build of Gazette wrote a cache: the jar's size and modification time, or for classes in a
   * folder (a development build) the latest modification among them. Another build may parse differently.
   */
  static final String BUILD = build();

  private static String build() {
    try {
      Path code = Path.of(ParseCache.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isRegularFile(code)) {
        return "jar " + Files.size(code) + " " + Files.getLastModifiedTime(code).toMillis();
      }
      try (Stream<Path> walk = Files.walk(code)) {
        long latest = walk.filter(Files::isRegularFile).mapToLong(p -> {
          try {
            return Files.getLastModifiedTime(p).toMillis();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }).max().orElse(0);
        return "classes " + code + " " + latest;
      }
    } catch (IOException | URISyntaxException | RuntimeException e) {
      return "unknown " + Optional.ofNullable(e.getMessage()).orElse("") + " " + System.nanoTime(); // never matches: no reuse
    }
  }
}
