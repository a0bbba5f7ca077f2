package gazette.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {
  private static Served from(String peer, String forwarded, String forwardedFor) throws Exception {
    return new Served(0, InetAddress.getByName(peer), forwarded, forwardedFor, "GET", "/feed.xml", "", "HTTP/1.1",
        200, 0, null, null, 0, false, false);
  }

  @Test
  void aPeerThatIsNoTrustedProxyIsTheClientWhateverItsHeadersSay() throws Exception {
    TrustedProxies proxies = TrustedProxies.of(List.of("10.0.0.0/8"));

    String client = proxies.client(from("203.0.113.9", "for=198.51.100.1", "198.51.100.2"));

    assertThat(client).isEqualTo("203.0.113.9");
  }

  @Test
  void withNoTrustedProxyEveryPeerIsItsOwnClient() throws Exception {
    assertThat(TrustedProxies.NONE.client(from("127.0.0.1", null, "198.51.100.2"))).isEqualTo("127.0.0.1");
  }

  @Test
  void aTrustedProxyNamesTheClientInXForwardedForReadFromTheRight() throws Exception {
    TrustedProxies proxies = TrustedProxies.of(List.of("127.0.0.1", "10.0.0.0/8"));

    String client = proxies.client(from("127.0.0.1", null, "192.0.2.66, 198.51.100.7, 10.1.2.3"));

    assertThat(client).as("the spoofed first hop is not believed; the trusted 10.1.2.3 is skipped")
        .isEqualTo("198.51.100.7");
  }

  /** Varnish, nginx and HAProxy's forwardfor write X-Forwarded-For and pass a client's Forwarded through. */
  @Test
  void aClientsOwnForwardedHeaderBehindAnXForwardedForProxyIsIgnored() throws Exception {
    TrustedProxies proxies = TrustedProxies.of(List.of("127.0.0.1"));

    assertThat(proxies.client(from("127.0.0.1", "for=1.2.3.4", "198.51.100.7"))).isEqualTo("198.51.100.7");
  }

  /** HAProxy adds a header line of its own: a forged first line must not be the one believed. */
  @Test
  void everyLineOfXForwardedForIsReadInOrder() throws Exception {
    TrustedProxies proxies = TrustedProxies.of(List.of("127.0.0.1"));

    assertThat(proxies.client(from("127.0.0.1", null, "6.6.6.6,198.51.100.7"))).isEqualTo("198.51.100.7");
  }

  @Test
  void ipv4WrittenAsIpv6IsTheIpv4Address() throws Exception {
    TrustedProxies proxies = TrustedProxies.of(List.of("10.0.0.0/8", "::ffff:192.168.0.0/112"));

    assertThat(proxies.client(from("127.0.0.1", null, "x"))).as("an untrusted peer").isEqualTo("127.0.0.1");
    assertThat(proxies.client(from("10.0.0.1", null, "198.51.100.7, ::ffff:10.1.2.3"))).isEqualTo("198.51.100.7");
    assertThat(proxies.client(from("192.168.3.4", null, "198.51.100.8"))).isEqualTo("198.51.100.8");
  }

  @Test
  void withForwardedConfiguredItsQuotedIpv6AndPortsAreReadAndXForwardedForIsIgnored() throws Exception {
    TrustedProxies proxies = TrustedProxies.of(List.of("::1/128"), TrustedProxies.Header.FORWARDED);

    String client = proxies.client(from("::1", "for=\"[2001:db8:cafe::17]:4711\";proto=https, for=::1", "192.0.2.1"));

    assertThat(client).isEqualTo("2001:db8:cafe:0:0:0:0:17");
    assertThat(proxies.client(from("::1", "For=192.0.2.43:8080", null))).isEqualTo("192.0.2.43");
    assertThat(proxies.client(from("::1", null, "192.0.2.1"))).as("the client's own X-Forwarded-For").isEqualTo("0:0:0:0:0:0:0:1");
  }

  @Test
  void anObfuscatedHopStopsAtTheLastProxyKnown() throws Exception {
    TrustedProxies proxies = TrustedProxies.of(List.of("127.0.0.0/8"));

    assertThat(TrustedProxies.of(List.of("127.0.0.0/8"), TrustedProxies.Header.FORWARDED)
        .client(from("127.0.0.1", "for=_hidden", null))).isEqualTo("127.0.0.1");
    assertThat(proxies.client(from("127.0.0.1", null, "unknown"))).isEqualTo("127.0.0.1");
    assertThat(proxies.client(from("127.0.0.1", null, "localhost"))).as("a name is never looked up").isEqualTo("127.0.0.1");
  }

  @Test
  void blocksMatchByTheirPrefix() {
    TrustedProxies.Block block = TrustedProxies.Block.parse("172.16.0.0/12");

    assertThat(block.contains(new byte[] {(byte) 172, 31, (byte) 255, 1})).isTrue();
    assertThat(block.contains(new byte[] {(byte) 172, 32, 0, 1})).isFalse();
    assertThat(TrustedProxies.Block.parse("fd00::/8").contains(TrustedProxies.literal("fd12::1"))).isTrue();
    assertThat(TrustedProxies.Block.parse("0.0.0.0/0").contains(new byte[16])).as("families never mix").isFalse();
  }

  @Test
  void aBadBlockSaysWhatIsExpected() {
    assertThatThrownBy(() -> TrustedProxies.of(List.of("proxy.example.org")))
        .hasMessage("\"proxy.example.org\" is not an address block (expected 10.0.0.0/8, 192.0.2.7 or fd00::/8)");
    assertThatThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/33")))
        .hasMessage("\"10.0.0.0/33\": the prefix must be 0 to 32");
  }
}
