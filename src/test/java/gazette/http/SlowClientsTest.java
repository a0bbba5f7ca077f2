package gazette.http;

import static org.assertj.core.api.Assertions.assertThat;

import gazette.Gazette;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clients that hold connections open (slowloris, idle sockets) never keep a normal client from being served. */
class SlowClientsTest {
  private static final Duration DEADLINE = Duration.ofSeconds(15);

  @TempDir
  Path dir;

  private Gazette gazette;
  private FeedServer server;
  private final List<Socket> sockets = new ArrayList<>();
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeEach
  void articles() throws IOException {
    Files.writeString(dir.resolve("_feed.yaml"), "title: Daily\n");
    Files.writeString(dir.resolve("a.yaml"), "title: A story\npublished: 2024-01-20\ncontent: Text.\n");
    gazette = Gazette.load(new Gazette.Options(dir, URI.create("https://news.example.org/"),
        URI.create("http://127.0.0.1/"), 60, Clock.systemUTC()));
  }

  @AfterEach
  void stop() throws IOException {
    for (Socket socket : sockets) {
      socket.close();
    }
    server.close();
    gazette.close();
  }

  private Socket open() throws IOException {
    Socket socket = new Socket();
    sockets.add(socket);
    socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
    return socket;
  }

  private HttpResponse<String> get(String path, Duration timeout) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Whether the server has closed this connection: a read sees the end of the stream (or a reset). */
  private static boolean closedByServer(Socket socket) throws IOException {
    socket.setSoTimeout(1);
    try {
      InputStream in = socket.getInputStream();
      int b;
      while ((b = in.read()) >= 0) {
        // a response to the partial request, if any: keep reading to the end
      }
      return b < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset
    }
  }

  private static void await(String what, Check check) throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!check.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("still not true after " + DEADLINE + ": " + what);
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  @Test
  void aNormalClientIsServedDuringASlowlorisOfAThousandConnectionsWhichTheHeaderTimeoutThenCloses() throws Exception {
    server = gazette.serve("127.0.0.1", 0, new FeedServer.Limits(Duration.ofSeconds(60), Duration.ofSeconds(5),
        Duration.ofSeconds(60), 10_000, Duration.ofSeconds(5)));
    for (int i = 0; i < 1_000; i++) {
      open().getOutputStream().write("GET /feed.xml HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
    }

    HttpResponse<String> normal = get("/feed.xml", Duration.ofSeconds(5));

    assertThat(normal.statusCode()).isEqualTo(200);
    assertThat(normal.body()).contains("<title>A story</title>");
    // Served during the slowloris, not after the header timeout had cleared it away.
    assertThat(closedByServer(sockets.get(sockets.size() - 1))).as("the last slow connection still open").isFalse();
    await("every slow connection closed by the header timeout", () -> {
      for (Socket socket : sockets) {
        if (!closedByServer(socket)) {
          return false;
        }
      }
      return true;
    });
  }

  @Test
  void pastTheConnectionLimitANewClientWaitsUntilAnIdleConnectionCloses() throws Exception {
    server = gazette.serve("127.0.0.1", 0, new FeedServer.Limits(Duration.ofSeconds(60), Duration.ofSeconds(10),
        Duration.ofSeconds(60), 20, Duration.ofSeconds(5)));
    for (int i = 0; i < 20; i++) {
      open();
    }
    await("the idle connections are accepted", () -> {
      try {
        get("/feed.xml", Duration.ofMillis(300));
        return false;
      } catch (java.net.http.HttpTimeoutException e) {
        return true; // the 21st connection is not accepted while 20 are open
      }
    });

    for (Socket socket : sockets.subList(0, 5)) {
      socket.close();
    }

    assertThat(get("/feed.xml", Duration.ofSeconds(5)).statusCode()).isEqualTo(200);
  }

  @Test
  void anIdleConnectionIsClosedAfterTheKeepAliveTimeout() throws Exception {
    server = gazette.serve("127.0.0.1", 0, new FeedServer.Limits(Duration.ofSeconds(60), Duration.ofSeconds(10),
        Duration.ofSeconds(1), 100, Duration.ofSeconds(5)));
    Socket idle = open();

    await("the idle connection is closed", () -> closedByServer(idle));
  }
}
