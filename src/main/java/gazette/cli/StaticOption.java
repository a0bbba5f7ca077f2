package gazette.cli;

import gazette.Gazette;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --static} option: the folder of files served as they are at the site's root. */
final class StaticOption {
  @Option(names = "--static", paramLabel = "DIR",
      description = "folder of static files (images, favicon.ico, ...) served at the site's root (default: static beside the articles folder)")
  Path dir;

  Path resolve(Path articles) {
    return dir != null ? dir : Gazette.Options.defaultStatic(articles);
  }
}
