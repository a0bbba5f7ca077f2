package gazette.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionalTest {
  private static final Instant MODIFIED = Instant.parse("2024-01-20T10:00:00Z");

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "\"abc\"                 | true",
      "W/\"abc\"               | true",
      "*                       | true",
      "\"x\", \"abc\"          | true",
      "\"x\",W/\"abc\" , \"y\" | true",
      "\"a,b\", \"abc\"        | true",
      "\"abcd\"                | false",
      "\"ab\"                  | false",
      "abc                     | false",
      "\"x\", \"y\"            | false",
      "\"abc                   | false"})
  void ifNoneMatchUsesWeakComparisonOverLists(String header, boolean expected) {
    assertThat(Conditional.matches(header, "\"abc\"")).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "gzip                       | true",
      "gzip, deflate, br          | true",
      "br;q=1.0, gzip;q=0.5       | true",
      "*                          | true",
      "x-gzip                     | true",
      "GZIP                       | true",
      "identity                   | false",
      "gzip;q=0                   | false",
      "*, gzip;q=0                | false",
      "*;q=0                      | false",
      ";                          | false",
      "'; , ;;'                   | false",
      "br                         | false"})
  void acceptEncodingWeightsAreHonoured(String header, boolean expected) {
    HeaderMap headers = new HeaderMap();
    headers.put(Headers.ACCEPT_ENCODING, header);

    assertThat(Conditional.acceptsGzip(headers)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "document | true",
      "DOCUMENT | true",
      "empty    | false",
      "iframe   | false",
      "-        | false"})
  void aBrowserOpeningAPageIsToldApartByFetchMetadataAlone(String dest, boolean expected) {
    HeaderMap headers = new HeaderMap();
    headers.put(Headers.ACCEPT, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
    if (dest != null) {
      headers.put(new HttpString("Sec-Fetch-Dest"), dest);
    }

    assertThat(Conditional.navigating(headers)).isEqualTo(expected);
  }

  @Test
  void aNotModifiedAnswerNamesTheRepresentationTheClientHolds() {
    List<String> current = List.of("\"id\"", "\"id-gz\"", "\"page\"");
    HeaderMap holdsIdentity = new HeaderMap();
    holdsIdentity.put(Headers.IF_NONE_MATCH, "\"id\"");
    HeaderMap holdsBoth = new HeaderMap();
    holdsBoth.put(Headers.IF_NONE_MATCH, "\"id\", \"id-gz\"");
    HeaderMap holdsOld = new HeaderMap();
    holdsOld.put(Headers.IF_NONE_MATCH, "\"old\", \"old-gz\"");
    HeaderMap any = new HeaderMap();
    any.put(Headers.IF_NONE_MATCH, "*");

    assertThat(Conditional.notModified(holdsIdentity, "\"id-gz\"", current, MODIFIED)).isEqualTo("\"id\"");
    assertThat(Conditional.notModified(holdsBoth, "\"id-gz\"", current, MODIFIED)).isEqualTo("\"id-gz\"");
    assertThat(Conditional.notModified(holdsOld, "\"id-gz\"", current, MODIFIED)).isNull();
    assertThat(Conditional.notModified(any, "\"id-gz\"", current, MODIFIED)).isEqualTo("\"id-gz\"");
  }

  @Test
  void ifModifiedSinceCountsOnlyWithoutIfNoneMatch() {
    HeaderMap since = new HeaderMap();
    since.put(Headers.IF_MODIFIED_SINCE, "Sat, 20 Jan 2024 10:00:00 GMT");
    HeaderMap both = new HeaderMap();
    both.put(Headers.IF_MODIFIED_SINCE, "Sat, 20 Jan 2024 10:00:00 GMT");
    both.put(Headers.IF_NONE_MATCH, "\"old\"");
    HeaderMap before = new HeaderMap();
    before.put(Headers.IF_MODIFIED_SINCE, "Sat, 20 Jan 2024 09:59:59 GMT");

    assertThat(Conditional.notModified(since, "\"id\"", List.of("\"id\""), MODIFIED)).isEqualTo("\"id\"");
    assertThat(Conditional.notModified(both, "\"id\"", List.of("\"id\""), MODIFIED)).isNull();
    assertThat(Conditional.notModified(before, "\"id\"", List.of("\"id\""), MODIFIED)).isNull();
  }

  @Test
  void noAcceptEncodingMeansIdentity() {
    assertThat(Conditional.acceptsGzip(new HeaderMap())).isFalse();
  }
}
