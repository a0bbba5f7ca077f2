package gazette.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --config} option: a file of {@code option = value} lines, read before the options (see {@link Settings}). */
final class ConfigOption {
  @Option(names = "--config", paramLabel = "FILE",
      description = "a file of option = value lines, e.g. base-url = https://news.example.org/"
          + " (default: $GAZETTE_CONFIG); the command line, then GAZETTE_* variables, win over it")
  Path config;
}
