package gazette.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Gazette's log set-up, made in code when logback first starts (found as a service): its XML configuration
 * took a quarter of a second of every start, most of a restart that serves the snapshot. Gazette's own log
 * goes to standard error, one line per message with control characters, line separators and bidi controls
 * shown as {@code ?}, so that no message (a file name, a request line) can fake another line or send a
 * terminal sequence; a stack trace keeps its line breaks. Access lines come formatted and escaped from the
 * traffic thread and are written as they are. {@code gazette serve} then sets the level, the format and the
 * access log from its options ({@link Logging}).
 *
 * <p>A {@code logback-test.xml} on the class path (the tests') or {@code -Dlogback.configurationFile} wins:
 * then logback configures itself as it would without this class.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {
  /** The line of Gazette's own log. */
  static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0} "
      + "%replace(%msg){'[\\p{Cc}\\u0085\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069]', '?'}%n"
      + "%replace(%ex){'[\\p{Cc}&&[^\\n\\t]]', '?'}%nopex";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty(ContextInitializer.CONFIG_FILE_PROPERTY) != null
        || LogSetup.class.getClassLoader().getResource(ContextInitializer.TEST_AUTOCONFIG_FILE) != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    apply(context);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** Sets {@code context} up as Gazette's log. */
  static void apply(LoggerContext context) {
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(console(context, "STDERR", PATTERN));
    Logger access = context.getLogger(Logging.ACCESS_LOGGER);
    access.setLevel(Level.INFO);
    access.setAdditive(false);
    access.addAppender(console(context, "ACCESS", "%msg%n"));
    for (String quiet : new String[] {"io.undertow", "org.xnio", "org.jboss"}) {
      context.getLogger(quiet).setLevel(Level.WARN);
    }
  }

  private static ConsoleAppender<ILoggingEvent> console(LoggerContext context, String name, String pattern) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(pattern);
    encoder.start();
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName(name);
    appender.setTarget("System.err");
    appender.setEncoder(encoder);
    appender.start();
    return appender;
  }
}
