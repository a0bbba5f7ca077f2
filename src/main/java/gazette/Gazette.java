package gazette;

import gazette.article.Problem;
import gazette.catalog.ArticleWatcher;
import gazette.catalog.Catalog;
import gazette.catalog.CatalogLoader;
import gazette.catalog.ParseCache;
import gazette.http.FeedServer;
import gazette.http.HubNotifier;
import gazette.http.PreviewEvents;
import gazette.memory.Memory;
import gazette.article.ContentCache;
import gazette.render.Look;
import gazette.render.Renderers;
import gazette.site.Rendition;
import gazette.site.Site;
import gazette.site.AliasCheck;
import gazette.site.Snapshot;
import gazette.memory.Records;
import java.util.Map;
import gazette.site.StaticFolder;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The facade: load a folder of articles, render its Site, serve it, and keep it current. It can listen
 * before the first Site is ready (requests then get {@code 503} with {@code Retry-After}). Every
 * rebuild runs on one reload thread, off the request path, and ends in a single swap of the Site
 * reference, so each response comes from one consistent Site.
 */
public final class Gazette implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Gazette.class);
  /**
   * How long the folder must be still before a burst of file events becomes one reload: longer than
   * the pause between an editor's saves in quick succession, and between the files of a copy, so that
   * neither a half-made edit nor a half-copied folder is published. It is what every change waits
   * before a reload starts (Hugo's server waits as long).
   */
  static final Duration QUIET = Duration.ofMillis(500);
  /** The longest a burst that never pauses (a file written to without end) may hold a reload back. */
  static final Duration MAX_DELAY = Duration.ofSeconds(10);
  /** Each feed is announced to its WebSub hub at most once in this long; the last change in it is announced at its end. */
  public static final Duration HUB_WINDOW = Duration.ofSeconds(10);

  private final Memory memory;
  private final CatalogLoader loader;
  private final Renderers renderers;
  private final Clock clock;
  private final int maxAge;
  private final AtomicReference<Site> site = new AtomicReference<>();
  private final ScheduledExecutorService reloads = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "gazette-reload");
    thread.setDaemon(true);
    return thread;
  });
  private long reloadCount;
  private ScheduledFuture<?> scheduled;
  private ArticleWatcher watcher;
  /** The theme folder (null: none), what is wrong with it, and the watcher that follows its edits. */
  private Path theme;
  private List<Problem> themeProblems = List.of();
  private ArticleWatcher themeWatcher;
  /** Where a theme's templates are compiled, one folder per version of the theme. */
  private Path themeClasses;
  private int themeVersion;
  private PreviewEvents previewEvents; // null unless previewing
  private ArticleWatcher staticWatcher;
  private final StaticFolder statics;
  private final List<BiConsumer<Site, Site>> swapListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<Error>> fatalListeners = new CopyOnWriteArrayList<>();
  private final Faults faults;
  /** Where the eager Site is kept for the next start (null: nowhere), and what names its settings. */
  private Path snapshotFile;
  private Snapshot.Keys snapshotKeys;
  /** The state directory (null: a memory in this process only, which no snapshot can vouch for). */
  private final Path stateDir;
  /** The digest of the theme folder the look in use was compiled from ("none": no theme; null: unknown). */
  private String themeDigest = "none";
  /** Which catalog of the loader the Site being served was rendered from, and the memory's revision just after. */
  private long siteCatalog = -1;
  private long siteRevision = -1;
  /** Writes the parse cache in the background: it can take a second with 100,000 articles. */
  private final ExecutorService saver = Executors.newSingleThreadExecutor(r -> {
    Thread thread = new Thread(r, "gazette-cache");
    thread.setDaemon(true);
    return thread;
  });

  /**
   * How to publish: the articles folder, the base URL from the command line (null to use
   * {@code base_url}), the base URL when neither gives one, the max-age for shared caches, the clock,
   * the parse cache (null for none) and the state directory where the publication memory lives (null:
   * remembered only while the process runs).
   */
  public record Options(Path articles, URI baseUrl, URI fallbackBaseUrl, int maxAge, Clock clock, ParseCache cache,
      Path stateDir, Path staticDir) {
    public static final int DEFAULT_MAX_AGE = 60;

    /** With the static folder beside the articles folder ({@code static/}). */
    public Options(Path articles, URI baseUrl, URI fallbackBaseUrl, int maxAge, Clock clock, ParseCache cache,
        Path stateDir) {
      this(articles, baseUrl, fallbackBaseUrl, maxAge, clock, cache, stateDir, null);
    }

    /** The static folder: the one given, else {@code static} beside the articles folder. */
    public Path statics() {
      return staticDir != null ? staticDir : defaultStatic(articles);
    }

    /** Where the static folder is when none is given: {@code static} beside the articles folder. */
    public static Path defaultStatic(Path articles) {
      Path absolute = articles.toAbsolutePath().normalize();
      return absolute.getParent() == null ? absolute.resolve("static") : absolute.resolveSibling("static");
    }

    public Options {
      Objects.requireNonNull(articles, "articles");
      Objects.requireNonNull(fallbackBaseUrl, "fallbackBaseUrl");
      Objects.requireNonNull(clock, "clock");
      if (maxAge < 0) {
        throw new IllegalArgumentException("maxAge < 0: " + maxAge);
      }
    }

    /** Without a parse cache (every start parses every article) and without a state directory (the memory lasts as long as the process). */
    public Options(Path articles, URI baseUrl, URI fallbackBaseUrl, int maxAge, Clock clock) {
      this(articles, baseUrl, fallbackBaseUrl, maxAge, clock, null, null);
    }
  }

  private Gazette(Options options, Memory memory) {
    ContentCache contents = new ContentCache();
    this.memory = memory;
    this.faults = new Faults(contents);
    this.loader = new CatalogLoader(options.articles(), options.baseUrl(), options.fallbackBaseUrl(), options.cache(),
        contents, Clock.systemUTC(), memory);
    this.renderers = new Renderers(contents);
    this.statics = new StaticFolder(options.statics());
    this.clock = options.clock();
    this.maxAge = options.maxAge();
    this.stateDir = options.stateDir();
  }

  /**
   * Keeps the eager Site in {@code file} when it closes (and after the rescan that follows the start),
   * with everything it was made from, for {@link Snapshot#restore} at the next start; {@code keys} name
   * the build and settings ({@link Snapshot#key}). Only a Site with no problem (warnings aside), rendered
   * from files whose stamps vouch for them, with a memory kept in a state directory, is kept.
   */
  public synchronized void snapshot(Path file, Snapshot.Keys keys) {
    this.snapshotFile = file;
    this.snapshotKeys = keys;
  }

  /**
   * A publication not read yet: {@link #serve} already listens, {@link #reload} reads it. Its memory is
   * opened (or started again when damaged) in the state directory.
   */
  public static Gazette open(Options options) throws IOException {
    return new Gazette(options, options.stateDir() == null ? Memory.ephemeral() : Memory.open(options.stateDir()));
  }

  /** Reads the folder and renders the first Site. */
  public static Gazette load(Options options) throws IOException {
    Gazette gazette = open(options);
    gazette.reload();
    return gazette;
  }

  /**
   * Takes the look of the pages from a theme folder ({@code style.css}, {@code *.jte}) from now on: read
   * and compiled now, before the next reload, and again on every change once {@link #watch} runs. A
   * theme that does not compile is a problem (at {@code /health}, from {@code check}), and the last good
   * look stays in use. A folder that does not exist is no theme until it does, when watched.
   */
  public synchronized void theme(Path folder) {
    this.theme = folder;
    if (Files.isDirectory(folder)) {
      loadTheme();
    } else {
      themeDigest = "none";
    }
  }

  /**
   * Reads and compiles the theme; on success its look replaces the one in use, otherwise the problem is
   * kept for the next catalog (which logs it once, as every new problem).
   */
  private synchronized void loadTheme() {
    try {
      if (themeClasses == null) {
        themeClasses = Files.createTempDirectory("gazette-theme");
      }
      Path classes = themeClasses.resolve(Integer.toString(++themeVersion));
      String digest = snapshotDigest(theme); // before compiling: a later edit makes it differ, never the other way
      Look next = Look.theme(theme, classes);
      renderers.look(next);
      themeDigest = digest;
      themeProblems = List.of();
      LOG.info("pages look as theme {} says", theme);
    } catch (Look.Broken broken) {
      themeProblems = List.of(new Problem(broken.file(), Math.max(1, broken.line()), 1,
          "theme: " + broken.getMessage() + " (the pages keep their last good look)"));
    } catch (IOException e) {
      themeProblems = List.of(new Problem(theme, 1, 1, "theme: cannot compile its templates: " + e.getMessage()));
    }
  }

  private static String snapshotDigest(Path folder) {
    try {
      return Snapshot.folderDigest(folder);
    } catch (IOException | RuntimeException e) {
      return null; // no snapshot vouches for a theme it could not read
    }
  }

  /** A changed theme: the next look, and a new Site in it; a look that fails to render is given up for the last good one. */
  private void reloadTheme() {
    Look before = renderers.look();
    loadTheme();
    try {
      apply(Set.of(), false);
    } catch (IOException | RuntimeException e) {
      if (renderers.look() == before) {
        LOG.error("reload failed; still serving the previous site", e);
        return;
      }
      LOG.warn("theme {} fails to render; the pages keep their last good look", theme, e);
      renderers.look(before);
      themeProblems = List.of(new Problem(theme, 1, 1, "theme: its templates fail on these articles ("
          + e + "); the pages keep their last good look"));
      applyLogged(Set.of(), false);
    } catch (Error e) {
      fatal("the reload thread", e);
    }
  }

  /** Re-reads the whole folder (parsing only what changed) and swaps in the next Site. */
  public Site reload() throws IOException {
    return apply(Set.of(), true);
  }

  /**
   * Watches the folder from now on: every burst of changes, and every scheduled article coming due,
   * rebuilds the Site in the background.
   */
  public synchronized void watch() {
    if (site.get() == null) {
      throw new IllegalStateException("watch() before the first reload(): there is nothing to keep current");
    }
    if (watcher == null) {
      watcher = ArticleWatcher.start(loader.root(), QUIET, MAX_DELAY,
          (paths, rescan) -> reloads.execute(() -> applyLogged(paths, rescan)));
      if (theme != null) {
        themeWatcher = ArticleWatcher.start(theme, QUIET, MAX_DELAY, (paths, rescan) -> reloads.execute(this::reloadTheme));
      }
      // A static file changed: the articles are as they were, and the static folder is read at every reload.
      staticWatcher = ArticleWatcher.start(statics.root(), QUIET, MAX_DELAY,
          (paths, rescan) -> reloads.execute(() -> applyLogged(Set.of(), false)));
      // Files saved between the first load and the watch starting would otherwise go unseen.
      reloads.execute(() -> applyLogged(Set.of(), true));
      schedule(site.get().catalog());
    }
  }

  private void applyLogged(Set<Path> paths, boolean rescan) {
    try {
      apply(paths, rescan);
    } catch (IOException | RuntimeException e) {
      LOG.error("reload failed; still serving the previous site", e);
    } catch (Error e) {
      fatal("the reload thread", e);
    }
  }

  /**
   * An Error (out of memory, a broken class path, a bug in the JVM) leaves no state to trust: it is
   * logged with its trace and handed to the {@link #onFatal} listeners, which stop the process so that
   * a supervisor starts it again from the files. Never swallowed, even with no listener.
   */
  private void fatal(String where, Error e) {
    LOG.error("fatal error on {}: {}; Gazette must stop", where, e.toString(), e);
    for (Consumer<Error> listener : fatalListeners) {
      listener.accept(e);
    }
  }

  /** Runs, on the thread that failed, when an {@link Error} ends background work (see {@link #fatal}). */
  public void onFatal(Consumer<Error> listener) {
    fatalListeners.add(listener);
  }

  private synchronized Site apply(Set<Path> touched, boolean rescan) throws IOException {
    Instant start = clock.instant();
    long began = System.nanoTime();
    long parsesBefore = loader.parses();
    Catalog catalog = faults.exclude(rescan ? loader.load(start) : loader.refresh(touched, start));
    if (!themeProblems.isEmpty()) {
      catalog = catalog.without(Set.of(), themeProblems);
    }
    StaticFolder.Scan scan = statics.scan();
    catalog = AliasCheck.withSiteProblems(catalog, scan);
    long loaded = System.nanoTime();
    Site previous = site.get();
    Site.Reloads reloads = new Site.Reloads(++reloadCount, began);
    Site next;
    try {
      next = Site.render(catalog, renderers, memory, Optional.ofNullable(previous), start, reloads, scan);
    } catch (RuntimeException | StackOverflowError e) {
      // Find the articles that fail alone, leave them out as problems, and render the rest.
      if (!faults.find(catalog, previous == null ? null : previous.catalog(), start)) {
        throw e;
      }
      catalog = faults.exclude(catalog); // keeps the static folder's problems
      next = Site.render(catalog, renderers, memory, Optional.ofNullable(previous), start, reloads, scan);
    }
    site.set(next);
    siteCatalog = loader.assembled();
    siteRevision = memory.revision();
    LOG.info("site {}: {} articles, {} URLs rendered ahead; read {} ms ({} parsed), rendered {} ms",
        previous == null ? "built" : "rebuilt", catalog.articles().size(), next.eagerCount(),
        (loaded - began) / 1_000_000, loader.parses() - parsesBefore,
        (System.nanoTime() - loaded) / 1_000_000);
    if (rescan && previous != null) {
      saveCache(); // after the rescan that follows the start, and any later full rescan
      Runnable snapshot = snapshotWriter();
      saver.execute(snapshot);
    }
    if (previous != null) {
      report(previous.catalog(), catalog);
      for (BiConsumer<Site, Site> listener : swapListeners) {
        listener.accept(previous, next);
      }
    }
    if (watcher != null) {
      schedule(catalog);
    }
    return next;
  }

  /** Logs each problem once, when it appears, and says when problems are gone. */
  private static void report(Catalog before, Catalog after) {
    Set<Problem> old = new HashSet<>(before.problems());
    Set<Problem> now = new HashSet<>(after.problems());
    for (Problem problem : after.problems()) {
      if (!old.contains(problem)) {
        LOG.warn("{}", problem);
      }
    }
    long fixed = old.stream().filter(p -> !now.contains(p)).count();
    if (fixed > 0) {
      LOG.info("{} problem(s) fixed; {} remain", fixed, after.problems().size());
    }
  }

  /** Arranges a reload for when the next scheduled article comes due, with no file event needed. */
  private void schedule(Catalog catalog) {
    if (scheduled != null) {
      scheduled.cancel(false);
      scheduled = null;
    }
    catalog.nextDue().ifPresent(due -> {
      long delay = Math.max(0, Duration.between(clock.instant(), due).toMillis());
      scheduled = reloads.schedule(() -> applyLogged(Set.of(), false), delay, TimeUnit.MILLISECONDS);
    });
  }

  /** Runs after every swap, on the reload thread, with the Site before and after; it must not block. */
  public void onSwap(BiConsumer<Site, Site> listener) {
    swapListeners.add(listener);
  }

  /** The Site being served; null before the first {@link #reload}. */
  public Site site() {
    return site.get();
  }

  /** How many article files have been parsed since this Gazette opened: the rest came from the parse cache or were unchanged. */
  public long parses() {
    return loader.parses();
  }

  /** How many article files were taken from the parse cache instead of being parsed since this Gazette opened. */
  public long fromCache() {
    return loader.fromCache();
  }

  /** The catalog of the Site being served; null before the first {@link #reload}. */
  public Catalog catalog() {
    Site current = site.get();
    return current == null ? null : current.catalog();
  }

  /**
   * Tells WebSub hubs, from now on, about every feed whose bytes differ from what its hub was last told
   * (the memory keeps that across restarts and processes, so each change is announced once): first the
   * changes made while nothing was running, then each change as it is published.
   */
  public HubNotifier announceToHubs(Duration firstRetry) {
    return announceToHubs(firstRetry, HUB_WINDOW);
  }

  /** As {@link #announceToHubs(Duration)}, announcing each feed at most once per {@code window}. */
  public HubNotifier announceToHubs(Duration firstRetry, Duration window) {
    HubNotifier hubs = new HubNotifier(firstRetry, window, memory);
    onSwap((before, after) -> hubs.announce(after));
    Site current = site.get();
    if (current != null) {
      hubs.announce(current);
    }
    return hubs;
  }

  /**
   * Preview mode, for a writer: pages show drafts and scheduled articles (marked, never in a feed,
   * listing or the memory's published records) and reload themselves after every save, told by the
   * server-sent events this returns. Call it before the first reload and before serving.
   */
  public synchronized PreviewEvents preview() {
    if (previewEvents == null) {
      previewEvents = new PreviewEvents();
      renderers.preview(true);
      PreviewEvents events = previewEvents;
      onSwap((before, after) -> events.announce());
    }
    return previewEvents;
  }

  /** Listens on {@code host:port} (0: a free port); until the first Site is ready, requests get {@code 503}. */
  public FeedServer serve(String host, int port) {
    return FeedServer.start(host, port, site::get, maxAge, FeedServer.Limits.DEFAULT, gazette.http.Operations.NONE,
        previewEvents);
  }

  /** Listens as {@link #serve(String, int)} does, with these timeouts, connection limit and shutdown grace. */
  public FeedServer serve(String host, int port, FeedServer.Limits limits) {
    return FeedServer.start(host, port, site::get, maxAge, limits, gazette.http.Operations.NONE, previewEvents);
  }

  private void saveCache() {
    saver.execute(() -> {
      long began = System.nanoTime();
      try {
        if (loader.save()) {
          LOG.debug("parse cache written in {} ms", (System.nanoTime() - began) / 1_000_000);
        } else {
          LOG.debug("parse cache already holds every parse; not written again");
        }
      } catch (IOException | RuntimeException e) {
        LOG.warn("cannot write the parse cache ({}); the next start parses every article", e.toString());
      } catch (Error e) {
        fatal("the thread that writes the parse cache", e);
      }
    });
  }

  /**
   * What writes the snapshot of the Site being served, captured now (under the lock, so it is the Site's
   * own state), or what removes the last one when this Site cannot be kept: it has problems, a file's
   * stamp cannot vouch for it, the theme could not be read, or the memory changed since it was rendered
   * (another process wrote records, or dates one of its paths differently).
   */
  private synchronized Runnable snapshotWriter() {
    Path file = snapshotFile;
    if (file == null) {
      return () -> {};
    }
    String why = null;
    Snapshot.Inputs inputs = null;
    Map<String, Rendition> eager = null;
    Site current = site.get();
    Optional<CatalogLoader.Inputs> files = loader.inputs();
    if (stateDir == null || renderers.preview()) {
      why = "no state directory, or previewing";
    } else if (themeDigest == null) {
      why = "the theme could not be read";
    } else if (current.catalog().problems().stream().anyMatch(p -> !p.warning())) {
      why = "the articles have problems";
    } else if (files.isEmpty() || files.get().catalog() != siteCatalog) {
      why = "a file's stamp cannot vouch for it (a symbolic link, a refused file, or a reload since)";
    } else {
      Memory.Shape shape = memory.shape();
      eager = current.eager();
      Map<String, Records.Validator> validators = memory.validators(Snapshot.keys(eager));
      Set<String> dated = new HashSet<>();
      for (Map.Entry<String, Records.Validator> e : validators.entrySet()) {
        if (!Snapshot.matches(e.getValue(), Snapshot.at(eager, e.getKey()))) {
          why = "the memory dates " + e.getKey() + " differently now";
        }
        dated.add(e.getKey());
      }
      if (shape.revision() > siteRevision) {
        why = "the memory's records changed since the site was rendered";
      }
      String key = snapshotKeys.of(current.catalog().publication().baseUrl());
      inputs = new Snapshot.Inputs(key, files.get().publicationDigest(), themeDigest,
          current.catalog().nextDue().orElse(null), shape, files.get().stamps(), current.staticPaths(), dated);
    }
    if (why != null) {
      String reason = why;
      return () -> {
        try {
          if (Files.deleteIfExists(file)) {
            LOG.info("removed the snapshot {}: {}", file, reason);
          }
        } catch (IOException e) {
          LOG.warn("cannot remove the snapshot {} ({})", file, e.toString());
        }
      };
    }
    Snapshot.Inputs kept = inputs;
    Map<String, Rendition> renditions = eager;
    return () -> {
      long began = System.nanoTime();
      try {
        Snapshot.write(file, kept, renditions);
        LOG.debug("snapshot of {} URLs written in {} ms", renditions.size(), (System.nanoTime() - began) / 1_000_000);
      } catch (IOException | RuntimeException e) {
        LOG.warn("cannot write the snapshot {} ({}); the next start reads the articles", file, e.toString());
        try {
          Files.deleteIfExists(file);
        } catch (IOException ignored) {
          // the next start finds it damaged or out of date, and reads the articles
        }
      }
    };
  }

  /** Stops watching and reloading, and writes the parse cache for the next start. Closing twice does nothing. */
  @Override
  public synchronized void close() {
    if (reloads.isShutdown()) {
      return;
    }
    if (staticWatcher != null) {
      staticWatcher.close();
    }
    if (watcher != null) {
      watcher.close();
    }
    if (themeWatcher != null) {
      themeWatcher.close();
    }
    reloads.shutdownNow();
    if (site.get() != null) {
      saveCache(); // a publication never read has nothing to remember, and must not empty the cache
      saver.execute(snapshotWriter());
    }
    saver.shutdown();
    try {
      saver.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    memory.close();
    if (themeClasses != null) {
      try (Stream<Path> files = Files.walk(themeClasses)) {
        for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
          Files.deleteIfExists(file);
        }
      } catch (IOException e) {
        LOG.debug("cannot remove the compiled theme in {}: {}", themeClasses, e.toString());
      }
    }
  }
}
