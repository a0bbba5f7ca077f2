package gazette.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The {@code --cache-dir} and {@code --no-cache} options: where what was parsed is kept between runs, so a
 * run after another parses and converts only the files that changed. {@code serve} and {@code build} of
 * the same articles folder share one cache file.
 */
final class CacheOption {
  @Option(names = "--cache-dir", paramLabel = "DIR",
      description = "where to keep parsed articles (and, for serve, a snapshot of the site) between runs, so a run"
          + " parses only changed files (default: $CACHE_DIRECTORY, else $XDG_CACHE_HOME/gazette, else ~/.cache/gazette)")
  Path cacheDir;

  @Option(names = "--no-cache", description = "parse every article on every run, and keep no cache or snapshot")
  boolean noCache;

  /** Whether a cache is kept. */
  boolean enabled() {
    return !noCache;
  }

  /**
   * The cache file of an articles folder, named by a hash of its absolute path, in the directory given,
   * else the service manager's ({@code $CACHE_DIRECTORY}), else {@code $XDG_CACHE_HOME/gazette}, else
   * {@code ~/.cache/gazette}.
   */
  Path file(Path articles, Map<String, String> env) {
    Path dir = cacheDir;
    String systemd = env.get("CACHE_DIRECTORY"); // set by a service manager for a dynamic user
    if (dir == null && systemd != null && !systemd.isBlank()) {
      dir = Path.of(systemd.split(":")[0]);
    }
    if (dir == null) {
      String xdg = env.get("XDG_CACHE_HOME");
      dir = (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache"))
          .resolve("gazette");
    }
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest(articles.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
      return dir.resolve("articles-" + HexFormat.of().formatHex(hash, 0, 8) + ".cache");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
