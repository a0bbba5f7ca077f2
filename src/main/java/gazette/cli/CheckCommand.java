package gazette.cli;

import gazette.article.Problem;
import gazette.catalog.Catalog;
import gazette.catalog.CatalogLoader;
import gazette.site.AliasCheck;
import gazette.site.StaticFolder;
import java.io.PrintWriter;
import java.net.URI;
import gazette.article.ContentCache;
import gazette.memory.Memory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code gazette check}: every problem in every file as {@code file:line:column: field: message}. */
@Command(name = "check", mixinStandardHelpOptions = true, description = "Report every problem in the articles; exit 1 if there is any.")
final class CheckCommand implements Callable<Integer> {
  @Mixin
  ArticlesOption articles;

  @Mixin
  StateDirOption state;

  @Mixin
  StaticOption statics;

  @Mixin
  ConfigOption config;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path folder = articles.existing(spec.commandLine());
    // A copy of the memory: check says what a server would do, and changes nothing it remembers.
    try (Memory memory = Memory.copyOf(state.resolve(folder, System.getenv()))) {
      CatalogLoader loader = new CatalogLoader(folder, null, URI.create("http://localhost/"), null, new ContentCache(),
          Clock.systemUTC(), memory);
      Catalog catalog = loader.load(Instant.now());
      StaticFolder.Scan scan = new StaticFolder(statics.resolve(folder)).scan();
      catalog = AliasCheck.withSiteProblems(catalog, scan);
      for (Problem problem : catalog.problems()) {
        out.println(problem);
      }
      List<Problem> errors = catalog.errors();
      long warnings = catalog.problems().size() - errors.size();
      String warned = warnings == 0 ? "" : ", " + warnings + " " + plural(warnings, "warning");
      if (errors.isEmpty()) {
        out.println("ok: " + catalog.articles().size() + " published " + plural(catalog.articles().size(), "article")
            + warned);
        return 0;
      }
      long files = errors.stream().map(Problem::file).distinct().count();
      out.println(errors.size() + " " + plural(errors.size(), "problem") + " in " + files + " " + plural(files, "file")
          + warned);
      return 1;
    }
  }

  static String plural(long n, String word) {
    return n == 1 ? word : word + "s";
  }
}
