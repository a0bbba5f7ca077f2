package gazette.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One access-log line per response, in one of two formats. {@link Format#COMBINED} is the Combined Log Format
 * of Apache and nginx, with the response time in microseconds appended (Apache's {@code %D}), so that log
 * analysers read it as they are:
 *
 * <pre>203.0.113.9 - - [20/Jan/2024:10:00:00 +0000] "GET /feed.xml HTTP/1.1" 304 0 "-" "Feedly/1.0 (...)" 187</pre>
 *
 * {@link Format#JSON} is one JSON object per line. Quotes, backslashes and control characters in a value are
 * escaped ({@code \"}, {@code \\}, {@code \x1b} or JSON's {@code \u001b}), so that no request can fake a line.
 * The query of {@code /stats} (which may carry its token) is never written.
 */
public final class AccessLog implements Traffic.Listener {
  private static final DateTimeFormatter CLF_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

  /** How lines are written. */
  public enum Format {
    COMBINED, JSON;

    /** {@code combined} or {@code json}. */
    public static Format parse(String name) {
      for (Format format : values()) {
        if (format.name().equalsIgnoreCase(name.trim())) {
          return format;
        }
      }
      throw new IllegalArgumentException("\"" + name + "\" is not a log format (expected combined or json)");
    }
  }

  private final Format format;
  private final Consumer<String> sink;
  private final StringBuilder line = new StringBuilder(256); // the traffic thread's only
  // The last second formatted, for each format: a busy second's lines share it rather than format it again.
  private long clfSecond = Long.MIN_VALUE;
  private String clfTime;
  private long isoSecond = Long.MIN_VALUE;
  private String isoTime; // without the closing Z

  /** @param sink where each line goes, without its line break */
  public AccessLog(Format format, Consumer<String> sink) {
    this.format = format;
    this.sink = sink;
  }

  @Override
  public void served(Served served, String client) {
    line.setLength(0);
    if (format == Format.COMBINED) {
      combined(served, client);
    } else {
      json(served, client);
    }
    sink.accept(line.toString());
  }

  /** Called when the queue is drained: nothing is waiting, so buffered lines may be written out. */
  @Override
  public void idle() {
    if (sink instanceof Traffic.Flushable flushable) {
      flushable.flush();
    }
  }

  private void combined(Served s, String client) {
    line.append(client).append(" - - [");
    line.append(clfTime(s.time() - s.nanos() / 1_000_000)); // %t: when the request came
    line.append("] \"");
    clf(s.method());
    line.append(' ');
    clf(s.path());
    if (!s.query().isEmpty() && !s.path().equals(Operations.STATS)) {
      line.append('?');
      clf(s.query());
    }
    line.append(' ');
    clf(s.protocol());
    line.append("\" ").append(s.status()).append(' ');
    if (s.bytes() > 0) {
      line.append(s.bytes());
    } else {
      line.append('-');
    }
    line.append(" \"");
    clf(s.referer() == null ? "-" : s.referer());
    line.append("\" \"");
    clf(s.userAgent() == null ? "-" : s.userAgent());
    line.append("\" ").append(s.nanos() / 1000);
  }

  private void json(Served s, String client) {
    line.append("{\"time\":\"");
    isoTime(s.time());
    line.append("\",\"client\":");
    jsonString(client);
    line.append(",\"method\":");
    jsonString(s.method());
    line.append(",\"path\":");
    jsonString(s.path());
    line.append(",\"query\":");
    jsonString(s.path().equals(Operations.STATS) ? "" : s.query());
    line.append(",\"protocol\":");
    jsonString(s.protocol());
    line.append(",\"status\":").append(s.status());
    line.append(",\"bytes\":").append(s.bytes());
    line.append(",\"referer\":");
    jsonString(s.referer());
    line.append(",\"user_agent\":");
    jsonString(s.userAgent());
    line.append(",\"duration_us\":").append(s.nanos() / 1000);
    line.append('}');
  }

  private String clfTime(long millis) {
    long second = Math.floorDiv(millis, 1000);
    if (second != clfSecond) {
      clfTime = CLF_TIME.format(Instant.ofEpochSecond(second));
      clfSecond = second;
    }
    return clfTime;
  }

  /** What {@link DateTimeFormatter#ISO_INSTANT} writes: the second, then the milliseconds unless 0. */
  private void isoTime(long millis) {
    long second = Math.floorDiv(millis, 1000);
    if (second != isoSecond) {
      String formatted = DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(second));
      isoTime = formatted.substring(0, formatted.length() - 1);
      isoSecond = second;
    }
    line.append(isoTime);
    int milli = (int) Math.floorMod(millis, 1000L);
    if (milli != 0) {
      line.append('.').append((char) ('0' + milli / 100)).append((char) ('0' + milli / 10 % 10))
          .append((char) ('0' + milli % 10));
    }
    line.append('Z');
  }

  /** Apache's escaping: {@code "} and {@code \} with a backslash, control and non-ASCII characters as {@code \xhh}. */
  private void clf(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        line.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f) {
        hex(c);
      } else if (c > 0x7e) {
        // Header values reach Java as ISO-8859-1 characters, one per byte: write the bytes, as Apache does.
        if (c <= 0xff) {
          hex(c);
        } else {
          line.append("\\u").append(String.format("%04x", (int) c));
        }
      } else {
        line.append(c);
      }
    }
  }

  private void hex(char c) {
    line.append("\\x").append(Character.forDigit(c >> 4 & 0xf, 16)).append(Character.forDigit(c & 0xf, 16));
  }

  private void jsonString(String value) {
    if (value == null) {
      line.append("null");
      return;
    }
    line.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        line.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f || c >= 0x80 && c <= 0x9f || c == 0x2028 || c == 0x2029) {
        line.append(String.format("\\u%04x", (int) c));
      } else {
        line.append(c);
      }
    }
    line.append('"');
  }
}
