package gazette.http;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import java.time.Instant;

/**
 * Coverage-guided fuzzing of the conditional-request decisions (Jazzer): any header values give an
 * answer and never an exception, and the answers keep their invariants (an exact match of the ETag,
 * weak or in a list, is always a match; {@code *} always matches).
 */
class ConditionalFuzzTest {
  private static final String ETAG = "\"Yy8kBJ-K1dWi-pADBpyV8r-zSCB\"";
  private static final String GZIP_ETAG = Policy.gzipEtag(ETAG);
  private static final Instant MODIFIED = Instant.parse("2024-01-20T10:00:00Z");

  @FuzzTest(maxDuration = "15s")
  void anyHeadersGiveAnAnswer(FuzzedDataProvider data) {
    HeaderMap request = new HeaderMap();
    String ifNoneMatch = data.consumeString(200);
    if (data.consumeBoolean()) {
      request.add(Headers.IF_NONE_MATCH, ifNoneMatch);
    }
    request.add(Headers.IF_MODIFIED_SINCE, data.consumeString(64));
    request.add(Headers.ACCEPT_ENCODING, data.consumeString(200));
    request.add(Headers.ACCEPT_ENCODING, data.consumeString(50));
    request.add(new io.undertow.util.HttpString("Sec-Fetch-Dest"), data.consumeString(20));
    request.add(Headers.ACCEPT, data.consumeRemainingAsString());

    String answer = Conditional.notModified(request, ETAG, java.util.List.of(ETAG, GZIP_ETAG), MODIFIED);
    if (answer != null && !answer.equals(ETAG) && !answer.equals(GZIP_ETAG)) {
      throw new AssertionError("a 304 named an ETag that is not the URL's: " + answer);
    }
    Conditional.acceptsGzip(request);
    Conditional.navigating(request);

    // Well-formed lists of other entity tags, before or after ours: ours is found exactly when it is there.
    StringBuilder others = new StringBuilder();
    for (int i = data.consumeInt(0, 4); i > 0; i--) {
      String opaque = ifNoneMatch.replaceAll("[^\\x21\\x23-\\x7e]", "");
      others.append(i % 2 == 0 ? "W/" : "").append('"').append(opaque.substring(0, Math.min(opaque.length(), i * 7)))
          .append("\", ");
    }
    boolean oursAmongOthers = others.toString().contains(ETAG + ",");
    if (!Conditional.matches(others + "W/" + ETAG, ETAG)
        || (others.length() > 0 && Conditional.matches(others.substring(0, others.length() - 2), ETAG) != oursAmongOthers)) {
      throw new AssertionError("wrong answer for the list " + others);
    }
    if (!Conditional.matches(" * ", ETAG)) {
      throw new AssertionError("* did not match");
    }
  }
}
