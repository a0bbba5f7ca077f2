package gazette.migrate;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/** The dates other tools write, read into a time with its offset (a time without one is in {@code zone}). */
final class Dates {
  private static final List<DateTimeFormatter> WITH_OFFSET = List.of(
      DateTimeFormatter.ISO_OFFSET_DATE_TIME,
      new DateTimeFormatterBuilder().appendPattern("yyyy-MM-dd HH:mm[:ss][.SSSSSSSSS][.SSSSSS][.SSS] ")
          .appendOffset("+HHMM", "Z").toFormatter(), // Jekyll: 2024-01-20 10:00:00 +0400
      new DateTimeFormatterBuilder().appendPattern("yyyy-MM-dd HH:mm[:ss] ").appendOffset("+HH:MM", "Z").toFormatter(),
      DateTimeFormatter.RFC_1123_DATE_TIME); // RSS and WordPress: Sat, 20 Jan 2024 06:00:00 +0000
  private static final List<DateTimeFormatter> LOCAL = List.of(
      DateTimeFormatter.ISO_LOCAL_DATE_TIME,
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]"));

  private Dates() {}

  static Optional<OffsetDateTime> parse(String written, ZoneId zone) {
    String s = written.strip();
    for (DateTimeFormatter f : WITH_OFFSET) {
      try {
        return Optional.of(OffsetDateTime.parse(s, f));
      } catch (DateTimeParseException e) {
        // the next form
      }
    }
    for (DateTimeFormatter f : LOCAL) {
      try {
        return Optional.of(LocalDateTime.parse(s, f).atZone(zone).toOffsetDateTime());
      } catch (DateTimeParseException e) {
        // the next form
      }
    }
    try {
      return Optional.of(LocalDate.parse(s).atStartOfDay(zone).toOffsetDateTime());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
