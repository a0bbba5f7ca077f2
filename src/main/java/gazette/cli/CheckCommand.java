package gazette.cli;

import gazette.article.Problem;
import gazette.catalog.Catalog;
import gazette.catalog.CatalogLoader;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code gazette check}: every problem in every file as {@code file:line:column: field: message}. */
@Command(name = "check", description = "Report every problem in the articles; exit 1 if there is any.")
final class CheckCommand implements Callable<Integer> {
  @Mixin
  ArticlesOption articles;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    CatalogLoader loader = new CatalogLoader(articles.existing(spec.commandLine()), null, URI.create("http://localhost/"));
    Catalog catalog = loader.load(Instant.now());
    for (Problem problem : catalog.problems()) {
      out.println(problem);
    }
    long files = catalog.problems().stream().map(Problem::file).distinct().count();
    if (catalog.problems().isEmpty()) {
      out.println("ok: " + catalog.articles().size() + " published " + plural(catalog.articles().size(), "article"));
      return 0;
    }
    out.println(catalog.problems().size() + " " + plural(catalog.problems().size(), "problem") + " in "
        + files + " " + plural(files, "file"));
    return 1;
  }

  static String plural(long n, String word) {
    return n == 1 ? word : word + "s";
  }
}
