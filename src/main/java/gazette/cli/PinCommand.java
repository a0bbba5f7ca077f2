package gazette.cli;

import gazette.article.Article;
import gazette.article.ContentCache;
import gazette.catalog.Catalog;
import gazette.catalog.CatalogLoader;
import gazette.memory.Memory;
import gazette.memory.Records;
import java.util.Set;
import java.util.stream.Collectors;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gazette pin}: writes each published article's id into its file, so that the id survives a lost
 * state directory, a rename and a date change. Everything else in the file is kept byte for byte.
 */
@Command(name = "pin", mixinStandardHelpOptions = true,
    description = "Write each published article's id into its file (id: ...), keeping the rest byte for byte.")
final class PinCommand implements Callable<Integer> {
  @Mixin
  ArticlesOption articles;

  @Mixin
  StateDirOption state;

  @Mixin
  ConfigOption config;

  @Option(names = "--dry-run", description = "say what would be written, and write nothing")
  boolean dryRun;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path folder = articles.existing(spec.commandLine());
    Path stateDir = state.resolve(folder, System.getenv());
    Catalog catalog;
    Set<String> published;
    // A copy: pinning changes files, never what the memory remembers.
    try (Memory memory = Memory.copyOf(stateDir)) {
      published = memory.transact(tx -> tx.articles().stream().filter(Records.Article::live)
          .map(Records.Article::id).collect(Collectors.toSet()));
      catalog = new CatalogLoader(folder, null, URI.create("http://localhost/"), null, new ContentCache(),
          Clock.systemUTC(), memory).load(Instant.now());
    }
    if (published.isEmpty()) {
      err.println("gazette: nothing to pin: no article has been published from " + stateDir
          + " (run serve first, or give --state-dir)");
      return 1;
    }
    int pinned = 0;
    int failed = 0;
    for (Article article : catalog.articles()) {
      if (article.idWritten() || !published.contains(article.id())) {
        continue; // not published yet: its id is decided when it is
      }
      try {
        String before = Files.readString(article.file(), StandardCharsets.UTF_8);
        String after = Pinning.withId(before, article.id());
        if (!dryRun) {
          Path temp = Files.createTempFile(article.file().getParent(), ".pin-", ".tmp");
          Files.writeString(temp, after, StandardCharsets.UTF_8);
          Files.move(temp, article.file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        out.println((dryRun ? "would pin " : "pinned ") + article.file() + ": id: " + article.id());
        pinned++;
      } catch (Pinning.CannotPin | IOException e) {
        err.println(article.file() + ":1:1: cannot pin: " + e.getMessage() + " (write id: \"" + article.id()
            + "\" into it yourself)");
        failed++;
      }
    }
    out.println((dryRun ? "would pin " : "pinned ") + pinned + " " + CheckCommand.plural(pinned, "article")
        + (failed > 0 ? "; " + failed + " could not be pinned" : ""));
    return failed > 0 ? 1 : 0;
  }
}
