package gazette.cli;

import static org.assertj.core.api.Assertions.assertThat;

import gazette.memory.Audience;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatsCommandTest {
  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(args, new PrintWriter(out), new PrintWriter(err), Map.of());
  }

  @Test
  void statsPrintsEachFeedsAnnouncedSubscribersAndOtherClients() throws Exception {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    try (Audience audience = Audience.open(dir)) {
      audience.record(List.of(new Audience.Report("/feed.xml", "Feedly", "", today, 462),
          new Audience.Report("/feed.xml", "Feedbin", "1697787", today.minusDays(1), 102)),
          List.of(new Audience.Visit("/feed.xml", today, new byte[] {1}), new Audience.Visit("/feed.xml", today, new byte[] {2})));
    }

    int code = run("stats", "--state-dir", dir.toString());

    assertThat(code).isZero();
    assertThat(out.toString()).isEqualTo("/feed.xml: 564 subscribers announced by aggregators; 2 other clients today, 0 yesterday\n"
        + "  Feedly                  462  " + today + "\n"
        + "  Feedbin                 102  " + today.minusDays(1) + "  feed-id 1697787\n");
  }

  @Test
  void withoutStatisticsItSaysWhere() {
    int code = run("stats", "--state-dir", dir.toString());

    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).isEqualTo("gazette: no statistics in " + dir + " yet (gazette serve counts them; give"
        + " --state-dir if it keeps them elsewhere)\n");
  }
}
