package gazette.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;

/**
 * Where an option not given on the command line takes its value from: the environment
 * ({@code --base-url} from {@code GAZETTE_BASE_URL}), then the configuration file ({@code base-url =
 * ...}), then the option's own default. A value on the command line always wins.
 */
final class Settings implements CommandLine.IDefaultValueProvider {
  private final Map<String, String> env;
  private final Properties file;
  private final Path fileName;

  private Settings(Map<String, String> env, Properties file, Path fileName) {
    this.env = env;
    this.file = file;
    this.fileName = fileName;
  }

  /**
   * The settings for one run: the configuration file is {@code --config FILE} when the arguments name one,
   * else {@code $GAZETTE_CONFIG}, else none.
   */
  static Settings load(String[] args, Map<String, String> env) throws IOException {
    Path config = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        config = Path.of(args[i + 1]);
      } else if (args[i].startsWith("--config=")) {
        config = Path.of(args[i].substring("--config=".length()));
      }
    }
    if (config == null && env.get("GAZETTE_CONFIG") != null && !env.get("GAZETTE_CONFIG").isBlank()) {
      config = Path.of(env.get("GAZETTE_CONFIG"));
    }
    Properties properties = new Properties();
    if (config != null) {
      try (Reader in = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
        properties.load(in);
      }
    }
    return new Settings(env, properties, config);
  }

  /** The environment variable an option is read from: {@code --max-age} → {@code GAZETTE_MAX_AGE}. */
  static String variable(String option) {
    return "GAZETTE_" + option.replaceFirst("^-+", "").replace('-', '_').toUpperCase(Locale.ROOT);
  }

  @Override
  public String defaultValue(CommandLine.Model.ArgSpec arg) {
    if (!(arg instanceof CommandLine.Model.OptionSpec option) || option.longestName().equals("--config")) {
      return null;
    }
    String name = option.longestName();
    String fromEnv = env.get(variable(name));
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    return file.getProperty(name.replaceFirst("^-+", ""));
  }

  /** The keys of the configuration file that no option of any of these commands has: most likely typos. */
  java.util.List<String> unknownKeys(java.util.List<CommandLine.Model.CommandSpec> commands) {
    return file.stringPropertyNames().stream()
        .filter(key -> commands.stream().allMatch(command -> command.findOption("--" + key) == null))
        .sorted()
        .toList();
  }

  Path file() {
    return fileName;
  }
}
