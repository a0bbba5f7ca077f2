package gazette.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.status.Status;
import gazette.Gazette;
import gazette.http.AccessLog;
import gazette.http.FeedServer;
import gazette.http.Operations;
import gazette.http.Traffic;
import gazette.http.TrustedProxies;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class LoggingTest {
  @TempDir
  Path dir;

  @AfterEach
  void reset() throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    new ContextInitializer(context).autoConfig();
  }

  @Test
  void theJarsSetUpIsFoundAsAServiceAndStartsWithoutAnError() throws Exception {
    assertThat(java.util.ServiceLoader.load(Configurator.class).stream().map(p -> p.type().getName()))
        .contains(LogSetup.class.getName());
    LoggerContext context = new LoggerContext();

    LogSetup.apply(context);

    assertThat(context.getStatusManager().getCopyOfStatusList())
        .filteredOn(status -> status.getLevel() >= Status.WARN)
        .extracting(Status::getMessage)
        .isEmpty();
    assertThat(context.getLogger(Logging.ACCESS_LOGGER).getAppender("ACCESS")).isNotNull();
    assertThat(context.getLogger(Logging.ACCESS_LOGGER).isAdditive()).isFalse();
    assertThat(context.getLogger("io.undertow").getLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.INFO);
  }

  /** No message can fake another log line or send a terminal sequence; a stack trace keeps its line breaks. */
  @Test
  void aMessageIsOneLineWithItsControlCharactersShownAsQuestionMarks() {
    LoggerContext context = new LoggerContext();
    LogSetup.apply(context);
    @SuppressWarnings("unchecked")
    OutputStreamAppender<ILoggingEvent> stderr = (OutputStreamAppender<ILoggingEvent>)
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
    LoggingEvent event = new LoggingEvent(LoggingTest.class.getName(), context.getLogger("gazette.Gazette"),
        Level.WARN, "cannot read {}", new IllegalStateException("bad\u001b[2Jthing"),
        new Object[] {"a\nfake 2026-01-01T00:00:00Z INFO line\u202E.yaml"});

    String line = new String(stderr.getEncoder().encode(event), StandardCharsets.UTF_8);

    assertThat(line).contains(" WARN  Gazette cannot read a?fake 2026-01-01T00:00:00Z INFO line?.yaml"
        + System.lineSeparator());
    assertThat(line.lines().findFirst().orElseThrow()).endsWith("line?.yaml");
    assertThat(line).contains("java.lang.IllegalStateException: bad?[2Jthing\n\tat ");
  }

  @Test
  void anAccessLogFileGetsEachLineWhenTheTrafficThreadIsIdle() throws Exception {
    Path file = dir.resolve("logs/access.log");

    Consumer<String> sink = Logging.access(file.toString());
    sink.accept("127.0.0.1 - - [20/Jan/2024:10:00:00 +0000] \"GET /feed.xml HTTP/1.1\" 304 - \"-\" \"-\" 42");
    ((Traffic.Flushable) sink).flush();

    assertThat(Files.readString(file))
        .isEqualTo("127.0.0.1 - - [20/Jan/2024:10:00:00 +0000] \"GET /feed.xml HTTP/1.1\" 304 - \"-\" \"-\" 42\n");
  }

  @Test
  void linesAreHeldUntilTheyFillABlockThenWrittenWholeAndInOrder() throws Exception {
    Path file = dir.resolve("access.log");
    Consumer<String> sink = Logging.access(file.toString(), () -> 0L);
    List<String> sent = new ArrayList<>();
    for (int i = 0; sent.stream().mapToInt(l -> l.length() + 1).sum() <= Logging.Sink.BUFFER_CHARS; i++) {
      String line = "192.0.2.1 - - [20/Jan/2024:10:00:00 +0000] \"GET /feed.xml?n=" + i + " HTTP/1.1\" 304 - \"-\" \"-\" 42";
      sink.accept(line);
      sent.add(line);
    }

    // The last line did not fit: every line before it was written as one block, and nothing after it yet.
    assertThat(Files.readAllLines(file)).containsExactlyElementsOf(sent.subList(0, sent.size() - 1));
    ((Traffic.Flushable) sink).flush();
    assertThat(Files.readAllLines(file)).containsExactlyElementsOf(sent);
  }

  @Test
  void aLineHeldForASecondIsWrittenWithTheNextOne() throws Exception {
    Path file = dir.resolve("access.log");
    AtomicLong now = new AtomicLong(1_000_000);
    Consumer<String> sink = Logging.access(file.toString(), now::get);

    sink.accept("first");
    now.addAndGet(Logging.Sink.FLUSH_MILLIS - 1);
    sink.accept("second");
    assertThat(Files.readString(file)).isEmpty();
    now.addAndGet(1);
    sink.accept("third");

    assertThat(Files.readAllLines(file)).containsExactly("first", "second");
  }

  /**
   * The rolling appender files a block by when it is written: a line held over midnight would go into the next
   * day's file. So in the last second of the file's day (in the zone that names the files, not UTC) a line is
   * written at once, with those held before it; after midnight lines are held again.
   */
  @Test
  void noLineIsHeldIntoTheNextDaysFile() throws Exception {
    Path file = dir.resolve("access.log");
    java.time.ZoneId zone = java.time.ZoneOffset.ofHours(5);
    AtomicLong now = new AtomicLong(java.time.Instant.parse("2026-11-28T23:59:59.200Z").toEpochMilli());
    Consumer<String> sink = Logging.access(file.toString(), now::get, zone);

    sink.accept("at UTC's last second, 04:59 here");
    assertThat(Files.readString(file)).isEmpty();

    now.set(java.time.OffsetDateTime.parse("2026-11-29T23:59:58.800+05:00").toInstant().toEpochMilli());
    sink.accept("a");
    assertThat(Files.readAllLines(file)).containsExactly("at UTC's last second, 04:59 here");
    now.addAndGet(500); // 23:59:59.300 here
    sink.accept("b");
    assertThat(Files.readAllLines(file)).containsExactly("at UTC's last second, 04:59 here", "a", "b");

    now.addAndGet(800); // 00:00:00.100 the next day
    sink.accept("c");
    assertThat(Files.readAllLines(file)).containsExactly("at UTC's last second, 04:59 here", "a", "b");
    ((Traffic.Flushable) sink).flush();
    assertThat(Files.readAllLines(file)).containsExactly("at UTC's last second, 04:59 here", "a", "b", "c");
  }

  /** A clock set back: the lines held cannot tell how long they have been held, so they are written out. */
  @Test
  void aClockSetBackWritesOutTheLinesHeld() throws Exception {
    Path file = dir.resolve("access.log");
    AtomicLong now = new AtomicLong(java.time.Instant.parse("2026-11-28T12:00:00Z").toEpochMilli());
    Consumer<String> sink = Logging.access(file.toString(), now::get, java.time.ZoneOffset.UTC);

    sink.accept("noon");
    now.addAndGet(-3_600_000); // an hour back: else held until a full block, a quiet moment or noon again
    sink.accept("eleven");
    assertThat(Files.readAllLines(file)).containsExactly("noon");
    ((Traffic.Flushable) sink).flush();
    assertThat(Files.readAllLines(file)).containsExactly("noon", "eleven");
  }

  /** What a server logged before it stopped is in the file once it has stopped: the buffer is written out last. */
  @Test
  void everyResponseIsInTheFileOnceTheServerHasStopped() throws Exception {
    Path articles = Files.createDirectories(dir.resolve("articles"));
    Files.writeString(articles.resolve("_feed.yaml"), "title: Daily\n");
    Files.writeString(articles.resolve("a.yaml"), "title: A story\npublished: 2024-01-20\ncontent: Hello.\n");
    Path file = dir.resolve("access.log");
    int requests = 2000;
    try (Gazette gazette = Gazette.load(new Gazette.Options(articles, URI.create("https://news.example.org/"),
        URI.create("http://127.0.0.1/"), 60, Clock.systemUTC()))) {
      Consumer<String> sink = Logging.access(file.toString());
      FeedServer server = FeedServer.start("127.0.0.1", 0, gazette::site, 60, FeedServer.Limits.DEFAULT,
          new Operations(TrustedProxies.NONE, List.of(new AccessLog(AccessLog.Format.COMBINED, sink)), null, null, null,
              "127.0.0.1", 0));
      try (Socket socket = new Socket("127.0.0.1", server.port())) {
        byte[] request = ("GET /feed.xml HTTP/1.1\r\nHost: x\r\nIf-None-Match: \"x\"\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < requests; i++) {
          socket.getOutputStream().write(request);
        }
        socket.getOutputStream().write("GET /feed.xml HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII));
        socket.getInputStream().readAllBytes();
      }
      server.close();
    }

    assertThat(Files.readAllLines(file)).hasSize(requests + 1).allMatch(line -> line.contains("\"GET /feed.xml HTTP/1.1\""));
  }

  @Test
  void offMeansNoAccessLog() {
    assertThat(Logging.access("off")).isNull();
  }
}
