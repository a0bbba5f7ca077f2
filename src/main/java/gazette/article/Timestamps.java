package gazette.article;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Article dates: an RFC 3339 timestamp with an offset, or a bare {@code YYYY-MM-DD} at midnight in a zone.
 * RFC 3339 is taken whole: offsets up to {@code ±23:59} (java.time stops at 18 hours) and the leap second
 * {@code 23:59:60}, read as {@code 23:59:59} as java.time reads it. Years are limited to
 * {@value #FIRST_YEAR}–{@value #LAST_YEAR}: every output then shows the same day on the same (Gregorian)
 * calendar, whereas {@code java.util.Date}, which ROME takes, would move dates before 1582 to the
 * Julian calendar in RSS and Atom only.
 */
final class Timestamps {
  static final int FIRST_YEAR = 1900;
  static final int LAST_YEAR = 2999;
  private static final Pattern DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
  private static final Pattern DATE_TIME = Pattern.compile(
      "(\\d{4})-(\\d{2})-(\\d{2})[Tt ](\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d+))?(?:([Zz])|([+-])(\\d{2}):(\\d{2}))");
  private static final Pattern DATE_TIME_WITHOUT_OFFSET = Pattern.compile(
      "\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?");

  private Timestamps() {}

  /** Why a value is not a date, phrased to follow {@code field: "value" }. */
  static final class Invalid extends Exception {
    Invalid(String reason) {
      super(reason, null, false, false);
    }
  }

  static Instant parse(String value, ZoneId zone) throws Invalid {
    String v = value.trim();
    Matcher date = DATE.matcher(v);
    if (date.matches()) {
      return date(date).atStartOfDay(zone).toInstant();
    }
    Matcher m = DATE_TIME.matcher(v);
    if (m.matches()) {
      LocalDate day = date(m);
      int hour = Integer.parseInt(m.group(4));
      int minute = Integer.parseInt(m.group(5));
      int second = Integer.parseInt(m.group(6));
      if (second == 60 && minute == 59) {
        second = 59; // a leap second (RFC 3339 §5.7): the instant has no room for it
      }
      String fraction = m.group(7) == null ? "" : m.group(7);
      int nanos = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9));
      int offset = 0;
      if (m.group(8) == null) {
        int offsetHours = Integer.parseInt(m.group(10));
        int offsetMinutes = Integer.parseInt(m.group(11));
        if (offsetHours > 23 || offsetMinutes > 59) {
          throw new Invalid("has an offset beyond ±23:59");
        }
        offset = (m.group(9).equals("-") ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
      }
      try {
        LocalDateTime local = LocalDateTime.of(day, LocalTime.of(hour, minute, second, nanos));
        return Instant.ofEpochSecond(local.toEpochSecond(ZoneOffset.UTC) - offset, nanos);
      } catch (DateTimeException e) {
        throw new Invalid("is not a real date or time");
      }
    }
    if (DATE_TIME_WITHOUT_OFFSET.matcher(v).matches()) {
      throw new Invalid("has no UTC offset (write 2024-01-20T10:00:00+04:00, or Z for UTC)");
    }
    throw new Invalid("is not a date (expected 2024-01-20 or 2024-01-20T10:00:00+04:00)");
  }

  /** The date in groups 1 to 3 of a match, within the years every output agrees on. */
  private static LocalDate date(Matcher m) throws Invalid {
    int year = Integer.parseInt(m.group(1));
    LocalDate day;
    try {
      day = LocalDate.of(year, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    } catch (DateTimeException e) {
      throw new Invalid("is not a real date or time");
    }
    if (year < FIRST_YEAR || year > LAST_YEAR) {
      throw new Invalid("is outside the years Gazette accepts (" + FIRST_YEAR + " to " + LAST_YEAR + ")");
    }
    return day;
  }
}
