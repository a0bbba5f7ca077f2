package gazette.article;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * An article's content as the writer wrote it, kept deflated, and turned into sanitised HTML (and the
 * summary drawn from it) only when an output needs it. Most articles of a large site sit outside every
 * feed window, so they are never converted unless someone asks for their page or archive page; the
 * converted forms live in one cache bounded by size, so memory stays flat however many articles there are.
 *
 * <p>Equality is identity: the loader hands back the same Body while its file is unchanged.
 */
public final class Body {
  /** Converted HTML kept across renders: enough for every feed window of a large site several times over. */
  static final long CACHE_BYTES = 64L << 20;

  private static final Cache<Body, Content.Rendered> RENDERED = Caffeine.newBuilder()
      .weakKeys() // identity keys; an article that is gone frees its entry
      .maximumWeight(CACHE_BYTES)
      .weigher((Body body, Content.Rendered r) -> 64 + 2 * (r.html().length() + r.summary().length()))
      .build();

  private static final Body NONE = new Body(new byte[0], 0, Content.Format.TEXT, URI.create("about:blank"), "");

  private final byte[] deflated;
  private final int length;
  private final Content.Format format;
  private final URI base;
  private final String summary;

  private Body(byte[] deflated, int length, Content.Format format, URI base, String summary) {
    this.deflated = deflated;
    this.length = length;
    this.format = format;
    this.base = base;
    this.summary = summary;
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

  /**
   * A body as {@link ArticleCodec} stored it; {@code html} and {@code derivedSummary}, when stored, are
   * its converted form, put back in the cache so a restart need not convert it again.
   */
  static Body restore(byte[] deflated, int length, Content.Format format, URI base, String summary, String html,
      String derivedSummary) {
    if (length == 0 && deflated.length == 0) {
      return none(summary);
    }
    Body body = new Body(deflated, length, format, base, summary);
    if (html != null && derivedSummary != null) {
      RENDERED.put(body, new Content.Rendered(html, derivedSummary));
    }
    return body;
  }

  /** The converted form if it is in the cache now, else null. */
  Content.Rendered renderedIfPresent() {
    return RENDERED.getIfPresent(this);
  }

  byte[] deflated() {
    return deflated;
  }

  int length() {
    return length;
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

  /** The sanitised HTML, with every URL absolute; empty when the article has no content. */
  public String html() {
    return length == 0 ? "" : rendered().html();
  }

  /** The writer's summary, or plain text from the first paragraph cut near 300 characters. */
  public String summary() {
    if (summary != null) {
      return summary;
    }
    return length == 0 ? "" : rendered().summary();
  }

  /** The content as written. */
  public String source() {
    if (length == 0) {
      return "";
    }
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(deflated);
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

  private Content.Rendered rendered() {
    return RENDERED.get(this, b -> Content.render(b.source(), b.format, b.base));
  }
}
