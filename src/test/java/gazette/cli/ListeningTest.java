package gazette.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What an operator sees when serve cannot listen, asks for help, or listens everywhere without a public address. */
class ListeningTest {
  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(args, new PrintWriter(out), new PrintWriter(err), Map.of());
  }

  private Path articles(String feed) throws IOException {
    Path articles = Files.createDirectories(dir.resolve("articles"));
    Files.writeString(articles.resolve("_feed.yaml"), feed);
    return articles;
  }

  @ParameterizedTest
  @ValueSource(strings = {"serve", "check", "build", "pin", "stats"})
  void everyCommandAnswersHelpWithItsUsage(String command) {
    int code = run(command, "--help");

    assertThat(code).isZero();
    assertThat(out.toString()).startsWith("Usage: gazette " + command);
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void aBusyPortIsOneLineAndExitStatus2() throws IOException {
    Path articles = articles("title: Daily\n");
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int code = run("serve", "--articles", articles.toString(), "--state-dir", dir.resolve("state").toString(),
          "--no-cache", "--port", String.valueOf(busy.getLocalPort()));

      assertThat(code).isEqualTo(2);
      assertThat(err.toString()).isEqualTo("gazette: cannot listen on 127.0.0.1:" + busy.getLocalPort()
          + ": the port is in use by another program (stop it, or choose another port with --port)\n");
    }
  }

  @Test
  void anUnknownHostIsOneLineAndExitStatus2() throws IOException {
    Path articles = articles("title: Daily\n");

    int code = run("serve", "--articles", articles.toString(), "--state-dir", dir.resolve("state").toString(),
        "--no-cache", "--host", "no-such-host.invalid", "--port", "8080");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("gazette: cannot listen on no-such-host.invalid:8080: no such host"
        + " (give --host an address of this machine, such as 127.0.0.1 or 0.0.0.0)\n");
  }

  @Test
  void aPrivilegedPortSaysWhatToDo() {
    String line = Listening.why("0.0.0.0", 80, new RuntimeException(new java.net.BindException("Permission denied")));

    assertThat(line).isEqualTo("cannot listen on 0.0.0.0:80: ports below 1024 need privileges (listen on --port 8080"
        + " behind a proxy, or grant the service CAP_NET_BIND_SERVICE)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0", "::"})
  void listeningEverywhereWithoutABaseUrlIsRefusedWithTheFix(String host) throws IOException {
    Path articles = articles("title: Daily\n");

    int code = run("serve", "--articles", articles.toString(), "--state-dir", dir.resolve("state").toString(),
        "--host", host, "--port", "8080");

    String shown = host.contains(":") ? "[" + host + "]" : host;
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("gazette: --host " + host + " listens on every address, but no public"
        + " address is set, so every link in the feeds would name http://" + shown + ":8080/; give the address"
        + " subscribers use: --base-url https://news.example.org/ (or GAZETTE_BASE_URL, or base_url in _feed.yaml)\n");
  }

  @Test
  void listeningEverywhereWithBaseUrlInTheFeedFileIsAllowed() throws IOException {
    Path articles = articles("title: Daily\nbase_url: https://news.example.org/\n");

    assertThat(Listening.publicationNamesBaseUrl(articles)).isTrue();
    assertThat(Listening.publicationNamesBaseUrl(articles("title: Daily\n"))).isFalse();
  }

  @Test
  @org.junit.jupiter.api.Timeout(value = 30, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
  void aFeedFileThatIsNoPlainFileIsLeftToTheCatalogNotReadHere() throws Exception {
    Path articles = articles("title: Daily\n");
    Path feed = articles.resolve("_feed.yaml");
    // A named pipe: reading it would wait for a writer for ever. The catalog refuses it with a message.
    Files.delete(feed);
    assertThat(new ProcessBuilder("mkfifo", feed.toString()).start().waitFor()).isZero();
    assertThat(Listening.publicationNamesBaseUrl(articles)).isTrue();
    // A link, here to a file with no base_url, is the catalog's to judge (it may lead outside the folder).
    Files.delete(feed);
    Path outside = Files.writeString(dir.resolve("elsewhere.yaml"), "title: Daily\n");
    Files.createSymbolicLink(feed, outside);
    assertThat(Listening.publicationNamesBaseUrl(articles)).isTrue();
    // More than the catalog reads.
    Files.delete(feed);
    Files.writeString(feed, "title: Daily\n#" + "x".repeat(gazette.article.ArticleParser.MAX_FILE_BYTES) + "\n");
    assertThat(Listening.publicationNamesBaseUrl(articles)).isTrue();
  }
}
