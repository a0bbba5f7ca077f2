package gazette.article;

import java.io.Reader;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.scanner.Constant;

/**
 * SnakeYAML's reader over a whole file's text at once, for a text already known to be printable.
 *
 * <p>{@link StreamReader} reads its input in windows of 1,023 characters, turns each into code points,
 * checks every one against YAML's printable set and copies the unread rest of the window forward each
 * time; every {@code peek} checks whether a new window is due. That was nearly half of a cold load.
 * An article is at most {@link YamlMapping#MAX_FILE_BYTES} and is already in memory, so this reader
 * turns it into code points once, checking them in the same loop, and then only indexes an array. From
 * a file's bytes ({@link #of(byte[])}) decoding the UTF-8 is the same loop, and no string of the whole
 * file is made at all.
 *
 * <p>What the scanner sees is the same: the same code points, the same line, column and index after
 * every step (a line break is {@link Constant#LINEBR}, or a {@code \r} with something other than
 * {@code \n} after it; a byte-order mark takes no column), {@code 0} past the end. A text with a
 * character outside the printable set gets SnakeYAML's own reader instead ({@link #of(String)}), so where and how
 * such a file is refused does not change either.
 */
final class WholeText extends StreamReader {
  private static final String NAME = "'string'"; // what StreamReader(String) calls its input in marks

  private final int[] points;
  private final int length;
  private int pointer;
  private int index;
  private int documentIndex;
  private int line;
  private int column;

  private WholeText(int[] points, int length) {
    super(Reader.nullReader()); // its window is never used: every method that reads it is overridden
    this.points = points;
    this.length = length;
  }

  /**
   * A reader straight from a file's bytes, decoded and checked in one pass; null unless the bytes are
   * well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF) of printable
   * code points only, for which the caller takes the long way ({@link #of(String)}) and its problems.
   */
  static WholeText of(byte[] utf8) {
    int n = utf8.length;
    int[] points = new int[n];
    int count = 0;
    int i = 0;
    while (i < n) {
      int b = utf8[i];
      if (b >= 0x20 || b == '\n') { // ASCII (a byte is signed): printable but for DEL
        if (b == 0x7F) {
          return null;
        }
        points[count++] = b;
        i++;
        continue;
      }
      int c;
      if (b >= 0) {
        c = b; // a control character: printable only if tab or CR
        i++;
      } else if ((b & 0xE0) == 0xC0 && i + 1 < n && (b & 0xFF) >= 0xC2 && (utf8[i + 1] & 0xC0) == 0x80) {
        c = (b & 0x1F) << 6 | utf8[i + 1] & 0x3F;
        i += 2;
      } else if ((b & 0xF0) == 0xE0 && i + 2 < n && (utf8[i + 1] & 0xC0) == 0x80 && (utf8[i + 2] & 0xC0) == 0x80) {
        c = (b & 0x0F) << 12 | (utf8[i + 1] & 0x3F) << 6 | utf8[i + 2] & 0x3F;
        if (c < 0x800 || Character.isSurrogate((char) c)) {
          return null;
        }
        i += 3;
      } else if ((b & 0xF8) == 0xF0 && i + 3 < n && (utf8[i + 1] & 0xC0) == 0x80 && (utf8[i + 2] & 0xC0) == 0x80
          && (utf8[i + 3] & 0xC0) == 0x80) {
        c = (b & 0x07) << 18 | (utf8[i + 1] & 0x3F) << 12 | (utf8[i + 2] & 0x3F) << 6 | utf8[i + 3] & 0x3F;
        if (c < 0x10000 || c > Character.MAX_CODE_POINT) {
          return null;
        }
        i += 4;
      } else {
        return null;
      }
      if (!StreamReader.isPrintable(c)) {
        return null;
      }
      points[count++] = c;
    }
    return new WholeText(points, count);
  }

  /** A reader for {@code text}: this one when every code point is printable, else SnakeYAML's own. */
  static StreamReader of(String text) {
    int n = text.length();
    int[] points = new int[n];
    int count = 0;
    for (int i = 0; i < n; i++) {
      int c = text.charAt(i);
      if (c >= 0x20 && c <= 0x7E || c == '\n') {
        points[count++] = c; // the common case, ahead of the full check
        continue;
      }
      if (Character.isHighSurrogate((char) c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
        c = Character.toCodePoint((char) c, text.charAt(++i));
      }
      if (!StreamReader.isPrintable(c)) {
        return new StreamReader(text);
      }
      points[count++] = c;
    }
    return new WholeText(points, count);
  }

  @Override
  public Mark getMark() {
    return new Mark(NAME, index, line, column, points, pointer);
  }

  @Override
  public void forward() {
    forward(1);
  }

  @Override
  public void forward(int count) {
    for (int i = 0; i < count && pointer < length; i++) {
      int c = points[pointer++];
      index++;
      documentIndex++;
      if (Constant.LINEBR.has(c) || c == '\r' && pointer < length && points[pointer] != '\n') {
        line++;
        column = 0;
      } else if (c != 0xFEFF) {
        column++;
      }
    }
  }

  @Override
  public int peek() {
    return pointer < length ? points[pointer] : 0;
  }

  @Override
  public int peek(int offset) {
    int at = pointer + offset;
    return at < length ? points[at] : 0;
  }

  @Override
  public String prefix(int count) {
    if (count == 0) {
      return "";
    }
    int n = Math.min(count, length - pointer);
    return new String(points, pointer, n);
  }

  @Override
  public String prefixForward(int count) {
    String prefix = prefix(count);
    pointer += count;
    index += count;
    documentIndex += count;
    column += count;
    return prefix;
  }

  @Override
  public int getColumn() {
    return column;
  }

  @Override
  public int getDocumentIndex() {
    return documentIndex;
  }

  @Override
  public void resetDocumentIndex() {
    documentIndex = 0;
  }

  @Override
  public int getIndex() {
    return index;
  }

  @Override
  public int getLine() {
    return line;
  }
}
