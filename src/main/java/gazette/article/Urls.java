package gazette.article;

import java.net.IDN;
import java.nio.charset.StandardCharsets;

/**
 * URLs as they are written into feeds, pages and headers: ASCII only, non-ASCII characters percent-encoded
 * as {@code URI.toASCIIString()} encodes them, and an internationalised host name in its ACE form
 * ({@code xn--}), which {@code java.net.URI} cannot do. Readers differ on raw non-ASCII in an
 * {@code href}; none differs on percent-escapes.
 */
final class Urls {
  private Urls() {}

  /**
   * The URL with every non-ASCII character percent-encoded (as UTF-8) and a non-ASCII host in ACE form.
   * ASCII is left as it is: a space or a control character is for {@code java.net.URI} to refuse.
   */
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
      if (cp < 0x80) {
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
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }
}
