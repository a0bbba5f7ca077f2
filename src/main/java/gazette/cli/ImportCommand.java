package gazette.cli;

import gazette.article.ArticleParser;
import gazette.article.Problem;
import gazette.article.Publication;
import gazette.article.PublicationParser;
import gazette.migrate.Hugo;
import gazette.migrate.Jekyll;
import gazette.migrate.Post;
import gazette.migrate.PostWriter;
import gazette.migrate.Report;
import gazette.migrate.WordPress;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code gazette import hugo|jekyll|wordpress}: another tool's posts as article files, each keeping the id
 * its old feed gave it and its old URL, and a report of what could not be carried over.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Write another tool's posts as articles that keep their old feed ids and URLs.",
    subcommands = {ImportCommand.FromHugo.class, ImportCommand.FromJekyll.class, ImportCommand.FromWordPress.class})
final class ImportCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing source: hugo DIR, jekyll DIR or wordpress FILE.xml");
  }

  /** The posts read, written into the articles folder, then checked; every line of the report printed. */
  static int write(CommandLine cli, List<Post> posts, Report report, Path articles) throws IOException {
    PrintWriter out = cli.getOut();
    PostWriter.Written written = PostWriter.write(posts, articles);
    Path feedFile = articles.resolve("_feed.yaml");
    Publication publication = PublicationParser.fallback(URI.create("http://localhost/"));
    if (Files.isRegularFile(feedFile)) {
      publication = PublicationParser.parse(feedFile, Files.readAllBytes(feedFile), null,
          URI.create("http://localhost/")).publication().orElse(publication);
    }
    int problems = 0;
    for (Path file : written.files()) {
      for (Problem problem : new ArticleParser(publication).parse(file, Files.readAllBytes(file)).problems()) {
        out.println(problem);
        problems++;
      }
    }
    for (Path file : written.existing()) {
      out.println(file + ": exists already; left as it was, and this post not imported");
    }
    for (String line : report.lines()) {
      out.println(line);
    }
    out.println("imported " + written.files().size() + " of " + posts.size() + " "
        + CheckCommand.plural(posts.size(), "post") + " into " + articles
        + (report.lines().isEmpty() ? "" : "; " + report.lines().size() + " " + CheckCommand.plural(
            report.lines().size(), "thing") + " not carried over (above)"));
    return problems > 0 || !written.existing().isEmpty() ? 1 : 0;
  }

  /** How one tool's site or export is read into posts, saying in the report what is not carried over. */
  private interface Source {
    List<Post> read(Path from, Report report) throws IOException;
  }

  /** Reads {@code from} and writes its posts; an unreadable source is one line and exit status 2. */
  private static int read(CommandLine.Model.CommandSpec spec, Source source, Path from, Path articles)
      throws IOException {
    Report report = new Report();
    List<Post> posts;
    try {
      posts = source.read(from, report);
    } catch (IOException e) {
      spec.commandLine().getErr().println("gazette: " + e.getMessage());
      return 2;
    }
    return write(spec.commandLine(), posts, report, articles);
  }

  @Command(name = "hugo", mixinStandardHelpOptions = true,
      description = "Import a Hugo site's pages (content/**/*.md; YAML, TOML or JSON front matter).")
  static final class FromHugo implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "the Hugo site (where hugo.toml or config.toml is)")
    Path site;

    @Mixin
    ArticlesOption articles;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      return read(spec, Hugo::read, site, articles.articles);
    }
  }

  @Command(name = "wordpress", mixinStandardHelpOptions = true,
      description = "Import the posts of a WordPress export (Tools > Export: a WXR file).")
  static final class FromWordPress implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE.xml", description = "the WordPress export")
    Path export;

    @Mixin
    ArticlesOption articles;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      return read(spec, WordPress::read, export, articles.articles);
    }
  }

  @Command(name = "jekyll", mixinStandardHelpOptions = true,
      description = "Import a Jekyll site's posts (_posts/YYYY-MM-DD-title.md, YAML front matter).")
  static final class FromJekyll implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "the Jekyll site (where _config.yml is)")
    Path site;

    @Mixin
    ArticlesOption articles;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      return read(spec, Jekyll::read, site, articles.articles);
    }
  }
}
