package gazette.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimestampsTest {
  private static final ZoneId UTC = ZoneId.of("UTC");

  @ParameterizedTest
  @CsvSource({
      "2024-01-20T10:00:00+04:00, 2024-01-20T06:00:00Z",
      "2016-12-31T23:59:60Z, 2016-12-31T23:59:59Z",
      "2016-12-31T18:59:60-05:00, 2016-12-31T23:59:59Z",
      "2024-01-20T10:00:00+23:59, 2024-01-19T10:01:00Z",
      "2024-01-20T10:00:00-23:59, 2024-01-21T09:59:00Z",
      "2024-01-20t10:00:00.123456789012z, 2024-01-20T10:00:00.123456789Z",
      "1900-01-01, 1900-01-01T00:00:00Z",
      "2999-12-31T23:59:59-23:59, 3000-01-01T23:58:59Z",
  })
  void everyRfc3339TimestampIsRead(String written, String instant) throws Exception {
    assertThat(Timestamps.parse(written, UTC)).isEqualTo(Instant.parse(instant));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "0001-01-01 | is outside the years Gazette accepts (1900 to 2999)",
      "0000-01-01T00:00:00Z | is outside the years Gazette accepts (1900 to 2999)",
      "1899-12-31 | is outside the years Gazette accepts (1900 to 2999)",
      "9999-12-31T23:59:59Z | is outside the years Gazette accepts (1900 to 2999)",
      "2024-02-30 | is not a real date or time",
      "2024-01-20T23:58:60Z | is not a real date or time",
      "2024-01-20T24:00:00Z | is not a real date or time",
      "2024-01-20T10:00:00+24:00 | has an offset beyond ±23:59",
      "2024-01-20T10:00:00+05:60 | has an offset beyond ±23:59",
      "2024-01-20T10:00 | has no UTC offset (write 2024-01-20T10:00:00+04:00, or Z for UTC)",
  })
  void whatIsNotADateGetsItsReason(String written, String reason) {
    assertThatThrownBy(() -> Timestamps.parse(written, UTC)).isInstanceOf(Timestamps.Invalid.class).hasMessage(reason);
  }

  @Test
  void anUpdatedDateOf9999OnAnOldArticleIsAProblemAtItsLine() {
    ArticleParser.Result result = new ArticleParser(PublicationParser.fallback(java.net.URI.create("https://x.org/")))
        .parse(java.nio.file.Path.of("a.yaml"), "title: A\npublished: 2001-01-01\nupdated: 9999-01-01T00:00:00Z\ncontent: x\n"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));

    assertThat(result.problems()).map(Problem::toString).containsExactly(
        "a.yaml:3:10: updated: \"9999-01-01T00:00:00Z\" is outside the years Gazette accepts (1900 to 2999)");
  }
}
