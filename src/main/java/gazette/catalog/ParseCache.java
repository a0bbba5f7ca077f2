package gazette.catalog;

import gazette.article.Article;
import gazette.article.ArticleCodec;
import gazette.article.ContentCache;
import gazette.article.Position;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an earlier run parsed, kept on disk so that a restart re-reads only the files that changed.
 * Each valid article is stored with the size, modification time, change time and inode its file had
 * when it was read; a file whose stat still matches is taken as is. The whole cache is ignored when
 * it was written by another build of Gazette or for another publication (a different
 * {@code _feed.yaml} or base URL), since parsing depends on both. Each entry is framed with its length
 * and a CRC-32C, and every length is checked against what is left before anything is allocated: a
 * missing, unreadable, truncated or altered cache only means parsing the files it no longer vouches for.
 */
public final class ParseCache {
  private static final Logger LOG = LoggerFactory.getLogger(ParseCache.class);
  private static final int MAGIC = 0x475a5043; // "GZPC"
  private static final int FORMAT = 8;
  /** How long a temporary file must have been left alone before it counts as left behind. */
  static final java.time.Duration STALE = java.time.Duration.ofMinutes(10);

  /** One file as it was read, and the article it gave. */
  record Entry(FileStamp stamp, Instant seenAt, byte[] digest, Position idAt, Position slugAt, Position categoriesAt,
      Article article) {}

  /** What was read. */
  record Contents(Map<Path, Entry> entries) {
    static final Contents EMPTY = new Contents(Map.of());
  }

  private final Path file;
  private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

  private ParseCache(Path file) {
    this.file = file;
  }

  /** A cache kept in {@code file} (its folder is created when first written). */
  public static ParseCache at(Path file) {
    return new ParseCache(file);
  }

