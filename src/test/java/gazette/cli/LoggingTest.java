package gazette.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.status.Status;
import gazette.http.Traffic;
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
  void theBundledConfigurationLoadsWithoutAnError() throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    context.getStatusManager().clear();

    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(Path.of("src/main/resources/logback.xml").toFile()); // the one the jar carries

    assertThat(context.getStatusManager().getCopyOfStatusList())
        .filteredOn(status -> status.getLevel() >= Status.WARN)
        .extracting(Status::getMessage)
        .isEmpty();
    assertThat(context.getLogger(Logging.ACCESS_LOGGER).getAppender("ACCESS")).isNotNull();
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
  void offMeansNoAccessLog() {
    assertThat(Logging.access("off")).isNull();
  }
}
