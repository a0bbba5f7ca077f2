package gazette.article;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deflated article bodies kept in a file instead of the heap: at 100,000 articles they are most of what a
 * catalog weighs (about 2 KB each), and most are never read again in a process's life, since only the
 * feed windows are rendered ahead. The file is this process's alone and unnamed: it is removed from its
 * folder as soon as it is open, so nothing is left behind, even by a crash.
 *
 * <p>Bodies are appended and never moved. The same bytes are stored once (by their SHA-256), so articles
 * read again after {@code _feed.yaml} changes add nothing; a body replaced by an edit stays in the file
 * until the process ends (each edit adds its new body's deflated size, about 2 KB for a 5 KB story).
 * A body that cannot be written (a full disk) is not stored: {@link #put} says so and it stays on the
 * heap. Reads and writes go through a {@link RandomAccessFile}, which an interrupted thread cannot close
 * for every other one, as it could a {@code FileChannel}.
 */
public final class BodyStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BodyStore.class);

  private final RandomAccessFile file;
  private final Map<Digest, Long> stored = new HashMap<>();
  private long end;
  private boolean failed;

  private record Digest(long a, long b, long c, long d) {
    static Digest of(byte[] bytes) {
      try {
        ByteBuffer sha = ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(bytes));
        return new Digest(sha.getLong(), sha.getLong(), sha.getLong(), sha.getLong());
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java platform has SHA-256", e);
      }
    }
  }

  private BodyStore(RandomAccessFile file) {
    this.file = file;
  }

  /** A new store in {@code folder} (created if missing). */
  public static BodyStore in(Path folder) throws IOException {
    Files.createDirectories(folder);
    Path path = Files.createTempFile(folder, "gazette-bodies-", ".tmp");
    RandomAccessFile file;
    try {
      file = new RandomAccessFile(path.toFile(), "rw");
    } finally {
      Files.deleteIfExists(path); // the open file keeps its bytes
    }
    return new BodyStore(file);
  }

  /** Stores {@code bytes}, returning where they start, or -1 when they cannot be written (they stay with the caller). */
  synchronized long put(byte[] bytes) {
    Digest digest = Digest.of(bytes);
    Long known = stored.get(digest);
    if (known != null) {
      return known;
    }
    long at = end;
    try {
      file.seek(at);
      file.write(bytes);
    } catch (IOException e) {
      if (!failed) {
        LOG.warn("cannot write article bodies to the body store ({}); they stay on the heap", e.toString());
        failed = true;
      }
      return -1;
    }
    end = at + bytes.length;
    stored.put(digest, at);
    return at;
  }

  /** The {@code length} bytes stored at {@code at}. */
  synchronized byte[] get(long at, int length) {
    byte[] out = new byte[length];
    try {
      file.seek(at);
      file.readFully(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read an article body from the body store", e);
    }
    return out;
  }

  /** How many bytes the store holds, live and replaced. */
  public synchronized long size() {
    return end;
  }

  @Override
  public synchronized void close() throws IOException {
    file.close();
  }
}
