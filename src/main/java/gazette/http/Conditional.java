package gazette.http;

import gazette.site.Rendition;
import io.undertow.util.DateUtils;
import io.undertow.util.ETag;
import io.undertow.util.ETagUtils;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import java.util.Locale;

/** The pure HTTP decisions of a request: conditional GET and the choice of content coding. */
final class Conditional {
  private Conditional() {}

  /** RFC 9110 §13.2.2: If-None-Match (weak comparison, lists, {@code *}) wins; If-Modified-Since only without it. */
  static boolean notModified(HeaderMap request, Rendition rendition) {
    String ifNoneMatch = request.getFirst(Headers.IF_NONE_MATCH);
    if (ifNoneMatch != null) {
      String quoted = rendition.etag();
      ETag etag = new ETag(false, quoted.substring(1, quoted.length() - 1));
      return !ETagUtils.handleIfNoneMatch(joined(request, Headers.IF_NONE_MATCH.toString()), etag, true);
    }
    String ifModifiedSince = request.getFirst(Headers.IF_MODIFIED_SINCE);
    return ifModifiedSince != null && !DateUtils.handleIfModifiedSince(ifModifiedSince, rendition.lastModifiedDate());
  }

  /** Whether the client accepts gzip: named (or {@code *}) with a non-zero q, and not refused by name. */
  static boolean acceptsGzip(HeaderMap request) {
    String header = joined(request, Headers.ACCEPT_ENCODING_STRING);
    if (header == null) {
      return false;
    }
    Double gzip = null;
    Double any = null;
    for (String part : header.split(",")) {
      String[] pieces = part.split(";");
      String coding = pieces[0].strip().toLowerCase(Locale.ROOT);
      double q = 1.0;
      for (int i = 1; i < pieces.length; i++) {
        String param = pieces[i].strip();
        if (param.toLowerCase(Locale.ROOT).startsWith("q=")) {
          try {
            q = Double.parseDouble(param.substring(2).strip());
          } catch (NumberFormatException e) {
            q = 0; // a malformed weight is no permission
          }
        }
      }
      if (coding.equals("gzip") || coding.equals("x-gzip")) {
        gzip = q;
      } else if (coding.equals("*")) {
        any = q;
      }
    }
    double weight = gzip != null ? gzip : any != null ? any : 0;
    return weight > 0;
  }

  /** A header sent on several lines, joined into one list as RFC 9110 §5.3 allows. */
  private static String joined(HeaderMap request, String name) {
    var values = request.get(name);
    if (values == null || values.isEmpty()) {
      return null;
    }
    return values.size() == 1 ? values.getFirst() : String.join(", ", values);
  }
}
