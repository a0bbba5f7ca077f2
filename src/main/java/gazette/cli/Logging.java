package gazette.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import gazette.http.AccessLog;
import gazette.http.Traffic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * The logs of {@code serve}, set from its options: the level of Gazette's own log, its format, and where
 * the access log goes: standard error ({@code -}), nowhere ({@code off}), or a file of its own, rolled over
 * daily and at 100 MiB into gzipped files named by date, of which 30 days and at most 3 GiB are kept.
 */
final class Logging {
  static final String ACCESS_LOGGER = "gazette.access";
  static final FileSize MAX_FILE = FileSize.valueOf("100MB");
  static final int MAX_DAYS = 30;
  static final FileSize MAX_TOTAL = FileSize.valueOf("3GB");

  private Logging() {}

  /** The level named by {@code --log-level}. */
  static Level level(String name) {
    Level level = Level.toLevel(name.trim().toUpperCase(Locale.ROOT), null);
    if (level == null || level == Level.ALL) {
      throw new IllegalArgumentException("\"" + name + "\" is not a log level (expected error, warn, info, debug or"
          + " trace)");
    }
    return level;
  }

  /** Sets Gazette's log level and format. */
  static void configure(Level level, AccessLog.Format format) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(level);
    if (format == AccessLog.Format.JSON) {
      for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
        if (it.next() instanceof ConsoleAppender<ILoggingEvent> console) {
          console.stop();
          JsonEncoder json = new JsonEncoder();
          json.setContext(context);
          json.start();
          console.setEncoder(json);
          console.start();
        }
      }
    }
  }

  /**
   * Sends the access log to {@code target}: {@code -} for standard error, {@code off} for nowhere, else a
   * file (its folder is created). Returns where the lines go, or null when off.
   */
  static Consumer<String> access(String target) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger access = context.getLogger(ACCESS_LOGGER);
    access.detachAndStopAllAppenders();
    access.setAdditive(false);
    if (target.equals("off")) {
      access.setLevel(Level.OFF);
      return null;
    }
    access.setLevel(Level.INFO);
    OutputStreamAppender<ILoggingEvent> appender;
    if (target.equals("-")) {
      ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
      console.setTarget("System.err");
      appender = console;
    } else {
      Path file = Path.of(target).toAbsolutePath();
      try {
        Files.createDirectories(file.getParent());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the folder of --access-log " + target, e);
      }
      RollingFileAppender<ILoggingEvent> rolling = new RollingFileAppender<>();
      rolling.setContext(context);
      rolling.setFile(file.toString());
      SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
      policy.setContext(context);
      policy.setParent(rolling);
      policy.setFileNamePattern(file + ".%d{yyyy-MM-dd}.%i.gz");
      policy.setMaxFileSize(MAX_FILE);
      policy.setMaxHistory(MAX_DAYS);
      policy.setTotalSizeCap(MAX_TOTAL);
      policy.start();
      rolling.setRollingPolicy(policy);
      // Written out when the traffic thread has nothing queued, not once per line: one write for a burst.
      rolling.setImmediateFlush(false);
      appender = rolling;
    }
    appender.setContext(context);
    appender.setName("ACCESS");
    appender.setEncoder(lines(context));
    appender.start();
    if (!appender.isStarted()) {
      throw new UncheckedIOException(new IOException("cannot write the access log to " + target
          + " (see the lines above)"));
    }
    access.addAppender(appender);
    org.slf4j.Logger logger = LoggerFactory.getLogger(ACCESS_LOGGER);
    return new Sink(logger, appender);
  }

  private static Encoder<ILoggingEvent> lines(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%msg%n");
    encoder.start();
    return encoder;
  }

  /** Lines to the access logger; written out on {@link #flush} when the appender buffers them. */
  private record Sink(org.slf4j.Logger logger, OutputStreamAppender<ILoggingEvent> appender)
      implements Consumer<String>, Traffic.Flushable {
    @Override
    public void accept(String line) {
      logger.info(line);
    }

    @Override
    public void flush() {
      if (!appender.isImmediateFlush() && appender.getOutputStream() != null) {
        try {
          appender.getOutputStream().flush();
        } catch (IOException e) {
          // the appender reports its own write failures; the next line tries again
        }
      }
    }
  }
}
