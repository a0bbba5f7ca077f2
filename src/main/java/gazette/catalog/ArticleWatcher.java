package gazette.catalog;

import gazette.article.Problem;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the articles folder, subfolders included (new ones as they appear), and hands each burst of
 * changes to a listener once the folder has been quiet for a moment, so an editor's save or a
 * checkout of many files becomes one reload. When the watch service overflows or cannot be had,
 * the listener is asked for a full rescan instead, so no change is missed.
 *
 * <p>The folder itself may be deleted and created again, swapped with {@code mv}, or be a link that is
 * re-pointed: its parent is watched for its name, and the folder is checked every second while it is
 * missing; whenever it is replaced, everything is watched afresh and a full rescan is asked for.
 */
public final class ArticleWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ArticleWatcher.class);

  /** Receives one coalesced burst: the paths touched (created, written or deleted), or {@code rescan} when they are not known. */
  public interface Listener {
    void burst(Set<Path> touched, boolean rescan);
  }

  private final Path root;
  private final Duration quiet;
  private final Duration maxDelay;
  private final Listener listener;
  private final Map<WatchKey, Path> folders = new HashMap<>();
  private final Set<Path> watched = new HashSet<>();
  private final Thread thread;
  private final WatchService service;
  private volatile boolean running = true;
  /** The key on the folder that holds the articles folder, for events about the folder itself; null if none. */
  private WatchKey parentKey;
  /** Set by {@link #drain} when the articles folder itself was removed, replaced or renamed. */
  private boolean replaced;
  /** Set by {@link #drain} when an event was about the articles: any in their folders, or the folder's own name. */
  private boolean stirred;
  /** Whether the articles folder was missing when last watched afresh. */
  private boolean missing;
  /** How often a missing articles folder is looked for, when no event says it is back. */
  static final Duration MISSING_CHECK = Duration.ofSeconds(1);
  /** How often the folder is read afresh where it cannot be watched. */
  static final Duration POLL = Duration.ofSeconds(2);

  private ArticleWatcher(Path root, Duration quiet, Duration maxDelay, Listener listener, WatchService service) {
    this.root = root;
    this.quiet = quiet;
    this.maxDelay = maxDelay;
    this.listener = listener;
    this.service = service;
    this.thread = new Thread(service == null ? this::poll : this::watch, "gazette-watcher");
    this.thread.setDaemon(true);
  }

  /**
   * Starts watching. {@code quiet} is how long the folder must be still before a burst is handed
   * over; {@code maxDelay} bounds how long a continuing burst can hold a reload back.
   */
  public static ArticleWatcher start(Path root, Duration quiet, Duration maxDelay, Listener listener) {
    WatchService service;
    try {
      service = root.getFileSystem().newWatchService();
    } catch (IOException | UnsupportedOperationException e) {
      LOG.warn("cannot watch {} ({}): rescanning it every {} ms instead", root, e.getMessage(), POLL.toMillis());
      service = null;
    }
    ArticleWatcher watcher = new ArticleWatcher(root, quiet, maxDelay, listener, service);
    if (service != null) {
      watcher.watchParent();
      watcher.rearm();
    }
    watcher.thread.start();
    return watcher;
  }

  private void watch() {
    try {
      while (running) {
        WatchKey first = service.poll(MISSING_CHECK.toMillis(), TimeUnit.MILLISECONDS);
        if (first == null) {
          if (missing && Files.isDirectory(root)) {
            LOG.info("articles folder {} is back: rescanning it", Problem.escape(root.toString()));
            rearm();
            deliver(Set.of(), true);
          }
          continue;
        }
        Set<Path> burst = new HashSet<>();
        stirred = false;
        boolean rescan = drain(first, burst);
        if (!stirred) {
          continue; // only events in the parent folder about other names: nothing of the articles changed
        }
        long deadline = System.nanoTime() + maxDelay.toNanos();
        long quietFrom = System.nanoTime();
        while (true) {
          // Quiet is counted from the last event about the articles, not from other names in the parent folder.
          long wait = Math.min(quietFrom + quiet.toNanos(), deadline) - System.nanoTime();
          WatchKey next = wait <= 0 ? null : service.poll(wait, TimeUnit.NANOSECONDS);
          if (next == null) {
            break;
          }
          stirred = false;
          rescan |= drain(next, burst);
          if (stirred) {
            quietFrom = System.nanoTime();
          }
        }
        if (replaced) {
          LOG.info("articles folder {} was removed, replaced or renamed: watching it afresh", Problem.escape(root.toString()));
          rearm();
          rescan = true;
        } else if (rescan) {
          LOG.info("more changes than the watch service could list: rescanning {}", root);
        }
        deliver(burst, rescan);
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closed: the thread ends
    }
  }

  private void poll() {
    try {
      while (running) {
        Thread.sleep(POLL.toMillis());
        deliver(Set.of(), true);
      }
    } catch (InterruptedException e) {
      // closed: the thread ends
    }
  }

  private void deliver(Set<Path> burst, boolean rescan) {
    try {
      listener.burst(Set.copyOf(burst), rescan);
    } catch (RuntimeException e) {
      LOG.error("reload after a change failed; still serving the previous site", e);
    }
  }

  /** Watches the folder that holds the articles folder, for events about the articles folder's own name. */
  private void watchParent() {
    Path parent = root.toAbsolutePath().getParent();
    if (parent == null) {
      return;
    }
    try {
      parentKey = parent.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE);
    } catch (IOException e) {
      LOG.warn("cannot watch {} for the articles folder being replaced ({}); checking it every {} ms instead",
          Problem.escape(parent.toString()), e.toString(), MISSING_CHECK.toMillis());
    }
  }

  /** Drops every watch on folders and watches the articles folder afresh, as it is now. */
  private void rearm() {
    for (WatchKey key : folders.keySet()) {
      key.cancel();
    }
    folders.clear();
    watched.clear();
    replaced = false;
    missing = !Files.isDirectory(root);
    if (!missing) {
      registerTree(root);
    }
  }

  /** Collects one key's events; true when events were lost (overflow). */
  private boolean drain(WatchKey key, Set<Path> burst) {
    if (key == parentKey) {
      Path name = root.toAbsolutePath().getFileName();
      for (WatchEvent<?> event : key.pollEvents()) {
        boolean ours = event.kind() == StandardWatchEventKinds.OVERFLOW || name.equals(event.context());
        replaced |= ours;
        stirred |= ours;
      }
      key.reset();
      return false;
    }
    Path folder = folders.get(key);
    boolean overflow = false;
    stirred = true;
    for (WatchEvent<?> event : key.pollEvents()) {
      if (event.kind() == StandardWatchEventKinds.OVERFLOW || folder == null) {
        overflow = true;
        continue;
      }
      Path path = folder.resolve((Path) event.context());
      burst.add(path);
      // A new folder, or one whose permissions now let it be read: watch it (links are never followed).
      if (event.kind() != StandardWatchEventKinds.ENTRY_DELETE && !watched.contains(path)
          && Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
        overflow |= !registerTree(path); // a folder that could not be watched: a rescan still reads what it holds
      }
    }
    if (!key.reset()) {
      watched.remove(folders.remove(key));
      replaced |= root.equals(folder); // the articles folder itself is gone
    }
    return overflow;
  }

  /**
   * Watches a folder and every article folder under it, by the loader's rule: hidden and {@code _}
   * folders and symbolic links are left out. A folder that cannot be listed or watched is skipped with
   * a warning (the loader reports it as a problem); false if any was.
   */
  private boolean registerTree(Path start) {
    boolean complete = true;
    Deque<Path> pending = new ArrayDeque<>();
    pending.push(start);
    while (!pending.isEmpty()) {
      Path folder = pending.pop();
      if (!folder.equals(root) && !CatalogLoader.isArticleFolder(root.relativize(folder))) {
        continue;
      }
      try {
        WatchKey key = folder.register(service, StandardWatchEventKinds.ENTRY_CREATE,
            StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
        folders.put(key, folder);
        watched.add(folder);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
          for (Path entry : entries) {
            if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
              pending.push(entry);
            }
          }
        }
      } catch (NoSuchFileException e) {
        // gone already: its deletion is an event of its own
      } catch (IOException | DirectoryIteratorException e) {
        complete = false;
        LOG.warn("cannot watch folder {}: {}", Problem.escape(folder.toString()), e.toString());
      }
    }
    return complete;
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    if (service != null) {
      try {
        service.close();
      } catch (IOException e) {
        LOG.debug("closing the watch service", e);
      }
    }
  }
}