  /**
   * The entries written for {@code key}, their paths under {@code root} (stored relative to the folder, so
   * {@code articles} and {@code ./articles} find the same entries), or none when the file is missing, stale or
   * unreadable. A
   * damaged entry (its checksum does not match, or it does not decode to exactly its bytes) is left out,
   * and damaged framing ends the reading: either only costs parsing the files concerned.
   */
  Contents read(String key, Path root, ContentCache contents) {
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      return Contents.EMPTY;
    } catch (IOException e) {
      LOG.warn("cannot read parse cache {} ({}); parsing every article", file, e.toString());
      return Contents.EMPTY;
    }
    Map<Path, Entry> entries = new HashMap<>();
    int damaged = 0;
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      if (size < 8 || in.readInt() != MAGIC || in.readInt() != FORMAT) {
        LOG.info("parse cache {} has another format; parsing every article", file);
        return Contents.EMPTY;
      }
      long[] left = {size - 8};
      DataInputStream header = frame(in, left);
      if (header == null || !key.equals(ArticleCodec.string(header)) || !BUILD.equals(ArticleCodec.string(header))) {
        LOG.info("parse cache {} is for another publication or Gazette build; parsing every article", file);
        return Contents.EMPTY;
      }
      int count = header.readInt();
      if (count < 0 || count > left[0] / FRAME_OVERHEAD) {
        throw new EOFException("a count of " + count + " entries in " + left[0] + " bytes");
      }
      for (int i = 0; i < count; i++) {
        DataInputStream entry = frame(in, left);
        if (entry == null) {
          damaged++;
          continue;
        }
        try {
          Path path = root.resolve(ArticleCodec.string(entry));
          FileStamp stamp = new FileStamp(entry.readLong(), ArticleCodec.instant(entry), ArticleCodec.instant(entry),
              entry.readLong());
          Instant seenAt = ArticleCodec.instant(entry);
          byte[] digest = ArticleCodec.bytes(entry);
          Position idAt = new Position(entry.readInt(), entry.readInt());
          Position slugAt = new Position(entry.readInt(), entry.readInt());
          Position categoriesAt = new Position(entry.readInt(), entry.readInt());
          Article article = ArticleCodec.read(path, contents, entry);
          if (entry.available() != 0) {
            throw new EOFException(entry.available() + " bytes left over");
          }
          entries.put(path, new Entry(stamp, seenAt, digest, idAt, slugAt, categoriesAt, article));
        } catch (IOException | RuntimeException e) {
          damaged++; // passed its checksum, so written wrong: never trusted
        }
      }
    } catch (NoSuchFileException e) {
      return Contents.EMPTY;
    } catch (EOFException | RuntimeException e) {
      LOG.warn("parse cache {} is damaged ({}); parsing what it no longer gives", file, e.toString());
    } catch (IOException e) {
      LOG.warn("cannot read parse cache {} ({}); parsing what it no longer gives", file, e.toString());
    }
    if (damaged > 0) {
      LOG.warn("parse cache {} has {} damaged {}; parsing them again", file, damaged, damaged == 1 ? "entry" : "entries");
    }
    return new Contents(entries);
  }

  /** Bytes of framing per entry: a length and a CRC-32C. */
  private static final int FRAME_OVERHEAD = 8;
  /** The largest frame read: an article (at most a 1 MiB file) with its HTML fits many times over. */
  private static final int MAX_FRAME = 64 << 20;

  /**
   * The next frame's payload, or null if its checksum does not match. A length that cannot be right
   * (negative, over the cap, or longer than what is left of the file) ends the reading: nothing is
   * allocated for it.
   */
  private static DataInputStream frame(DataInputStream in, long[] left) throws IOException {
    if (left[0] < FRAME_OVERHEAD) {
      throw new EOFException("the file ends inside a frame");
    }
    int length = in.readInt();
    int crc = in.readInt();
    if (length < 0 || length > MAX_FRAME || length > left[0] - FRAME_OVERHEAD) {
      throw new EOFException("a frame of " + length + " bytes with " + (left[0] - FRAME_OVERHEAD) + " left");
    }
    byte[] payload = new byte[length];
    in.readFully(payload);
    left[0] -= FRAME_OVERHEAD + length;
    CRC32C check = new CRC32C();
    check.update(payload);
    return (int) check.getValue() == crc ? new DataInputStream(new ByteArrayInputStream(payload)) : null;
  }

  private static void frame(DataOutputStream out, ByteArrayOutputStream payload) throws IOException {
    CRC32C check = new CRC32C();
    check.update(payload.toByteArray(), 0, payload.size());
    out.writeInt(payload.size());
    out.writeInt((int) check.getValue());
    payload.writeTo(out);
    payload.reset();
  }

  /**
   * Replaces the cache in one rename, so a reader never sees half of it. Each write has a temporary file of
   * its own, so a {@code build} and a {@code serve} of the same folder (on one host or sharing a volume)
   * never write into one file; one left by a process killed while writing is removed by a later write.
   */
  void write(String key, Path root, Map<Path, Entry> entries, ContentCache contents) throws IOException {
    Files.createDirectories(file.getParent());
    removeStaleTemps();
    // A name no other write picks, created as any file is (its mode from the umask, as the cache it replaces had:
    // a createTempFile would make it private to this user, and a serve run as another could not read it).
    Path temp = file.resolveSibling(file.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
    try {
      try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
          Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 16))) {
        out.writeInt(MAGIC);
        out.writeInt(FORMAT);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        DataOutputStream payload = new DataOutputStream(bytes);
        ArticleCodec.string(payload, key);
        ArticleCodec.string(payload, BUILD);
        payload.writeInt(entries.size());
        frame(out, bytes);
        for (Map.Entry<Path, Entry> e : entries.entrySet()) {
          Entry entry = e.getValue();
          ArticleCodec.string(payload, root.relativize(e.getKey()).toString());
          payload.writeLong(entry.stamp().size());
          ArticleCodec.instant(payload, entry.stamp().modified());
          ArticleCodec.instant(payload, entry.stamp().changed());
          payload.writeLong(entry.stamp().inode());
          ArticleCodec.instant(payload, entry.seenAt());
          ArticleCodec.bytes(payload, entry.digest());
          payload.writeInt(entry.idAt().line());
          payload.writeInt(entry.idAt().column());
          payload.writeInt(entry.slugAt().line());
          payload.writeInt(entry.slugAt().column());
          payload.writeInt(entry.categoriesAt().line());
          payload.writeInt(entry.categoriesAt().column());
          ArticleCodec.write(entry.article(), contents, payload);
          frame(out, bytes);
        }
      }
      Rename.over(temp, file);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Temporary files of this cache that a killed process left behind: those not written to for
   * {@link #STALE} (a write under way writes all the time, and takes seconds even at 100,000 articles).
   */
  private void removeStaleTemps() throws IOException {
    String name = file.getFileName().toString();
    long before = System.currentTimeMillis() - STALE.toMillis();
    try (DirectoryStream<Path> temps = Files.newDirectoryStream(file.getParent(), p -> {
      String n = p.getFileName().toString();
      if (!n.startsWith(name) || !n.endsWith(".tmp") || n.length() <= name.length()) {
        return false;
      }
      try {
        return Files.getLastModifiedTime(p, java.nio.file.LinkOption.NOFOLLOW_LINKS).toMillis() < before;
      } catch (IOException gone) {
        return false;
      }
    })) {
      for (Path temp : temps) {
        Files.deleteIfExists(temp);
        LOG.info("removed {}, left by a write of the parse cache that did not finish", temp);
      }
    }
  }

  /**
   * Which build of Gazette wrote a cache: the jar's size and modification time, or for classes in a
   * folder (a development build) the latest modification among them. Another build may parse differently.
   */
  public static final String BUILD = build();

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
