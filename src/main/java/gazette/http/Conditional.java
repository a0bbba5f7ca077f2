package gazette.http;

import gazette.site.Rendition;
import io.undertow.util.DateUtils;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;

/** The pure HTTP decisions of a request: conditional GET, the choice of content coding, a browser or a reader. */
final class Conditional {
  private static final String SEC_FETCH_DEST = "Sec-Fetch-Dest";

  private Conditional() {}

  /**
   * RFC 9110 §13.2.2: whether to answer {@code 304}, and with which ETag. If-None-Match (weak comparison,
   * lists, {@code *}) wins: it matches the selected representation's ETag, or the ETag of another
   * coding of the same document that is still current (a cache holding the identity form asking with
   * its ETag while now accepting gzip); the answer names the one it matched, so the cache reuses what it
   * holds. Never another document's (a feed's browser page): a cache would hand a reader the page. If-Modified-Since counts only without If-None-Match.
   *
   * @param selected the ETag of the representation this request would get
   * @param current the ETags of every coding of the selected document, {@code selected} among them
   * @return the ETag to send with {@code 304}, or null to send the body
   */
  static String notModified(HeaderMap request, String selected, List<String> current, Instant modified) {
    String ifNoneMatch = joined(request, Headers.IF_NONE_MATCH_STRING);
    if (ifNoneMatch != null) {
      if (matches(ifNoneMatch, selected)) {
        return selected;
      }
      for (String etag : current) {
        if (matches(ifNoneMatch, etag)) {
          return etag;
        }
      }
      return null;
    }
    String ifModifiedSince = request.getFirst(Headers.IF_MODIFIED_SINCE);
    return ifModifiedSince != null && !DateUtils.handleIfModifiedSince(ifModifiedSince, Date.from(modified))
        ? selected : null;
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
   * Whether a browser is opening the URL as a page: Fetch Metadata's {@code Sec-Fetch-Dest: document},
   * which every current browser sends on navigation and no feed reader sends (they are not browsers;
   * a web reader fetching from a page sends {@code empty}). {@code Accept} is not consulted: readers
   * name {@code text/html} in it too (SimplePie at q=0.7), and varying on it would split every cache
   * by each distinct {@code Accept} string.
   */
  static boolean navigating(HeaderMap request) {
    String dest = request.getFirst(SEC_FETCH_DEST);
    return dest != null && dest.strip().equalsIgnoreCase("document");
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
