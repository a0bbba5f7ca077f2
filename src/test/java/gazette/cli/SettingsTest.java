package gazette.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(Map<String, String> env, String... args) {
    return Main.run(args, new PrintWriter(out), new PrintWriter(err), env);
  }

  @Test
  void theCommandLineWinsThenTheEnvironmentThenTheConfigurationFile() throws IOException {
    Path articles = Files.createDirectories(dir.resolve("from-file"));
    Files.writeString(articles.resolve("_feed.yaml"), "title: Daily\n");
    Path config = dir.resolve("gazette.conf");
    Files.writeString(config, "# a configuration file\narticles = " + articles + "\nstate-dir = " + dir.resolve("state") + "\n");

    assertThat(run(Map.of(), "check", "--config", config.toString())).isZero();
    assertThat(out.toString()).isEqualTo("ok: 0 published articles\n");

    Path fromEnv = Files.createDirectories(dir.resolve("from-env"));
    assertThat(run(Map.of("GAZETTE_ARTICLES", fromEnv.toString(), "GAZETTE_CONFIG", config.toString()), "check"))
        .isEqualTo(1);
    assertThat(out.toString()).contains(fromEnv.resolve("_feed.yaml") + ":1:1: file is missing");

    out.getBuffer().setLength(0);
    assertThat(run(Map.of("GAZETTE_ARTICLES", fromEnv.toString()), "check", "--config", config.toString(),
        "--articles", articles.toString())).isZero();
    assertThat(out.toString()).isEqualTo("ok: 0 published articles\n");
  }

  @Test
  void aVariableIsTheOptionInCapitals() {
    assertThat(Settings.variable("--base-url")).isEqualTo("GAZETTE_BASE_URL");
    assertThat(Settings.variable("--no-cache")).isEqualTo("GAZETTE_NO_CACHE");
  }

  @Test
  void aKeyNoCommandHasIsATypoNamedBeforeAnythingRuns() throws IOException {
    Path articles = Files.createDirectories(dir.resolve("articles"));
    Files.writeString(articles.resolve("_feed.yaml"), "title: Daily\n");
    Path config = dir.resolve("gazette.conf");
    // port is serve's only: still a setting the file may hold when it runs check.
    Files.writeString(config, "articles = " + articles + "\nstate-dir = " + dir.resolve("state")
        + "\nport = 8081\ntrusted-proxies = 127.0.0.1\n");

    assertThat(run(Map.of(), "check", "--config", config.toString())).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("gazette: " + config + ": trusted-proxies is not an option of any command"
        + " (see gazette serve --help)\n");
  }
}
