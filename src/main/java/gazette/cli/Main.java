package gazette.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gazette init|new|serve|build|check|pin|stats|import}: streams in, exit code out (0 ok, 1 invalid articles, 2 usage). */
@Command(name = "gazette", mixinStandardHelpOptions = true, version = "gazette 0.1.0",
    description = "Publishes a folder of YAML articles as RSS 2.0, Atom 1.0 and HTML.",
    subcommands = {InitCommand.class, NewCommand.class, ServeCommand.class, BuildCommand.class, CheckCommand.class,
        PinCommand.class, StatsCommand.class, ImportCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(args, out, err));
  }

  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, out, err, System.getenv());
  }

  /**
   * Runs one command. Options not on the command line come from {@code GAZETTE_*} variables in {@code env},
   * then from the configuration file, then from their defaults (see {@link Settings}).
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    int code;
    try {
      Settings settings = Settings.load(args, env);
      List<String> unknown = settings.unknownKeys(cli.getSubcommands().values().stream()
          .map(CommandLine::getCommandSpec).toList());
      if (!unknown.isEmpty()) {
        // A typo (trusted-proxies =) would otherwise be silently nothing: say so before anything runs.
        err.println("gazette: " + settings.file() + ": " + String.join(", ", unknown)
            + (unknown.size() == 1 ? " is not an option" : " are not options") + " of any command (see gazette serve --help)");
        err.flush();
        return 2;
      }
      cli.setDefaultValueProvider(settings);
      code = cli.execute(args);
    } catch (IOException e) {
      err.println("gazette: cannot read the configuration file: " + e.getMessage());
      code = 2;
    }
    out.flush();
    err.flush();
    return code;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command: init, new, serve, build, check, pin, stats or import");
  }
}
