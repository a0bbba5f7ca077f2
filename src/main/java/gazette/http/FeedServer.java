package gazette.http;

import gazette.site.Site;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.handlers.accesslog.AccessLogHandler;
import java.net.InetSocketAddress;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An Undertow server for whatever {@link Site} the supplier holds at each request, with one access-log line per request. */
public final class FeedServer implements AutoCloseable {
  private static final Logger ACCESS = LoggerFactory.getLogger("gazette.access");
  private static final String ACCESS_FORMAT =
      "%h \"%r\" %s %b \"%{i,User-Agent}\" %Dms";

  private final Undertow server;
  private final int port;

  private FeedServer(Undertow server) {
    this.server = server;
    this.port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
  }

  /**
   * Starts listening; port 0 picks a free port, which {@link #port()} then tells. Until the supplier
   * gives a Site, requests are answered {@code 503} with {@code Retry-After}.
   *
   * @param maxAgeSeconds how long shared caches and readers may reuse a feed or page
   */
  public static FeedServer start(String host, int port, Supplier<Site> site, int maxAgeSeconds) {
    AccessLogHandler logged = new AccessLogHandler(new SiteHandler(site, new Policy(maxAgeSeconds)), ACCESS::info,
        ACCESS_FORMAT,
        FeedServer.class.getClassLoader());
    Undertow server = Undertow.builder()
        .addHttpListener(port, host)
        .setServerOption(UndertowOptions.RECORD_REQUEST_START_TIME, true)
        .setHandler(logged)
        .build();
    server.start();
    return new FeedServer(server);
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    server.stop();
  }
}
