package gazette.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The {@code --articles} option shared by every command. */
final class ArticlesOption {
  @Option(names = "--articles", paramLabel = "DIR", defaultValue = "articles",
      description = "folder of article YAML files and _feed.yaml (default: ${DEFAULT-VALUE})")
  Path articles;

  Path existing(CommandLine cli) {
    if (!Files.isDirectory(articles)) {
      throw new CommandLine.ParameterException(cli, "--articles " + articles + ": no such folder");
    }
    return articles;
  }
}
