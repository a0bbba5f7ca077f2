package gazette.article;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Article dates: an RFC 3339 timestamp with an offset, or a bare {@code YYYY-MM-DD} at midnight in a zone. */
final class Timestamps {
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern DATE_TIME = Pattern.compile(
      "\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})");
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
    try {
      if (DATE.matcher(v).matches()) {
        return LocalDate.parse(v, DateTimeFormatter.ISO_LOCAL_DATE).atStartOfDay(zone).toInstant();
      }
      if (DATE_TIME.matcher(v).matches()) {
        String iso = v.substring(0, 10) + "T" + v.substring(11).toUpperCase(Locale.ROOT);
        return OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      }
    } catch (DateTimeParseException e) {
      throw new Invalid("is not a real date or time");
    }
    if (DATE_TIME_WITHOUT_OFFSET.matcher(v).matches()) {
      throw new Invalid("has no UTC offset (write 2024-01-20T10:00:00+04:00, or Z for UTC)");
    }
    throw new Invalid("is not a date (expected 2024-01-20 or 2024-01-20T10:00:00+04:00)");
  }
}
