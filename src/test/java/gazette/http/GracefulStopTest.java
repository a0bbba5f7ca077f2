package gazette.http;

import static org.assertj.core.api.Assertions.assertThat;

import gazette.Gazette;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping the server lets a response in flight finish, and takes no new connection. */
class GracefulStopTest {
  private static final Duration DEADLINE = Duration.ofSeconds(20);

  @TempDir
  Path dir;

  @Test
  void aBigResponseInFlightFinishesAfterCloseBegins() throws Exception {
    Files.writeString(dir.resolve("_feed.yaml"), "title: Daily\n");
    for (int i = 0; i < 2; i++) {
      // Plain text of ampersands: each one is written as &amp;, so 900 kB of file make 4.5 MB of feed, cheaply.
      Files.writeString(dir.resolve("big-" + i + ".yaml"), "title: Big " + i + "\npublished: 2024-01-1" + i
          + "\nformat: text\ncontent: |\n" + ("  " + "&".repeat(78) + "\n").repeat(11_500));
    }
    Gazette gazette = Gazette.load(new Gazette.Options(dir, URI.create("https://news.example.org/"),
        URI.create("http://127.0.0.1/"), 60, Clock.systemUTC()));
    FeedServer server = gazette.serve("127.0.0.1", 0, new FeedServer.Limits(Duration.ofSeconds(60),
        Duration.ofSeconds(10), Duration.ofSeconds(20), 100, Duration.ofSeconds(15)));
    int expected = gazette.site().find("/feed.xml").orElseThrow().identity().length;
    assertThat(expected).as("bytes of the feed: far more than a socket holds while its reader waits").isGreaterThan(8 << 20);

    try (Socket socket = new Socket()) {
      socket.setReceiveBufferSize(4096);
      socket.connect(new InetSocketAddress("127.0.0.1", server.port()));
      socket.getOutputStream().write("GET /feed.xml HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      byte[] head = in.readNBytes(1024);

      Thread[] closer = new Thread[1];
      CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> {
        closer[0] = Thread.currentThread();
        server.close();
      });
      await("close() waits for the response in flight",
          () -> closer[0] != null && closer[0].getState() == Thread.State.TIMED_WAITING);
      assertThat(closed).isNotDone();
      try (Socket late = new Socket()) {
        late.connect(new InetSocketAddress("127.0.0.1", server.port()), 1_000);
        late.getOutputStream().write("GET /feed.xml HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        String answer = new String(late.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertThat(answer).as("a new request once stopping began").startsWith("HTTP/1.1 503 ")
            .containsIgnoringCase("Connection: close");
      }

      ByteArrayOutputStream all = new ByteArrayOutputStream();
      all.write(head);
      in.transferTo(all);
      String response = all.toString(StandardCharsets.ISO_8859_1);
      int bodyStart = response.indexOf("\r\n\r\n") + 4;

      assertThat(response).startsWith("HTTP/1.1 200 OK");
      assertThat(all.size() - bodyStart).as("body bytes received").isEqualTo(expected);
      closed.get();
    } finally {
      gazette.close();
    }
  }

  private static void await(String what, Check check) throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!check.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("still not true after " + DEADLINE + ": " + what);
      }
      LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
    }
  }

  private interface Check {
    boolean holds() throws Exception;
  }
}
