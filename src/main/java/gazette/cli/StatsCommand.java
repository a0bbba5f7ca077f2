package gazette.cli;

import gazette.memory.Audience;
import gazette.render.StatsPage;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code gazette stats}: how many subscribe to each feed, as {@code serve} counted them in the state directory. */
@Command(name = "stats", mixinStandardHelpOptions = true,
    description = "Show each feed's subscribers: what aggregators announce, and other clients per day.")
final class StatsCommand implements Callable<Integer> {
  @Mixin
  ArticlesOption articles;

  @Mixin
  StateDirOption state;

  @Mixin
  ConfigOption config;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** The clock that says which day is today; tests set it. */
  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path dir = state.resolve(articles.articles, System.getenv());
    if (!Files.isRegularFile(dir.resolve(Audience.FILE))) {
      spec.commandLine().getErr().println("gazette: no statistics in " + dir + " yet (gazette serve counts them;"
          + " give --state-dir if it keeps them elsewhere)");
      return 1;
    }
    try (Audience audience = Audience.open(dir)) {
      out.print(StatsPage.text(audience.feeds(LocalDate.now(clock.withZone(ZoneOffset.UTC)), StatsPage.DAYS)));
    }
    return 0;
  }
}
