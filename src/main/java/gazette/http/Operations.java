package gazette.http;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What an operator adds to the server: whose proxy headers are believed, who is told of each response (the
 * access log, the subscriber statistics), the metrics, the statistics page and who may see it. {@code
 * /metrics} is served on the main port unless an admin port is given, then only there; {@code /stats} is
 * served on the admin port, and on the main port only to a request that carries the token ({@code
 * Authorization: Bearer TOKEN} or {@code ?token=TOKEN}). Without either, {@code /stats} does not exist.
 *
 * @param metrics null for no {@code /metrics}
 * @param statsPage the HTML of {@code /stats}, rendered when asked for (off the I/O threads); null for none
 * @param statsToken null or empty: no {@code /stats} on the main port
 * @param adminHost where the admin port listens
 * @param adminPort 0 for no admin port
 */
public record Operations(TrustedProxies proxies, List<Traffic.Listener> listeners, Metrics metrics,
    Supplier<byte[]> statsPage, String statsToken, String adminHost, int adminPort) {
  public static final String METRICS = "/metrics";
  public static final String STATS = "/stats";
  /** Nothing but the site: no proxies trusted, no access log, no metrics, no statistics. */
  public static final Operations NONE = new Operations(TrustedProxies.NONE, List.of(), null, null, null, null, 0);

  public Operations {
    Objects.requireNonNull(proxies, "proxies");
    listeners = List.copyOf(listeners);
    if (adminPort < 0 || adminPort > 65535) {
      throw new IllegalArgumentException("adminPort " + adminPort);
    }
    if (adminPort > 0) {
      Objects.requireNonNull(adminHost, "adminHost");
    }
  }

  boolean tokenGiven() {
    return statsToken != null && !statsToken.isEmpty();
  }
}
