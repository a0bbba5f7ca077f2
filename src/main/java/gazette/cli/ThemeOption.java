package gazette.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --theme} option of the commands that render pages. */
final class ThemeOption {
  @Option(names = "--theme", paramLabel = "DIR",
      description = "folder whose style.css and *.jte templates replace the bundled look (default: theme beside the articles folder)")
  Path theme;

  /** The theme folder: the option's, else {@code theme} beside the articles folder. */
  Path resolve(Path articles) {
    if (theme != null) {
      return theme;
    }
    Path parent = articles.toAbsolutePath().normalize().getParent();
    return parent == null ? Path.of("theme").toAbsolutePath() : parent.resolve("theme");
  }
}
