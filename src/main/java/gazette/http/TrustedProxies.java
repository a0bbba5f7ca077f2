package gazette.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The proxies whose word is taken for who the client is: a request whose peer is one of them names its client
 * in the one header those proxies write ({@link Header}: {@code X-Forwarded-For} unless configured otherwise;
 * the other is the client's own and is ignored, since a proxy that writes one passes the other through); the
 * addresses are read from the right, every line of the header in order, skipping the trusted proxies in the
 * chain, and the first other one is the client. A request from any other peer is its own client, whatever its
 * headers say: they are anyone's to forge. An IPv4 address written as IPv6 ({@code ::ffff:10.1.2.3}) is the
 * IPv4 address.
 */
public final class TrustedProxies {
  public static final TrustedProxies NONE = new TrustedProxies(List.of(), Header.X_FORWARDED_FOR);

  /** The header the trusted proxies write. */
  public enum Header {
    X_FORWARDED_FOR("x-forwarded-for"), FORWARDED("forwarded");

    private final String option;

    Header(String option) {
      this.option = option;
    }

    /** {@code x-forwarded-for} or {@code forwarded}, as {@code --forwarded-header} takes it. */
    public static Header parse(String text) {
      for (Header header : values()) {
        if (header.option.equalsIgnoreCase(text.trim())) {
          return header;
        }
      }
      throw new IllegalArgumentException("--forwarded-header " + text + ": expected x-forwarded-for or forwarded");
    }
  }

  /** An address block, such as {@code 10.0.0.0/8} or {@code ::1/128}; a bare address is a block of one. */
  public record Block(byte[] network, int prefix) {
    public Block {
      Objects.requireNonNull(network, "network");
      if (prefix < 0 || prefix > network.length * 8) {
        throw new IllegalArgumentException("prefix " + prefix + " for " + network.length * 8 + " bits");
      }
    }

    /** Parses {@code address[/prefix]} of literal IPv4 or IPv6 addresses (never a name: no DNS look-up). */
    public static Block parse(String text) {
      String t = text.trim();
      int slash = t.indexOf('/');
      String address = slash < 0 ? t : t.substring(0, slash);
      if (address.startsWith("[") && address.endsWith("]")) {
        address = address.substring(1, address.length() - 1);
      }
      byte[] written = literal(address);
      byte[] network = written == null ? null : ipv4(written);
      if (network == null) {
        throw new IllegalArgumentException("\"" + text + "\" is not an address block (expected 10.0.0.0/8, 192.0.2.7"
            + " or fd00::/8)");
      }
      int prefix = network.length * 8;
      if (slash >= 0) {
        try {
          prefix = Integer.parseInt(t.substring(slash + 1));
        } catch (NumberFormatException e) {
          prefix = -1;
        }
        if (prefix < 0 || prefix > written.length * 8) {
          throw new IllegalArgumentException("\"" + text + "\": the prefix must be 0 to " + written.length * 8);
        }
        if (network.length < written.length) { // ::ffff:a.b.c.d/n: the IPv4 block it names
          if (prefix < 96) {
            throw new IllegalArgumentException("\"" + text + "\": an IPv4-mapped block needs a prefix of 96 or more");
          }
          prefix -= 96;
        }
      }
      return new Block(network, prefix);
    }

    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int whole = prefix / 8;
      for (int i = 0; i < whole; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = 0xff << (8 - rest) & 0xff;
      return (address[whole] & mask) == (network[whole] & mask);
    }
  }

  private final List<Block> blocks;
  private final Header header;

  private TrustedProxies(List<Block> blocks, Header header) {
    this.blocks = List.copyOf(blocks);
    this.header = header;
  }

  /** The proxies in these blocks, naming the client in {@code X-Forwarded-For}; see {@link Block#parse}. */
  public static TrustedProxies of(List<String> blocks) {
    return of(blocks, Header.X_FORWARDED_FOR);
  }

  /** The proxies in these blocks, naming the client in {@code header}. */
  public static TrustedProxies of(List<String> blocks, Header header) {
    List<Block> parsed = new ArrayList<>();
    for (String block : blocks) {
      parsed.add(Block.parse(block));
    }
    return new TrustedProxies(parsed, header);
  }

  public boolean none() {
    return blocks.isEmpty();
  }

  /** Who the client of a response was, as an address in text; {@code -} when not even the peer is known. */
  public String client(Served served) {
    if (served.peer() == null) {
      return "-";
    }
    byte[] peerAddress = ipv4(served.peer().getAddress());
    String peer = text(peerAddress);
    if (blocks.isEmpty() || !trusted(peerAddress)) {
      return peer;
    }
    List<String> chain = switch (header) {
      case FORWARDED -> served.forwarded() == null ? List.of() : forwardedFor(served.forwarded());
      case X_FORWARDED_FOR -> served.forwardedFor() == null ? List.of() : List.of(served.forwardedFor().split(","));
    };
    for (int i = chain.size() - 1; i >= 0; i--) {
      String hop = node(chain.get(i));
      byte[] address = hop == null ? null : literal(hop);
      address = address == null ? null : ipv4(address);
      if (address == null) {
        return peer; // an obfuscated or malformed hop: nothing beyond it can be trusted, so the last proxy is all we know
      }
      String text = text(address);
      if (!trusted(address)) {
        return text;
      }
      peer = text;
    }
    return peer;
  }

  /** One spelling per address, the one Java gives the peer's. */
  private static String text(byte[] address) {
    try {
      return InetAddress.getByAddress(address).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException("4 or 16 bytes are always an address", e);
    }
  }

  private boolean trusted(byte[] address) {
    for (Block block : blocks) {
      if (block.contains(address)) {
        return true;
      }
    }
    return false;
  }

  /** The {@code for=} values of a {@code Forwarded} header, in order (RFC 7239 §4). */
  private static List<String> forwardedFor(String header) {
    List<String> nodes = new ArrayList<>();
    for (String element : header.split(",")) {
      for (String pair : element.split(";")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("for")) {
          nodes.add(pair.substring(eq + 1).trim());
        }
      }
    }
    return nodes;
  }

  /** The address in one hop: {@code 192.0.2.7}, {@code "[2001:db8::1]:4711"}, {@code 192.0.2.7:80}; else null. */
  private static String node(String hop) {
    String h = hop.trim();
    if (h.length() >= 2 && h.startsWith("\"") && h.endsWith("\"")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.startsWith("[")) {
      int close = h.indexOf(']');
      return close < 0 ? null : h.substring(1, close);
    }
    int colon = h.indexOf(':');
    if (colon >= 0 && h.indexOf(':', colon + 1) < 0) {
      h = h.substring(0, colon); // IPv4 with a port
    }
    return h.isEmpty() ? null : h;
  }

  /** The bytes of a literal IPv4 or IPv6 address, or null for anything else (never a DNS look-up). */
  static byte[] literal(String text) {
    if (text.isEmpty() || text.length() > 45) {
      return null;
    }
    boolean v6 = text.indexOf(':') >= 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok = c >= '0' && c <= '9' || c == '.' || v6 && (c == ':' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F');
      if (!ok) {
        return null;
      }
    }
    if (!v6) {
      String[] parts = text.split("\\.", -1);
      if (parts.length != 4) {
        return null;
      }
      byte[] bytes = new byte[4];
      for (int i = 0; i < 4; i++) {
        if (parts[i].isEmpty() || parts[i].length() > 3) {
          return null;
        }
        int n = Integer.parseInt(parts[i]);
        if (n > 255) {
          return null;
        }
        bytes[i] = (byte) n;
      }
      return bytes;
    }
    try {
      byte[] bytes = InetAddress.getByName(text).getAddress(); // a literal with ':' is parsed, never looked up
      return bytes.length == 4 ? mapped(bytes) : bytes;
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** An IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) as the IPv4 address it is; any other as it is. */
  static byte[] ipv4(byte[] address) {
    if (address.length != 16) {
      return address;
    }
    for (int i = 0; i < 10; i++) {
      if (address[i] != 0) {
        return address;
      }
    }
    if (address[10] != (byte) 0xff || address[11] != (byte) 0xff) {
      return address;
    }
    byte[] v4 = new byte[4];
    System.arraycopy(address, 12, v4, 0, 4);
    return v4;
  }

  /** Java reads {@code ::ffff:a.b.c.d} as IPv4: keep the family the text was written in. */
  private static byte[] mapped(byte[] v4) {
    byte[] v6 = new byte[16];
    v6[10] = (byte) 0xff;
    v6[11] = (byte) 0xff;
    System.arraycopy(v4, 0, v6, 12, 4);
    return v6;
  }
}
