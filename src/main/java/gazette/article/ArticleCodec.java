package gazette.article;

import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.io.StreamCorruptedException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a validated {@link Article} field by field and reads it back unchanged, so that a restart can
 * reuse what an earlier run parsed. Strings are length-prefixed UTF-8 (titles and summaries may exceed
 * what {@link DataOutput#writeUTF} allows); an absent value is a -1 length. A body converted to HTML
 * already (in the {@link ContentCache}) is stored with its HTML, so that the articles the feeds carry
 * need no conversion after a restart.
 */
public final class ArticleCodec {
  private ArticleCodec() {}

  public static void write(Article a, ContentCache contents, DataOutput out) throws IOException {
    string(out, a.id());
    string(out, a.slug());
    string(out, a.title());
    instant(out, a.published());
    instant(out, a.updated());
    out.writeInt(a.authors().size());
    for (Author author : a.authors()) {
      string(out, author.name());
      string(out, author.email());
      uri(out, author.url());
    }
    Body body = a.body();
    bytes(out, body.deflated());
    out.writeInt(body.length());
    out.writeByte(body.format().ordinal());
    uri(out, body.base());
    string(out, body.writerSummary());
    Content.Rendered rendered = contents.ifPresent(body); // the feeds' articles: converted already
    string(out, rendered == null ? null : rendered.html());
    string(out, rendered == null ? null : rendered.summary());
    out.writeInt(a.categories().size());
    for (String category : a.categories()) {
      string(out, category);
    }
    uri(out, a.link());
    out.writeBoolean(a.page());
    uri(out, a.image());
    out.writeInt(a.enclosures().size());
    for (Enclosure e : a.enclosures()) {
      uri(out, e.url());
      string(out, e.type());
      out.writeLong(e.length());
    }
    out.writeBoolean(a.draft());
    string(out, a.language());
    out.writeBoolean(a.idWritten());
    Episode e = a.episode();
    integer(out, e.duration());
    integer(out, e.number());
    integer(out, e.season());
    string(out, e.type());
    out.writeByte(e.explicit() == null ? -1 : e.explicit() ? 1 : 0);
    uri(out, e.transcript());
    uri(out, e.chapters());
    data(out, a.extra());
    out.writeInt(a.aliases().size());
    for (String alias : a.aliases()) {
      string(out, alias);
    }
  }

  /** The writer's own data: a kind byte (0 text, 1 list, 2 mapping), then the text or the items. */
  private static void data(DataOutput out, Object value) throws IOException {
    if (value instanceof String s) {
      out.writeByte(0);
      string(out, s);
    } else if (value instanceof List<?> list) {
      out.writeByte(1);
      out.writeInt(list.size());
      for (Object item : list) {
        data(out, item);
      }
    } else if (value instanceof Map<?, ?> map) {
      out.writeByte(2);
      out.writeInt(map.size());
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        string(out, (String) entry.getKey());
        data(out, entry.getValue());
      }
    } else {
      throw new IllegalArgumentException("extra holds text, lists and mappings only, not " + value);
    }
  }

  private static Object data(DataInput in, int depth) throws IOException {
    if (depth > 64) {
      throw new StreamCorruptedException("extra nested deeper than YAML allows");
    }
    int kind = in.readByte();
    switch (kind) {
      case 0:
        return string(in);
      case 1: {
        List<Object> items = new ArrayList<>();
        for (int i = count(in); i > 0; i--) {
          items.add(data(in, depth + 1));
        }
        return List.copyOf(items);
      }
      case 2: {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = count(in); i > 0; i--) {
          map.put(string(in), data(in, depth + 1));
        }
        return Collections.unmodifiableMap(map);
      }
      default:
        throw new StreamCorruptedException("no kind of extra value " + kind);
    }
  }

  private static List<String> aliases(DataInput in) throws IOException {
    List<String> aliases = new ArrayList<>();
    for (int i = count(in); i > 0; i--) {
      aliases.add(string(in));
    }
    return aliases;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> extra(DataInput in) throws IOException {
    Object data = data(in, 0);
    if (!(data instanceof Map<?, ?>)) {
      throw new StreamCorruptedException("extra is not a mapping");
    }
    return (Map<String, Object>) data;
  }

  public static Article read(Path file, ContentCache contents, DataInput in) throws IOException {
    String id = string(in);
    String slug = string(in);
    String title = string(in);
    Instant published = instant(in);
    Instant updated = instant(in);
    List<Author> authors = new ArrayList<>();
    for (int i = count(in); i > 0; i--) {
      authors.add(new Author(string(in), string(in), uri(in)));
    }
    byte[] deflated = bytes(in);
    int length = in.readInt();
    int ordinal = in.readUnsignedByte();
    if (ordinal >= Content.Format.values().length) {
      throw new StreamCorruptedException("no content format " + ordinal);
    }
    Content.Format format = Content.Format.values()[ordinal];
    Body body = Body.restore(deflated, length, format, uri(in), string(in));
    String html = string(in);
    String derivedSummary = string(in);
    if (html != null && derivedSummary != null) {
      contents.restore(body, html, derivedSummary);
    }
    List<String> categories = new ArrayList<>();
    for (int i = count(in); i > 0; i--) {
      categories.add(string(in));
    }
    URI link = uri(in);
    boolean page = in.readBoolean();
    URI image = uri(in);
    List<Enclosure> enclosures = new ArrayList<>();
    for (int i = count(in); i > 0; i--) {
      enclosures.add(new Enclosure(uri(in), string(in), in.readLong()));
    }
    boolean draft = in.readBoolean();
    String language = string(in);
    return new Article(file, id, slug, title, published, updated, authors, body, categories, link, page, image,
        enclosures, draft, language, in.readBoolean(), episode(in), extra(in), aliases(in));
  }

  private static Episode episode(DataInput in) throws IOException {
    Integer duration = integer(in);
    Integer number = integer(in);
    Integer season = integer(in);
    String type = string(in);
    byte explicit = in.readByte();
    return new Episode(duration, number, season, type, explicit < 0 ? null : explicit == 1, uri(in), uri(in));
  }

  private static void integer(DataOutput out, Integer n) throws IOException {
    out.writeBoolean(n != null);
    if (n != null) {
      out.writeInt(n);
    }
  }

  private static Integer integer(DataInput in) throws IOException {
    return in.readBoolean() ? in.readInt() : null;
  }

  public static void string(DataOutput out, String s) throws IOException {
    bytes(out, s == null ? null : s.getBytes(StandardCharsets.UTF_8));
  }

  public static String string(DataInput in) throws IOException {
    byte[] b = bytes(in);
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  public static void bytes(DataOutput out, byte[] b) throws IOException {
    if (b == null) {
      out.writeInt(-1);
    } else {
      out.writeInt(b.length);
      out.write(b);
    }
  }

  public static byte[] bytes(DataInput in) throws IOException {
    int n = in.readInt();
    if (n == -1) {
      return null;
    }
    if (n < 0 || n > left(in)) {
      throw new StreamCorruptedException("a length of " + n + " with " + left(in) + " bytes left");
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return b;
  }

  /** A count of items that each take at least 4 bytes, checked against what is left. */
  private static int count(DataInput in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > left(in) / 4) {
      throw new StreamCorruptedException("a count of " + n + " with " + left(in) + " bytes left");
    }
    return n;
  }

  /**
   * How many bytes are left to read, where the input can tell (the parse cache reads each entry from
   * memory, where {@link DataInputStream#available} is exact), so that a damaged length never makes
   * an allocation bigger than the input.
   */
  private static long left(DataInput in) throws IOException {
    return in instanceof DataInputStream stream ? stream.available() : Long.MAX_VALUE;
  }

  public static void instant(DataOutput out, Instant t) throws IOException {
    out.writeLong(t.getEpochSecond());
    out.writeInt(t.getNano());
  }

  public static Instant instant(DataInput in) throws IOException {
    return Instant.ofEpochSecond(in.readLong(), in.readInt());
  }

  private static void uri(DataOutput out, URI uri) throws IOException {
    string(out, uri == null ? null : uri.toString());
  }

  private static URI uri(DataInput in) throws IOException {
    String s = string(in);
    return s == null ? null : URI.create(s);
  }
}
