package gazette.http;

import java.net.InetAddress;

/**
 * One response, as the I/O thread saw it when it was sent: raw values only (the peer's address, the proxy
 * headers, the request line's parts), so that recording it costs the request one small object. Who the
 * client really was, the route kind and the log line are worked out later, off the request path.
 *
 * @param time when the response ended, in epoch milliseconds
 * @param peer the address the connection came from (a proxy's, behind one); null when unknown
 * @param forwarded the {@code Forwarded} request header, or null
 * @param forwardedFor the {@code X-Forwarded-For} request header, or null
 * @param query the query string without {@code ?}, empty when none
 * @param bytes body bytes sent
 * @param nanos from the first byte of the request to the end of the response
 * @param rendered whether the body was rendered for this request (an on-demand page not in the cache)
 * @param page whether a browser was sent the HTML page about a feed instead of the feed (a person, not a reader)
 */
public record Served(long time, InetAddress peer, String forwarded, String forwardedFor, String method, String path,
    String query, String protocol, int status, long bytes, String referer, String userAgent, long nanos,
    boolean rendered, boolean page) {}
