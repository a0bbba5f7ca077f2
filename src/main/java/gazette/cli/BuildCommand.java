package gazette.cli;

import gazette.Gazette;
import gazette.article.Body;
import gazette.article.Problem;
import gazette.catalog.Catalog;
import gazette.catalog.ParseCache;
import gazette.memory.SqliteLibrary;
import gazette.site.Export;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gazette build}: writes the whole site as files for a static web host, the same bytes serve sends. */
@Command(name = "build", mixinStandardHelpOptions = true,
    description = "Write every page, feed and archive page as files for a static web host.")
final class BuildCommand implements Callable<Integer> {
  /** A base URL no publication has: seeing it means neither --base-url nor base_url named one. */
  private static final URI UNKNOWN = URI.create("http://gazette.invalid/");

  @Mixin
  ArticlesOption articles;

  @Mixin
  StateDirOption state;

  @Mixin
  StaticOption statics;

  @Mixin
  ConfigOption config;

  @Mixin
  ThemeOption theme;

  @Mixin
  CacheOption cache;

  @Option(names = "--out", paramLabel = "DIR", required = true,
      description = "where to write the site: a link to the newest build, replaced in one step")
  Path out;

  @Option(names = "--base-url", paramLabel = "URL",
      description = "public URL of the site (default: base_url from _feed.yaml; one of them is needed)")
  URI baseUrl;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  private static final String NO_ADDRESS =
      "a static site needs its public address: --base-url https://news.example.org/ or base_url in _feed.yaml";

  @Override
  public Integer call() throws Exception {
    CommandLine cli = spec.commandLine();
    PrintWriter out = cli.getOut();
    PrintWriter err = cli.getErr();
    Path folder = articles.existing(cli);
    // Before reading a single article (or opening the memory): without a public address there is nothing to build.
    if (baseUrl == null && !Listening.publicationNamesBaseUrl(folder)) {
      throw new CommandLine.ParameterException(cli, NO_ADDRESS);
    }
    // The parse cache serve keeps for this folder: a build after a serve or a build parses only what changed.
    Path cacheFile = cache.enabled() ? cache.file(folder, System.getenv()) : null;
    if (cacheFile != null) {
      Body.keepIn(cacheFile.getParent()); // bodies off the heap, as serve keeps them
      SqliteLibrary.keepIn(cacheFile.getParent());
    }
    Gazette.Options options = new Gazette.Options(folder, baseUrl, UNKNOWN, Gazette.Options.DEFAULT_MAX_AGE,
        Clock.systemUTC(), cacheFile == null ? null : ParseCache.at(cacheFile), state.resolve(folder, System.getenv()),
        statics.resolve(folder));
    try (Gazette gazette = Gazette.open(options)) {
      gazette.theme(theme.resolve(folder));
      gazette.reload();
      Catalog catalog = gazette.catalog();
      for (Problem problem : catalog.problems()) {
        err.println(problem);
      }
      if (catalog.publicationInvalid()) {
        err.println("gazette: cannot build: " + catalog.publicationFile() + " is invalid (fix the problems above)");
        return 1;
      }
      if (catalog.publication().baseUrl().getHost().equals(UNKNOWN.getHost())) {
        throw new CommandLine.ParameterException(cli, NO_ADDRESS); // _feed.yaml changed since it was looked at
      }
      Export.Result result = Export.write(gazette.site(), this.out);
      out.println("built " + this.out + " (" + result.written() + " written, " + result.unchanged()
          + " unchanged; " + result.redirects() + " " + CheckCommand.plural(result.redirects(), "redirect") + ", "
          + result.gone() + " gone) for " + catalog.publication().baseUrl() + "; "
          + gazette.parses() + " " + CheckCommand.plural(gazette.parses(), "article file") + " parsed"
          + (gazette.fromCache() == 0 ? "" : ", " + gazette.fromCache() + " read from the parse cache"));
      return catalog.errors().isEmpty() ? 0 : 1;
    }
  }
}
