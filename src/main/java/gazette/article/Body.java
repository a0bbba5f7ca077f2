package gazette.article;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.slf4j.LoggerFactory;

/**
 * An article's content as the writer wrote it, kept deflated: most articles of a large site sit outside
 * every feed window and are never converted unless someone asks for their page or archive page. The
 * converted HTML and summary come from a {@link ContentCache}, which keeps them bounded by size. A server
 * keeps the deflated bytes themselves in a {@link BodyStore} file, off the heap ({@link #keepIn}).
 *
 * <p>Equality is identity: the loader hands back the same Body while its file is unchanged, and a cache
 * keyed by Body forgets an article that is gone.
 */
public final class Body {
  private static final Body NONE = new Body(new byte[0], 0, Content.Format.TEXT, URI.create("about:blank"), "");
  /** Bodies that deflate to fewer bytes stay on the heap: a store's read would cost more than they weigh. */
  private static final int STORED_FROM = 256;
  /** Where bodies made from now on are kept; null: on the heap. Set once per process, by a server. */
  private static volatile BodyStore store;

  private final byte[] deflated; // null when the body is in the store
  private final long storedAt;
  private final int storedLength;
  private final BodyStore storedIn;
  private final int length;
  private final Content.Format format;
  private final URI base;
  private final String summary;

  private Body(byte[] deflated, int length, Content.Format format, URI base, String summary) {
    BodyStore in = store;
    long at = in != null && deflated.length >= STORED_FROM ? in.put(deflated) : -1;
    if (at >= 0) {
      this.storedAt = at;
      this.storedLength = deflated.length;
      this.storedIn = in;
      this.deflated = null;
    } else {
      this.storedAt = 0;
      this.storedLength = 0;
      this.storedIn = null;
      this.deflated = deflated;
    }
    this.length = length;
    this.format = format;
    this.base = base;
    this.summary = summary;
  }

  /**
   * Keeps the bodies made from now on in a file in {@code folder} rather than on the heap (see {@link BodyStore}).
   * The first call wins: bodies already stored stay readable for the life of the process. A folder that
   * cannot hold the store (read-only, full) leaves bodies on the heap, with a warning.
   */
  public static synchronized void keepIn(Path folder) {
    if (store == null) {
      try {
        store = BodyStore.in(folder);
      } catch (IOException | RuntimeException e) {
        LoggerFactory.getLogger(Body.class).warn("cannot keep article bodies in {} ({}); they stay on the heap",
            Problem.escape(folder.toString()), e.toString());
      }
    }
  }

  /** How many bytes the body store holds: 0 while bodies stay on the heap. */
  static long storedBytes() {
    BodyStore in = store;
    return in == null ? 0 : in.size();
  }

  /** No content (an article that only links elsewhere), with the summary the writer gave, if any. */
  static Body none(String summary) {
    return summary == null || summary.isEmpty() ? NONE : new Body(new byte[0], 0, Content.Format.TEXT, NONE.base, summary);
  }

  /**
   * @param summary the writer's own summary, or null to draw one from the content's first paragraph
   */
  static Body of(String source, Content.Format format, URI base, String summary) {
    byte[] utf8 = source.getBytes(StandardCharsets.UTF_8);
    Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
    try {
      deflater.setInput(utf8);
      deflater.finish();
      byte[] out = new byte[utf8.length / 2 + 64];
      int n = 0;
      while (!deflater.finished()) {
        if (n == out.length) {
          out = Arrays.copyOf(out, out.length * 2);
        }
        n += deflater.deflate(out, n, out.length - n);
      }
      return new Body(Arrays.copyOf(out, n), utf8.length, format, base, summary);
    } finally {
      deflater.end();
    }
  }

  /** A body as {@link ArticleCodec} stored it. */
  static Body restore(byte[] deflated, int length, Content.Format format, URI base, String summary) {
    if (length == 0 && deflated.length == 0) {
      return none(summary);
    }
    return new Body(deflated, length, format, base, summary);
  }

  byte[] deflated() {
    return deflated != null ? deflated : storedIn.get(storedAt, storedLength);
  }

  int length() {
    return length;
  }

  boolean isEmpty() {
    return length == 0;
  }

  Content.Format format() {
    return format;
  }

  URI base() {
    return base;
  }

  /** The summary the writer gave, or null. */
  String writerSummary() {
    return summary;
  }

  /** The content as written. */
  String source() {
    if (length == 0) {
      return "";
    }
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(deflated());
      byte[] utf8 = new byte[length];
      int n = 0;
      while (n < length) {
        int got = inflater.inflate(utf8, n, length - n);
        if (got == 0 && (inflater.finished() || inflater.needsInput())) {
          break;
        }
        n += got;
      }
      if (n != length) {
        throw new IllegalStateException("content inflated to " + n + " bytes, expected " + length);
      }
      return new String(utf8, StandardCharsets.UTF_8);
    } catch (DataFormatException e) {
      throw new IllegalStateException("content deflated in this process cannot be corrupt", e);
    } finally {
      inflater.end();
    }
  }

  /** Converts the content: sanitised HTML with every URL absolute, and the summary drawn from it. */
  Content.Rendered convert() {
    return Content.render(source(), format, base);
  }
}
