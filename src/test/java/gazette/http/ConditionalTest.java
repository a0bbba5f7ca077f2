package gazette.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionalTest {
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
  @CsvSource(delimiter = '|', value = {
      "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8 | true",
      "TEXT/HTML                                                       | true",
      "application/rss+xml, application/xml;q=0.9, */*;q=0.1           | false",
      "*/*                                                             | false",
      "text/html;q=0, */*                                              | false",
      ";                                                               | false"})
  void browsersAreToldApartByAskingForHtml(String accept, boolean expected) {
    HeaderMap headers = new HeaderMap();
    headers.put(Headers.ACCEPT, accept);

    assertThat(Conditional.browserNavigation(headers)).isEqualTo(expected);
  }

  @Test
  void noAcceptEncodingMeansIdentity() {
    assertThat(Conditional.acceptsGzip(new HeaderMap())).isFalse();
  }
}
