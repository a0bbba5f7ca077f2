package gazette.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * What {@code /metrics} shows, in Prometheus's text format (Micrometer's Prometheus registry): requests by
 * route kind and status (the {@code 304} share is {@code status="304"} over all), body bytes sent, response
 * time as a histogram, on-demand cache hits and renders, reloads and their duration, articles and problems,
 * WebSub notifications, and the JVM's own metrics. Request meters are counted on the traffic thread from
 * {@link Served} records, each found once and kept (no tags are built per request); nothing here runs on
 * the request path of the feeds, and the text is rendered only when scraped.
 */
public final class Metrics implements Traffic.Listener {
  /** Response-time buckets: a 304 takes tens of microseconds, an on-demand page milliseconds, a slow client seconds. */
  private static final Duration[] BUCKETS = {Duration.ofNanos(100_000), Duration.ofNanos(250_000),
      Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofNanos(2_500_000), Duration.ofMillis(5),
      Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
      Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
      Duration.ofSeconds(5), Duration.ofSeconds(10)};

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  /** By route kind and status: the traffic thread's only, so a plain map. */
  private final Map<Integer, Counter> requests = new HashMap<>();
  private final Timer[] latency = new Timer[RouteKind.values().length];
  private final Counter[] bytes = new Counter[RouteKind.values().length];
  private final Counter onDemandHits;
  private final Counter onDemandRenders;
  private final Counter reloads;
  private final Timer reloadTime;

  public Metrics() {
    for (RouteKind kind : RouteKind.values()) {
      latency[kind.ordinal()] = Timer.builder("gazette.http.request.duration")
          .description("time from a request's first byte to the end of its response")
          .tag("route", kind.label())
          .serviceLevelObjectives(BUCKETS)
          .register(registry);
      bytes[kind.ordinal()] = Counter.builder("gazette.http.response.body")
          .baseUnit("bytes")
          .description("body bytes sent")
          .tag("route", kind.label())
          .register(registry);
    }
    onDemandHits = onDemand("hit");
    onDemandRenders = onDemand("render");
    reloads = Counter.builder("gazette.reloads").description("sites rendered from the articles").register(registry);
    reloadTime = Timer.builder("gazette.reload.duration").description("time to read the articles and render a site")
        .serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30))
        .register(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
  }

  private Counter onDemand(String result) {
    return Counter.builder("gazette.on.demand")
        .description("requests for pages rendered on request: found in the cache (hit) or rendered (render)")
        .tag("result", result)
        .register(registry);
  }

  @Override
  public void served(Served served, String client) {
    RouteKind kind = RouteKind.of(served.path());
    int status = served.status();
    int key = kind.ordinal() * 1000 + (status >= 100 && status <= 599 ? status : 0);
    Counter counter = requests.get(key);
    if (counter == null) {
      counter = Counter.builder("gazette.http.requests")
          .description("responses by route kind and status")
          .tag("route", kind.label())
          .tag("status", status >= 100 && status <= 599 ? Integer.toString(status) : "other")
          .register(registry);
      requests.put(key, counter);
    }
    counter.increment();
    latency[kind.ordinal()].record(served.nanos(), TimeUnit.NANOSECONDS);
    bytes[kind.ordinal()].increment(served.bytes());
    if (kind.onDemand() && (status == 200 || status == 304)) {
      (served.rendered() ? onDemandRenders : onDemandHits).increment();
    }
  }

  /** A site was rendered and swapped in; {@code took} from the start of reading to the swap. */
  public void reloaded(Duration took) {
    reloads.increment();
    reloadTime.record(took);
  }

  /** A value read when scraped, such as the number of articles. */
  public <T> void gauge(String name, String description, T source, ToDoubleFunction<T> value) {
    Gauge.builder(name, source, value).description(description).register(registry);
  }

  /** A count kept elsewhere, read when scraped, such as WebSub notifications sent. */
  public <T> void counter(String name, String description, String tag, String tagValue, T source,
      ToDoubleFunction<T> value) {
    FunctionCounter.builder(name, source, value).description(description).tag(tag, tagValue).register(registry);
  }

  /** Every metric in Prometheus's text exposition format (0.0.4). */
  public String scrape() {
    return registry.scrape();
  }

  /** The media type of {@link #scrape}. */
  static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";
}
