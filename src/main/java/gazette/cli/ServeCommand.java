package gazette.cli;

import gazette.Gazette;
import gazette.article.Body;
import gazette.article.Problem;
import gazette.catalog.ParseCache;
import gazette.catalog.Catalog;
import gazette.http.FeedServer;
import gazette.http.AccessLog;
import gazette.http.HubNotifier;
import gazette.http.PreviewEvents;
import gazette.site.Site;
import gazette.site.Snapshot;
import java.time.Instant;
import gazette.http.Metrics;
import gazette.http.Operations;
import gazette.http.Subscribers;
import gazette.http.Traffic;
import gazette.memory.Audience;
import gazette.memory.SqliteLibrary;
import gazette.render.StatsPage;
import gazette.http.TrustedProxies;
import gazette.render.Format;
import gazette.render.Route;
import gazette.render.Routes;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gazette serve}: renders the site and serves it until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve the feeds and pages over HTTP.")
final class ServeCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

  @Mixin
  ArticlesOption articles;

  @Mixin
  StateDirOption state;

  @Mixin
  StaticOption statics;

  @Mixin
  ConfigOption config;

  @Mixin
  ThemeOption theme;

  @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1", description = "address to listen on (default: ${DEFAULT-VALUE})")
  String host;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--base-url", paramLabel = "URL",
      description = "public URL of the site, used in every absolute link (default: base_url from _feed.yaml, else http://HOST:PORT/)")
  URI baseUrl;

  @Option(names = "--max-age", paramLabel = "SECONDS", defaultValue = "" + Gazette.Options.DEFAULT_MAX_AGE,
      description = "Cache-Control max-age of feeds and pages (default: ${DEFAULT-VALUE})")
  int maxAge;

  @Mixin
  CacheOption cache;

  @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "60",
      description = "close a connection on which no byte has moved for this long (default: ${DEFAULT-VALUE})")
  int idleTimeout;

  @Option(names = "--header-timeout", paramLabel = "SECONDS", defaultValue = "10",
      description = "close a connection whose request line and headers take longer than this (default: ${DEFAULT-VALUE})")
  int headerTimeout;

  @Option(names = "--keep-alive-timeout", paramLabel = "SECONDS", defaultValue = "20",
      description = "close a connection that waits this long for its next request (default: ${DEFAULT-VALUE})")
  int keepAliveTimeout;

  @Option(names = "--max-connections", paramLabel = "N", defaultValue = "10000",
      description = "connections open at once; more wait to be accepted (default: ${DEFAULT-VALUE}, lowered to what ulimit -n allows)")
  int maxConnections;

  @Option(names = "--shutdown-grace", paramLabel = "SECONDS", defaultValue = "20",
      description = "on SIGTERM, how long responses in flight may take to finish (default: ${DEFAULT-VALUE})")
  int shutdownGrace;

  @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "info",
      description = "error, warn, info, debug or trace: what Gazette's own log says (default: ${DEFAULT-VALUE})")
  String logLevel;

  @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "combined",
      description = "combined: the access log in Combined Log Format plus the response time in microseconds;"
          + " json: one JSON object per line, in the access log and Gazette's own log (default: ${DEFAULT-VALUE})")
  String logFormat;

  @Option(names = "--access-log", paramLabel = "FILE",
      description = "where the access log goes: - for standard error, off, or a file, rolled over daily and at"
          + " 100 MiB into FILE.DATE.N.gz, 30 days kept (default: -)")
  String accessLog;

  @Option(names = "--trusted-proxy", paramLabel = "CIDR", split = ",",
      description = "a proxy (10.0.0.0/8, 127.0.0.1, ::1) whose --forwarded-header names the client; repeat it,"
          + " or separate with commas (default: none, every peer is its own client)")
  List<String> trustedProxies = new ArrayList<>();

  @Option(names = "--forwarded-header", paramLabel = "HEADER", defaultValue = "x-forwarded-for",
      description = "the header the trusted proxies write the client into: x-forwarded-for (nginx, HAProxy's"
          + " option forwardfor, Varnish, most CDNs) or forwarded (RFC 7239); the other one is the client's own"
          + " and is ignored (default: ${DEFAULT-VALUE})")
  String forwardedHeader;

  @Option(names = "--admin-port", paramLabel = "PORT", defaultValue = "0",
      description = "a port of its own for /metrics and /stats (then /metrics is not on --port);"
          + " 0: none (default: ${DEFAULT-VALUE})")
  int adminPort;

  @Option(names = "--admin-host", paramLabel = "HOST", defaultValue = "127.0.0.1",
      description = "address the admin port listens on (default: ${DEFAULT-VALUE})")
  String adminHost;

  @Option(names = "--stats-token", paramLabel = "TOKEN",
      description = "serve /stats on --port to requests with Authorization: Bearer TOKEN or ?token=TOKEN,"
          + " 16 characters or more (without it, /stats is only on --admin-port)")
  String statsToken;

  @Option(names = "--preview", description = "for a writer: also show drafts and scheduled articles (marked, never in"
      + " a feed) at /articles/{slug}, and reload open pages after every save")
  boolean preview;

  @Option(names = "--no-stats", description = "count no subscribers (see gazette stats)")
  boolean noStats;

  /** Exit status when an Error stops Gazette (EX_SOFTWARE): a supervisor should start it again. */
  static final int FATAL = 70;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** The hook that closes what has started on a stop before the server loop, while it is registered. */
  private Thread earlyHook;

  @Override
  public Integer call() throws Exception {
    try {
      return serve();
    } catch (Listening.CannotListen e) {
      spec.commandLine().getErr().println("gazette: " + e.getMessage());
      return 2;
    } finally {
      forgetEarlyHook(); // a serve that ended before its loop (an error) leaves no hook behind
    }
  }

  private void forgetEarlyHook() {
    if (earlyHook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(earlyHook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is stopping: the hook runs, or has run
      }
      earlyHook = null;
    }
  }

  private int serve() throws Exception {
    CommandLine cli = spec.commandLine();
    PrintWriter out = cli.getOut();
    PrintWriter err = cli.getErr();
    if (port < 0 || port > 65535) {
      throw new CommandLine.ParameterException(cli, "--port " + port + ": expected 0 to 65535");
    }
    if (maxAge < 0) {
      throw new CommandLine.ParameterException(cli, "--max-age " + maxAge + ": expected 0 or more");
    }
    if (baseUrl != null && (!baseUrl.isAbsolute() || baseUrl.getHost() == null
        || !(baseUrl.getScheme().equals("http") || baseUrl.getScheme().equals("https")))) {
      throw new CommandLine.ParameterException(cli, "--base-url " + baseUrl + ": expected an absolute http(s) URL");
    }
    FeedServer.Limits limits = limits(cli);
    TrustedProxies proxies;
    AccessLog.Format logLines;
    try {
      proxies = TrustedProxies.of(trustedProxies, TrustedProxies.Header.parse(forwardedHeader));
      logLines = AccessLog.Format.parse(logFormat);
      Logging.configure(Logging.level(logLevel), logLines);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cli, e.getMessage());
    }
    if (statsToken != null) {
      statsToken = statsToken.strip(); // a configuration file keeps trailing spaces no client would send
      if (!statsToken.isEmpty() && statsToken.length() < 16) {
        throw new CommandLine.ParameterException(cli, "--stats-token: " + statsToken.length() + " characters is"
            + " guessable; use 16 or more (openssl rand -hex 16)");
      }
    }
    if (adminPort < 0 || adminPort > 65535) {
      throw new CommandLine.ParameterException(cli, "--admin-port " + adminPort + ": expected 0 to 65535");
    }
    if (port == 0) {
      port = freePort();
    }
    Path folder = articles.existing(cli);
    if (baseUrl == null && Listening.wildcard(host) && !Listening.publicationNamesBaseUrl(folder)) {
      err.println("gazette: --host " + host + " listens on every address, but no public address is set, so every"
          + " link in the feeds would name http://" + hostForUrl() + ":" + port + "/; give the address subscribers"
          + " use: --base-url https://news.example.org/ (or GAZETTE_BASE_URL, or base_url in _feed.yaml)");
      return 2;
    }
    Path stateDir = state.resolve(folder, System.getenv());
    boolean noCache = !cache.enabled();
    Path cacheFile = cache.file(folder, System.getenv());
    // Article bodies live in a file beside the parse cache, not on the heap (about 2 KB each).
    Body.keepIn(noCache ? Path.of(System.getProperty("java.io.tmpdir")) : cacheFile.getParent());
    if (!noCache) {
      SqliteLibrary.keepIn(cacheFile.getParent()); // SQLite's native library too, not written out at every start
    }
    Gazette.Options options = new Gazette.Options(folder, baseUrl, fallback(), maxAge, Clock.systemUTC(),
        noCache ? null : ParseCache.at(cacheFile), stateDir, statics.resolve(folder));
    // A restart with nothing changed serves what the last run served at once, while the articles are read.
    Path snapshotFile = noCache || preview ? null : cacheFile.resolveSibling(
        cacheFile.getFileName().toString().replaceFirst("\\.cache$", ".site"));
    // The base URL used when none is given names the port: a snapshot names it only when its Site used it, so
    // one made with base_url in _feed.yaml or --base-url stays good on another port.
    Snapshot.Keys snapshotKeys = new Snapshot.Keys(
        Snapshot.key(ParseCache.BUILD, folder, baseUrl, null, options.statics(), theme.resolve(folder), stateDir),
        Snapshot.key(ParseCache.BUILD, folder, baseUrl, options.fallbackBaseUrl(), options.statics(),
            theme.resolve(folder), stateDir), options.fallbackBaseUrl());
    AtomicReference<Gazette> running = new AtomicReference<>();
    // Until the first Site is up, requests get 503 with Retry-After, except those the snapshot of the last run
    // answers.
    AtomicReference<Site> standIn = new AtomicReference<>();
    Supplier<Site> serving = () -> {
      Gazette current = running.get();
      Site site = current == null ? null : current.site();
      return site != null ? site : standIn.get();
    };
    // With a snapshot to look at, the server (its logs, metrics and statistics first) starts on another thread
    // while this one checks the snapshot; a snapshot found good is then served until the articles are read.
    // Without one, the server starts once the memory is open, and listens while the articles are read.
    boolean snapshotKept = snapshotFile != null && Files.isRegularFile(snapshotFile);
    // A SIGTERM while the articles are read (the server already answering) closes what has started.
    StoppingEarly early = new StoppingEarly();
    earlyHook = new Thread(early, "gazette-shutdown-starting");
    Runtime.getRuntime().addShutdownHook(earlyHook);
    FutureTask<Front> starting = new FutureTask<>(() -> early.started(front(proxies, logLines, stateDir, running,
        snapshotKept ? serving : null, limits)));
    if (snapshotKept) {
      Thread starter = new Thread(starting, "gazette-start");
      starter.setDaemon(true);
      starter.start();
    } else {
      starting.run();
    }
    Site restored;
    try {
      restored = !snapshotKept ? null : Snapshot.restore(snapshotFile, snapshotKeys, folder,
          options.statics(), theme.resolve(folder), stateDir, Instant.now()).orElse(null);
    } catch (RuntimeException | Error e) {
      try {
        started(starting).close(); // the server's threads would keep the JVM running
      } catch (IOException | RuntimeException | Error suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    standIn.set(restored);
    Front front = started(starting);
    FeedServer listening = front.server();
    Metrics metrics = front.metrics();
    Audience audience = front.audience();
    Subscribers subscribers = front.subscribers();
    Operations operations = front.operations();
    try (FeedServer first = listening; Audience closeStats = audience; Gazette gazette = Gazette.open(options);
        FeedServer server = listening != null ? listening : early.started(listen(serving, limits, operations,
            preview ? gazette.preview() : null))) {
      running.set(gazette);
      if (snapshotFile != null) {
        gazette.snapshot(snapshotFile, snapshotKeys);
      }
      gazette.theme(theme.resolve(folder));
      measure(gazette, metrics);
      Catalog catalog = gazette.reload().catalog();
      standIn.set(null);
      if (restored != null) {
        List<String> differ = Snapshot.differences(restored, gazette.site());
        if (differ.isEmpty()) {
          LOG.info("the site rendered from the articles is, byte for byte, the snapshot served meanwhile");
        } else {
          LOG.warn("the site rendered from the articles differs from the snapshot served meanwhile at {} (please"
              + " report it)", differ);
        }
      }
      metrics.reloaded(gazette.site().reload().took());
      for (Problem problem : catalog.problems()) {
        err.println(problem);
      }
      boolean invalidArticles = catalog.problems().stream().anyMatch(p -> !p.warning());
      if (catalog.publicationInvalid()) {
        err.println("gazette: cannot serve: " + catalog.publicationFile() + " is invalid (fix the problems above)");
        return 1;
      }
      if (invalidArticles) {
        err.println("gazette: serving without the articles above; they are listed at /health until fixed");
      }
      CountDownLatch stopped = new CountDownLatch(1);
      CountDownLatch closed = new CountDownLatch(1);
      AtomicInteger exit = new AtomicInteger(0);
      gazette.onFatal(error -> {
        exit.set(FATAL);
        stopped.countDown();
      });
      try (HubNotifier hubs = gazette.announceToHubs(Duration.ofSeconds(5))) {
        metrics.counter("gazette.websub.notifications", "WebSub publish notifications: accepted by the hub (sent),"
            + " attempts that failed (refused, each retried), given up after every attempt (abandoned)",
            "result", "sent", hubs, HubNotifier::sent);
        metrics.counter("gazette.websub.notifications", "", "result", "refused", hubs, HubNotifier::refused);
        metrics.counter("gazette.websub.notifications", "", "result", "abandoned", hubs, HubNotifier::abandoned);
        gazette.watch();
        // The JVM halts once its shutdown hooks return: this one waits until the responses in flight are
        // sent (up to the grace period) and Gazette has closed and written its parse cache (up to 30 s).
        Thread hook = new Thread(() -> {
          stopped.countDown();
          try {
            closed.await(limits.shutdownGrace().toSeconds() + 30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }, "gazette-shutdown");
        boolean registered;
        try {
          Runtime.getRuntime().addShutdownHook(hook); // first, so no moment is left with neither hook acting
          registered = true;
        } catch (IllegalStateException shuttingDown) {
          registered = false;
        }
        if (!registered || !early.handOver()) {
          early.awaitClosed(limits.shutdownGrace().plusSeconds(30)); // the early hook closes; this thread must not
          return exit.get();
        }
        forgetEarlyHook();
        URI base = catalog.publication().baseUrl();
        out.println("Gazette: " + catalog.articles().size() + " "
            + CheckCommand.plural(catalog.articles().size(), "article") + " from " + articles.articles
            + ", listening on http://" + hostForUrl() + ":" + server.port() + "/");
        Routes routes = new Routes(base);
        for (Format format : Format.ALL) {
          out.println("  " + String.format("%-10s", format.label()) + routes.url(Route.Feed.main(format)));
        }
        out.println("  " + String.format("%-10s", "home") + routes.url(new Route.Home()));
        out.println("Remembering what subscribers have seen in " + stateDir);
        if (server.adminPort() > 0) {
          out.println("Metrics and statistics on http://" + (adminHost.contains(":") ? "[" + adminHost + "]" : adminHost)
              + ":" + server.adminPort() + "/metrics and /stats");
        }
        out.println("Watching " + articles.articles + " for changes; Ctrl-C stops.");
        out.flush();
        stopped.await();
        server.close(); // stops accepting and lets the responses in flight finish
        if (subscribers != null) {
          subscribers.close(); // writes the last polls counted
        }
        gazette.close(); // stops watching and writes the parse cache before the hook lets the JVM halt
        LOG.info("stopped{}", exit.get() == 0 ? "" : " after a fatal error (exit status " + exit.get() + ")");
      } finally {
        closed.countDown();
      }
      return exit.get();
    }
  }

  private FeedServer.Limits limits(CommandLine cli) {
    for (var option : new Object[][] {{"--idle-timeout", idleTimeout}, {"--header-timeout", headerTimeout},
        {"--keep-alive-timeout", keepAliveTimeout}, {"--max-connections", maxConnections}}) {
      if ((int) option[1] < 1) {
        throw new CommandLine.ParameterException(cli, option[0] + " " + option[1] + ": expected 1 or more");
      }
    }
    if (shutdownGrace < 0) {
      throw new CommandLine.ParameterException(cli, "--shutdown-grace " + shutdownGrace + ": expected 0 or more");
    }
    return new FeedServer.Limits(Duration.ofSeconds(idleTimeout), Duration.ofSeconds(headerTimeout),
        Duration.ofSeconds(keepAliveTimeout), maxConnections, Duration.ofSeconds(shutdownGrace));
  }

  /** Port 0 must be resolved before rendering, because the default base URL names the port. */
  private int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new Listening.CannotListen(Listening.why(host, 0, e));
    }
  }

  /** Reloads, articles and problems, as /metrics shows them. */
  private static void measure(Gazette gazette, Metrics metrics) {
    gazette.onSwap((before, after) -> metrics.reloaded(after.reload().took()));
    metrics.gauge("gazette.articles", "published articles", gazette,
        g -> g.catalog() == null ? 0 : g.catalog().articles().size());
    metrics.gauge("gazette.problems", "problems in the articles and _feed.yaml, warnings included", gazette,
        g -> g.catalog() == null ? 0 : g.catalog().problems().size());
  }

  /**
   * What the server needs besides the Site: its logs, its metrics and the statistics of subscribers; and the
   * server itself when it was started with them.
   */
  private record Front(Metrics metrics, Audience audience, Subscribers subscribers, Operations operations,
      FeedServer server) implements AutoCloseable {
    @Override
    public void close() {
      // Closed in the reverse order written: the server (its traffic thread writes the last log lines and
      // counts), then the counts gathered, then the statistics file they go to.
      try (Audience closeAudience = audience; Subscribers closeCounts = subscribers; FeedServer closeServer = server) {
        // all three closed
      }
    }
  }

  /**
   * What a SIGTERM closes before the server loop takes over (while a snapshot is checked and the articles
   * are read, the server already answering): the server, which sends its responses in flight and writes the
   * access log it holds, then the statistics. Without it the JVM would halt with neither.
   */
  static final class StoppingEarly implements Runnable {
    private final List<AutoCloseable> started = new ArrayList<>();
    private final CountDownLatch closedAll = new CountDownLatch(1);
    private boolean handedOver;
    private boolean stopping;

    /** Records something started, to be closed on a stop before the hand-over (at once, if one has begun); returns it. */
    <T extends AutoCloseable> T started(T resource) {
      synchronized (this) {
        if (resource == null || !stopping) {
          if (resource != null) {
            started.add(resource);
          }
          return resource;
        }
      }
      close(resource); // started after the stop began: nothing else would close it
      return resource;
    }

    /** Waits until a stop that came before the hand-over has closed what had started. */
    void awaitClosed(Duration atMost) {
      try {
        closedAll.await(atMost.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** The server loop takes over stopping; false when a stop came first (and has closed what started). */
    synchronized boolean handOver() {
      handedOver = !stopping;
      return handedOver;
    }

    @Override
    public void run() {
      List<AutoCloseable> toClose;
      synchronized (this) {
        if (handedOver) {
          return;
        }
        stopping = true;
        toClose = new ArrayList<>(started);
      }
      Collections.reverse(toClose); // a server started after the front closes before the front's statistics
      try {
        toClose.forEach(StoppingEarly::close);
      } finally {
        closedAll.countDown();
      }
    }

    private static void close(AutoCloseable resource) {
      try {
        resource.close();
      } catch (Exception | Error e) {
        LOG.warn("stopping while starting: cannot close {}: {}", resource.getClass().getSimpleName(), e.toString());
      }
    }
  }

  /** The {@link Front}; listening on {@code site} at once unless it is null. */
  private Front front(TrustedProxies proxies, AccessLog.Format logLines, Path stateDir,
      AtomicReference<Gazette> running, Supplier<Site> site, FeedServer.Limits limits) throws IOException {
    List<Traffic.Listener> listeners = new ArrayList<>();
    Consumer<String> accessLines = Logging.access(accessLog == null ? "-" : accessLog);
    if (accessLines != null) {
      listeners.add(new AccessLog(logLines, accessLines));
    }
    Metrics metrics = new Metrics();
    Audience audience = noStats ? null : Audience.open(stateDir);
    Subscribers subscribers = audience == null ? null : new Subscribers(audience, Clock.systemUTC());
    if (subscribers != null) {
      listeners.add(subscribers);
    }
    Supplier<byte[]> statsPage = audience == null ? null : () -> {
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      Catalog now = running.get() == null ? null : running.get().catalog();
      return StatsPage.html(now == null ? "Gazette" : now.publication().title(), audience.feeds(today, StatsPage.DAYS),
          today);
    };
    Operations operations = new Operations(proxies, listeners, metrics, statsPage, statsToken, adminHost, adminPort);
    try {
      return new Front(metrics, audience, subscribers, operations, site == null ? null : listen(site, limits,
          operations, null));
    } catch (RuntimeException | Error e) {
      if (audience != null) {
        audience.close();
      }
      throw e;
    }
  }

  /** What {@code task} gave, or what kept it from giving it, thrown as it was. */
  private static <T> T started(FutureTask<T> task) throws IOException {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the server started", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private FeedServer listen(Supplier<Site> site, FeedServer.Limits limits, Operations operations,
      PreviewEvents previewEvents) {
    try {
      return FeedServer.start(host, port, site, maxAge, limits, operations, previewEvents);
    } catch (RuntimeException e) {
      throw new Listening.CannotListen(Listening.why(host, port, e));
    }
  }

  private URI fallback() throws URISyntaxException {
    return new URI("http://" + hostForUrl() + ":" + port + "/");
  }

  private String hostForUrl() {
    return host.contains(":") ? "[" + host + "]" : host;
  }
}
