package gazette.article;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Deflated article bodies kept in a file instead of the heap: at 100,000 articles they are most of what a
 * catalog weighs (about 2 KB each), and most are never read again in a process's life, since only the
 * feed windows are rendered ahead. The file is this process's alone and unnamed: it is removed from its
 * folder as soon as it is open, so nothing is left behind, even by a crash. Bodies are appended and never
 * moved; one replaced by an edit stays in the file until the process ends (each edit adds its body's
 * deflated size, about 2 KB for a 5 KB story).
 */
public final class BodyStore implements AutoCloseable {
  private final FileChannel channel;
  private long end;

  private BodyStore(FileChannel channel) {
    this.channel = channel;
  }

  /** A new store in {@code folder} (created if missing). */
  public static BodyStore in(Path folder) throws IOException {
    Files.createDirectories(folder);
    Path file = Files.createTempFile(folder, "gazette-bodies-", ".tmp");
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
        StandardOpenOption.DELETE_ON_CLOSE);
    Files.deleteIfExists(file); // the open channel keeps its bytes
    return new BodyStore(channel);
  }

  /** Appends {@code bytes}, returning where they start. */
  synchronized long put(byte[] bytes) {
    long at = end;
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    try {
      while (buffer.hasRemaining()) {
        channel.write(buffer, at + buffer.position());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep an article body in the body store", e);
    }
    end = at + bytes.length;
    return at;
  }

  /** The {@code length} bytes stored at {@code at}. */
  byte[] get(long at, int length) {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    try {
      while (buffer.hasRemaining()) {
        if (channel.read(buffer, at + buffer.position()) < 0) {
          throw new EOFException("the body store ends before " + (at + length));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read an article body from the body store", e);
    }
    return buffer.array();
  }

  /** How many bytes the store holds, live and replaced. */
  public synchronized long size() {
    return end;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
