package gazette.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gazette serve} as an operator runs it: the packaged jar in its own process, stopped by SIGTERM. */
class ServeProcessIT {
  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/");

  @TempDir
  Path dir;

  @Test
  void sigtermLetsAResponseInFlightFinishThenStopsWithOneLineEach() throws Exception {
    Path articles = Files.createDirectories(dir.resolve("articles"));
    Files.writeString(articles.resolve("_feed.yaml"), "title: Daily\n");
    for (int i = 0; i < 2; i++) {
      Files.writeString(articles.resolve("big-" + i + ".yaml"), "title: Big " + i + "\npublished: 2024-01-1" + i
          + "\nformat: text\ncontent: |\n" + ("  " + "&".repeat(78) + "\n").repeat(11_500));
    }
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process gazette = new ProcessBuilder(java, "-jar", Path.of("target/gazette.jar").toAbsolutePath().toString(),
        "serve", "--articles", articles.toString(), "--port", "0", "--no-cache", "--shutdown-grace", "20")
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try {
      int port = Integer.parseInt(await("the listening line", () -> {
        Matcher m = LISTENING.matcher(Files.readString(out));
        return m.find() ? m.group(1) : null;
      }));

      try (Socket socket = new Socket()) {
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        socket.getOutputStream().write("GET /feed.xml HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(in.readNBytes(1024));

        gazette.destroy(); // SIGTERM
        await("stopping is logged", () -> Files.readString(err).contains("stopping: no new requests") ? "" : null);
        in.transferTo(all);

        String response = all.toString(StandardCharsets.ISO_8859_1);
        Matcher length = Pattern.compile("(?i)content-length: (\\d+)").matcher(response);
        assertThat(length.find()).isTrue();
        int bodyStart = response.indexOf("\r\n\r\n") + 4;
        assertThat(all.size() - bodyStart).as("body bytes received").isEqualTo(Integer.parseInt(length.group(1)))
            .isGreaterThan(8 << 20);
      }
      assertThat(gazette.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
      assertThat(gazette.exitValue()).as("exit status after SIGTERM").isEqualTo(143);
      String log = Files.readString(err);
      assertThat(log).containsOnlyOnce("FeedServer stopping: no new requests; responses in flight have 20 s to finish")
          .containsOnlyOnce("FeedServer every response in flight finished")
          .containsOnlyOnce("ServeCommand stopped\n");
    } finally {
      gazette.destroyForcibly();
    }
  }

  @Test
  void sigtermWhileTheArticlesAreReadClosesTheServerThatAnswersMeanwhile() throws Exception {
    Path articles = Files.createDirectories(dir.resolve("articles"));
    Files.writeString(articles.resolve("_feed.yaml"), "title: Daily\n");
    for (int i = 0; i < 4000; i++) { // enough that reading them takes seconds, in which the stop lands
      Files.writeString(articles.resolve("story-" + i + ".yaml"), "title: Story " + i + "\npublished: 2024-01-01T00:00:00Z\n"
          + "content: |\n" + ("  A paragraph of *story* " + i + ", with [a link](https://example.org/" + i + ").\n\n").repeat(20));
    }
    int port;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Path access = dir.resolve("access.log");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process gazette = new ProcessBuilder(java, "-jar", Path.of("target/gazette.jar").toAbsolutePath().toString(),
        "serve", "--articles", articles.toString(), "--port", String.valueOf(port), "--no-cache", "--state-dir",
        dir.resolve("state").toString(), "--access-log", access.toString())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try {
      String answer = await("a 503 while the articles are read", () -> {
        try (Socket socket = new Socket("127.0.0.1", port)) {
          socket.getOutputStream().write("GET /feed.xml HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
          String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
          return response.startsWith("HTTP/1.1 503") ? response : null;
        } catch (java.io.IOException notYet) {
          return null;
        }
      });
      assertThat(answer).contains("Retry-After: 1");

      gazette.destroy(); // SIGTERM
      assertThat(gazette.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
      assertThat(Files.readString(out)).as("stopped before the articles were read: the case under test")
          .doesNotContain("Watching");
      assertThat(gazette.exitValue()).as("exit status after SIGTERM").isEqualTo(143);
      assertThat(Files.readString(err)).as("the server answering meanwhile is closed, not cut off")
          .contains("FeedServer stopping: no new requests");
      assertThat(Files.readString(access)).contains("\"GET /feed.xml HTTP/1.1\" 503 ");
    } finally {
      gazette.destroyForcibly();
    }
  }

  private static String await(String what, Check check) throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (true) {
      String value = check.value();
      if (value != null) {
        return value;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("still not true after " + DEADLINE + ": " + what);
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
  }

  private interface Check {
    String value() throws Exception;
  }
}
