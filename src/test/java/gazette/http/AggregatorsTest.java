package gazette.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AggregatorsTest {
  /** Real User-Agent strings, each with its source: user-agents/aggregators.tsv. */
  private static List<String[]> recorded() throws IOException {
    return Files.readAllLines(Path.of("src/test/resources/user-agents/aggregators.tsv"), StandardCharsets.UTF_8).stream()
        .filter(line -> !line.startsWith("#") && !line.isBlank())
        .map(line -> line.split("\t", -1))
        .toList();
  }

  @Test
  void everyRecordedAgentGivesItsAggregatorFeedIdAndCountOrNothing() throws IOException {
    List<String[]> agents = recorded();

    for (String[] agent : agents) {
      Optional<Aggregators.Announcement> parsed = Aggregators.parse(agent[0]);

      if (agent[3].isEmpty()) {
        assertThat(parsed).as(agent[0]).isEmpty();
      } else {
        assertThat(parsed).as(agent[0])
            .hasValue(new Aggregators.Announcement(agent[1], agent[2], Long.parseLong(agent[3])));
      }
    }
    assertThat(agents).hasSizeGreaterThan(15);
  }

  @Test
  void anUnknownAggregatorIsNamedByItsProductToken() {
    assertThat(Aggregators.parse("NewReader/2.0 (+https://newreader.example; 12 subscribers)"))
        .hasValue(new Aggregators.Announcement("NewReader", "", 12));
    assertThat(Aggregators.parse("Mozilla/5.0 (compatible; Fetchy; 3 readers)"))
        .hasValue(new Aggregators.Announcement("Fetchy", "", 3));
  }

  @Test
  void aForgedHugeCountIsCapped() {
    assertThat(Aggregators.parse("X/1 (999999999999 subscribers)").orElseThrow().subscribers())
        .isEqualTo(Aggregators.MOST);
  }

  /** gazette stats prints names and ids on a terminal: an escape sequence in an agent must not reach it. */
  @Test
  void namesAndIdsAreNeverControlCharacters() {
    Aggregators.Announcement a = Aggregators.parse(
        "Mozilla/5.0 (compatible; Evil\u001b[2J; for https://x.example/\u001b]0;pwn\u0007; 5 subscribers)").orElseThrow();

    assertThat(a.aggregator()).isEqualTo("Evil");
    assertThat(a.feedId()).isEqualTo("https://x.example/");
    assertThat(a.subscribers()).isEqualTo(5);
  }
}
