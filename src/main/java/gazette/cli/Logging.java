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
import java.time.Instant;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
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
    return access(target, System::currentTimeMillis);
  }

  /** As {@link #access(String)}, with the clock that ages the lines held (in milliseconds). */
  static Consumer<String> access(String target, LongSupplier clock) {
    return access(target, clock, ZoneId.systemDefault());
  }

  /**
   * As {@link #access(String, LongSupplier)}, with the zone whose days the file's name dates (the rolling
   * policy's {@code %d} uses the default zone).
   */
  static Consumer<String> access(String target, LongSupplier clock, ZoneId zone) {
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
      // Each event is a block of lines gathered by the Sink: written out as it comes.
      rolling.setImmediateFlush(true);
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
    return new Sink(logger, appender, clock, zone);
  }

  private static Encoder<ILoggingEvent> lines(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%msg%n");
    encoder.start();
    return encoder;
  }

  /**
   * Lines to the access logger, gathered in a buffer of {@value #BUFFER_CHARS} characters and handed to it as one
   * event (one write) when the next line would not fit, when the oldest line held is {@value #FLUSH_MILLIS} ms
   * old, and whenever the traffic thread finds nothing queued ({@link #flush}, also its last act when the server
   * stops): so a busy server writes its log in 64 KiB blocks, as nginx's {@code access_log ... buffer=64k} does,
   * and a quiet one within milliseconds. Lines go out whole and in order. The rolling appender decides the file
   * of each block by when it is written, so a line that comes in the last {@value #FLUSH_MILLIS} ms of a day is
   * written at once, with those held before it: no line of one day is held into the next day's file.
   */
  static final class Sink implements Consumer<String>, Traffic.Flushable {
    static final int BUFFER_CHARS = 64 << 10;
    static final long FLUSH_MILLIS = 1000;
    private static final String LINE_BREAK = System.lineSeparator(); // what %n writes

    private final org.slf4j.Logger logger;
    private final OutputStreamAppender<ILoggingEvent> appender;
    private final LongSupplier clock;
    private final StringBuilder held = new StringBuilder(BUFFER_CHARS + 512); // the traffic thread's only
    private final ZoneId zone;
    private long heldSince;
    private long dayEnds = Long.MIN_VALUE; // when the day of the last line ends (the next midnight in zone)

    Sink(org.slf4j.Logger logger, OutputStreamAppender<ILoggingEvent> appender, LongSupplier clock, ZoneId zone) {
      this.logger = logger;
      this.appender = appender;
      this.clock = clock;
      this.zone = zone;
    }

    @Override
    public void accept(String line) {
      long now = clock.getAsLong();
      // A clock set back (now before the oldest line held) writes out too: it cannot tell how long they were held.
      if (held.length() > 0
          && (held.length() + line.length() + 1 > BUFFER_CHARS || now - heldSince >= FLUSH_MILLIS || now < heldSince)) {
        write();
      }
      if (held.length() == 0) {
        heldSince = now;
      } else {
        held.append(LINE_BREAK); // the encoder's %n ends the block with the last line's break
      }
      held.append(line);
      if (now >= dayEnds) {
        dayEnds = Instant.ofEpochMilli(now).atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone)
            .toInstant().toEpochMilli();
      }
      if (dayEnds - now <= FLUSH_MILLIS) {
        write(); // the day's last second: written before the appender rolls over to the next day's file
      }
    }

    @Override
    public void flush() {
      if (held.length() > 0) {
        write();
      }
      if (!appender.isImmediateFlush() && appender.getOutputStream() != null) {
        try {
          appender.getOutputStream().flush();
        } catch (IOException e) {
          // the appender reports its own write failures; the next block tries again
        }
      }
    }

    private void write() {
      logger.info(held.toString());
      held.setLength(0);
      if (held.capacity() > 2 * BUFFER_CHARS) {
        held.trimToSize(); // one huge line does not keep its buffer
      }
    }
  }
}
