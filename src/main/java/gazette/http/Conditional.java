package gazette.http;

import gazette.site.Rendition;
import io.undertow.util.DateUtils;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import java.util.Date;
import java.util.Locale;

/** The pure HTTP decisions of a request: conditional GET and the choice of content coding. */
final class Conditional {
  private Conditional() {}

  /** RFC 9110 §13.2.2: If-None-Match (weak comparison, lists, {@code *}) wins; If-Modified-Since only without it. */
  static boolean notModified(HeaderMap request, Rendition rendition) {
    String ifNoneMatch = joined(request, Headers.IF_NONE_MATCH_STRING);
    if (ifNoneMatch != null) {
      return matches(ifNoneMatch, rendition.etag());
    }
    String ifModifiedSince = request.getFirst(Headers.IF_MODIFIED_SINCE);
    return ifModifiedSince != null
        && !DateUtils.handleIfModifiedSince(ifModifiedSince, Date.from(rendition.lastModified()));
  }

  /**
   * Weak comparison of a strong {@code "etag"} with an If-None-Match value: {@code *}, or a list of
   * entity tags, each optionally {@code W/}-prefixed (RFC 9110 §8.8.3.2, §13.1.2).
   */
  static boolean matches(String ifNoneMatch, String etag) {
    String value = ifNoneMatch.strip();
    if (value.equals("*")) {
      return true;
    }
    int i = 0;
    while (i < value.length()) {
      char c = value.charAt(i);
      if (c == ',' || c == ' ' || c == '\t') {
        i++;
      } else if (value.startsWith("W/\"", i)) {
        i += 2;
      } else if (c == '"') {
        int end = value.indexOf('"', i + 1);
        if (end < 0) {
          return false;
        }
        if (value.regionMatches(i, etag, 0, etag.length()) && end + 1 - i == etag.length()) {
          return true;
        }
        i = end + 1;
      } else {
        int next = value.indexOf(',', i);
        i = next < 0 ? value.length() : next; // not an entity tag: skip it rather than guess
      }
    }
    return false;
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
      String[] pieces = part.split(";", -1); // never empty: ";" alone is a coding with no name
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

  /**
   * Whether the request is a browser opening the URL as a page: its Accept names {@code text/html}.
   * Feed readers ask for feed types, XML or anything ({@code *}{@code /*}), never for HTML by name.
   */
  static boolean browserNavigation(HeaderMap request) {
    String accept = joined(request, Headers.ACCEPT_STRING);
    if (accept == null) {
      return false;
    }
    for (String range : accept.split(",")) {
      String[] pieces = range.split(";", -1);
      if (pieces[0].strip().equalsIgnoreCase("text/html")) {
        for (int i = 1; i < pieces.length; i++) {
          String param = pieces[i].strip().toLowerCase(Locale.ROOT);
          if (param.startsWith("q=") && param.substring(2).strip().matches("0(\\.0*)?")) {
            return false;
          }
        }
        return true;
      }
    }
    return false;
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
