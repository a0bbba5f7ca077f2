package gazette.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The times in access lines: each line's own, as the formatters write them, though a busy second's lines share
 * one formatted second.
 */
class AccessLogTest {
  private static final DateTimeFormatter CLF =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

  private static Served served(long time, long nanos) throws Exception {
    return new Served(time, InetAddress.getByName("192.0.2.1"), null, null, "GET", "/feed.xml", "", "HTTP/1.1", 304, 0,
        null, "Reader/1.0", nanos, false, false);
  }

  /** Times in one second, across seconds, back again (lines are written in the order responses end), and around midnight. */
  private static final long[] TIMES = {1_705_744_800_000L, 1_705_744_800_001L, 1_705_744_800_010L,
      1_705_744_800_100L, 1_705_744_800_999L, 1_705_744_801_000L, 1_705_744_801_500L, 1_705_744_800_500L,
      1_705_795_199_999L, 1_705_795_200_000L, 1_705_795_200_120L, 0L, 999L, 1000L};

  @Test
  void combinedLinesCarryTheSecondTheRequestCameIn() throws Exception {
    List<String> lines = new ArrayList<>();
    AccessLog log = new AccessLog(AccessLog.Format.COMBINED, lines::add);
    List<String> expected = new ArrayList<>();
    for (long time : TIMES) {
      for (long nanos : new long[] {0, 1_500_000, 999_000_000}) {
        if (time - nanos / 1_000_000 < 0) {
          continue;
        }
        log.served(served(time, nanos), "192.0.2.1");
        expected.add("192.0.2.1 - - [" + CLF.format(Instant.ofEpochMilli(time - nanos / 1_000_000)) + "] \"GET"
            + " /feed.xml HTTP/1.1\" 304 - \"-\" \"Reader/1.0\" " + nanos / 1000);
      }
    }

    assertThat(lines).containsExactlyElementsOf(expected);
  }

  @Test
  void jsonLinesCarryTheInstantAsIsoInstantWritesIt() throws Exception {
    List<String> lines = new ArrayList<>();
    AccessLog log = new AccessLog(AccessLog.Format.JSON, lines::add);
    List<String> expected = new ArrayList<>();
    for (long time : TIMES) {
      log.served(served(time, 187_000), "192.0.2.1");
      expected.add("{\"time\":\"" + DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(time)) + "\","
          + "\"client\":\"192.0.2.1\",\"method\":\"GET\",\"path\":\"/feed.xml\",\"query\":\"\",\"protocol\":\"HTTP/1.1\","
          + "\"status\":304,\"bytes\":0,\"referer\":null,\"user_agent\":\"Reader/1.0\",\"duration_us\":187}");
    }

    assertThat(lines).containsExactlyElementsOf(expected);
  }
}
