package gazette.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import picocli.CommandLine.Option;

/** The {@code --state-dir} option: where the publication memory lives. */
final class StateDirOption {
  @Option(names = "--state-dir", paramLabel = "DIR",
      description = "where the publication memory lives: the ids, URLs, validators and archive pages subscribers have"
          + " seen (default: $STATE_DIRECTORY, else $XDG_STATE_HOME/gazette/..., else ~/.local/state/gazette/...)")
  Path stateDir;

  /**
   * The directory given, else the service manager's ({@code $STATE_DIRECTORY}), else one per articles
   * folder under {@code $XDG_STATE_HOME/gazette} or {@code ~/.local/state/gazette}.
   */
  Path resolve(Path articles, Map<String, String> env) {
    if (stateDir != null) {
      return stateDir;
    }
    String systemd = env.get("STATE_DIRECTORY");
    if (systemd != null && !systemd.isBlank()) {
      return Path.of(systemd.split(":")[0]);
    }
    String xdg = env.get("XDG_STATE_HOME");
    Path root = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "state");
    return root.resolve("gazette").resolve(folderName(articles));
  }

  /** One state directory per articles folder, named so a person can tell which. */
  static String folderName(Path articles) {
    Path absolute = articles.toAbsolutePath().normalize();
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(absolute.toString().getBytes(StandardCharsets.UTF_8));
      Path name = absolute.getFileName();
      return (name == null ? "root" : name.toString()) + "-" + HexFormat.of().formatHex(hash, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
