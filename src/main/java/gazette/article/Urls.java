package gazette.article;

import java.net.IDN;
import java.nio.charset.StandardCharsets;

/**
 * URLs as they are written into feeds, pages and headers: ASCII only, as {@code URI.toASCIIString()}
 * writes them (RFC 3986), and with an internationalised host name in its ACE form ({@code xn--}), which
 * {@code java.net.URI} cannot do. Readers differ on raw non-ASCII in an {@code href}; none differs on
 * percent-escapes.
 */
final class Urls {
  private Urls() {}

  /** The URL with every character outside printable ASCII, and each space, quote or angle bracket, percent-encoded. */
  static String ascii(String url) {
    if (isPlainAscii(url)) {
      return url;
    }
    int authority = url.indexOf("//");
    int scheme = url.indexOf(':');
    String head = "";
    String rest = url;
    if (authority >= 0 && (authority == 0 || scheme == authority - 1)) {
      int hostStart = authority + 2;
      int hostEnd = hostStart;
      while (hostEnd < url.length() && "/?#".indexOf(url.charAt(hostEnd)) < 0) {
        hostEnd++;
      }
      head = url.substring(0, hostStart) + host(url.substring(hostStart, hostEnd));
      rest = url.substring(hostEnd);
    }
    StringBuilder out = new StringBuilder(url.length() + 16).append(head);
    for (int i = 0; i < rest.length(); ) {
      int cp = rest.codePointAt(i);
      if (cp > 0x20 && cp < 0x7f && "\"<>\\^`{|}".indexOf(cp) < 0) {
        out.append((char) cp);
      } else {
        for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
          out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
              .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
        }
      }
      i += Character.charCount(cp);
    }
    return out.toString();
  }

  /** {@code user@host:port} with the host name in ACE form when it is not ASCII (left as is if it is not a valid name). */
  private static String host(String authority) {
    if (isPlainAscii(authority)) {
      return authority;
    }
    int at = authority.lastIndexOf('@');
    int colon = authority.indexOf(':', at + 1);
    int end = colon < 0 ? authority.length() : colon;
    try {
      return authority.substring(0, at + 1) + IDN.toASCII(authority.substring(at + 1, end), IDN.ALLOW_UNASSIGNED)
          + authority.substring(end);
    } catch (IllegalArgumentException e) {
      return authority;
    }
  }

  private static boolean isPlainAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= 0x20 || c >= 0x7f || "\"<>\\^`{|}".indexOf(c) >= 0) {
        return false;
      }
    }
    return true;
  }
}
