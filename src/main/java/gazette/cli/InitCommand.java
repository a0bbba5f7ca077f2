package gazette.cli;

import gazette.article.ArticleParser;
import gazette.article.Problem;
import gazette.article.Publication;
import gazette.article.PublicationParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gazette init DIR}: a new publication in {@code DIR}: {@code articles/_feed.yaml} with every field
 * explained, an example article, and an empty {@code static/} folder. It refuses a folder that already
 * holds articles.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
    description = "Create a new publication in DIR: articles/_feed.yaml (every field explained), an example article,"
        + " and an empty static/ folder. Refuses to touch an existing publication.")
final class InitCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "the folder to create the publication in")
  Path dir;

  @Option(names = "--title", paramLabel = "TITLE", description = "the publication's name (default: the folder's name)")
  String title;

  @Option(names = "--base-url", paramLabel = "URL",
      description = "the public URL the site will have; its host becomes id_authority (default: set them later)")
  URI baseUrl;

  @Option(names = "--language", paramLabel = "TAG", defaultValue = "en",
      description = "the articles' language, a BCP 47 tag (default: ${DEFAULT-VALUE})")
  String language;

  @Option(names = "--timezone", paramLabel = "ZONE",
      description = "the publication's time zone, e.g. Asia/Baku (default: this computer's)")
  String timezone;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    CommandLine cli = spec.commandLine();
    PrintWriter out = cli.getOut();
    PrintWriter err = cli.getErr();
    Path articles = dir.resolve("articles");
    Path statics = dir.resolve("static");
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new CommandLine.ParameterException(cli, dir + " is a file, not a folder");
    }
    if (Files.exists(articles.resolve("_feed.yaml")) || !isEmpty(articles) || !isEmpty(statics)) {
      err.println("gazette: " + dir + " holds a publication already (" + (isEmpty(articles) ? statics : articles)
          + " is not empty); nothing written");
      return 1;
    }
    ZoneId zone = zone(cli);
    String name = title != null ? title.strip() : folderTitle();
    String base = null;
    if (baseUrl != null) {
      if (!baseUrl.isAbsolute() || baseUrl.getHost() == null
          || !(baseUrl.getScheme().equals("http") || baseUrl.getScheme().equals("https"))) {
        throw new CommandLine.ParameterException(cli, "--base-url " + baseUrl + ": expected an absolute http(s) URL");
      }
      base = baseUrl.toString().endsWith("/") ? baseUrl.toString() : baseUrl + "/";
    }
    String feed = Scaffold.feed(name, base, language, zone);
    Path feedFile = articles.resolve("_feed.yaml");
    PublicationParser.Result parsed = PublicationParser.parse(feedFile, feed.getBytes(StandardCharsets.UTF_8), null,
        URI.create("http://localhost/"));
    if (parsed.publication().isEmpty()) {
      // Only what was given can be wrong: a title or language tag the publication file refuses.
      List<String> said = new ArrayList<>();
      parsed.problems().forEach(p -> said.add(p.message()));
      throw new CommandLine.ParameterException(cli, String.join("; ", said));
    }
    Publication publication = parsed.publication().get();
    Instant now = Instant.now();
    String slug = "welcome";
    String authority = base == null ? null : publication.authority();
    Path example = articles.resolve(Scaffold.fileName(now, zone, slug));
    String article = Scaffold.article(Scaffold.id(authority, now, zone, slug), "Welcome to " + name, now, zone, false,
        EXAMPLE);
    ArticleParser.Result check = new ArticleParser(publication).parse(example, article.getBytes(StandardCharsets.UTF_8));
    if (check.article().isEmpty()) {
      throw new CommandLine.ParameterException(cli, String.join("; ", check.problems().stream().map(Problem::message)
          .toList()));
    }
    Files.createDirectories(articles);
    Files.createDirectories(statics);
    if (!Scaffold.create(feedFile, feed) || !Scaffold.create(example, article)) {
      err.println("gazette: another program wrote into " + articles + " meanwhile; look at what is there");
      return 1;
    }
    Scaffold.create(statics.resolve(".gitkeep"), "");
    out.println("created " + dir + ": " + feedFile + ", " + example + " and " + statics + "/");
    out.println("next: cd " + dir + " && gazette new \"Your first story\"; gazette check; gazette serve");
    return 0;
  }

  private ZoneId zone(CommandLine cli) {
    if (timezone == null) {
      ZoneId here = ZoneId.systemDefault().normalized();
      return here.getId().equals("Z") || here.getId().equals("GMT") ? ZoneId.of("UTC") : here;
    }
    try {
      return ZoneId.of(timezone);
    } catch (DateTimeException e) {
      throw new CommandLine.ParameterException(cli, "--timezone " + timezone
          + ": not a time zone (expected an IANA name such as Europe/Paris, or UTC)");
    }
  }

  private String folderTitle() {
    Path name = dir.toAbsolutePath().normalize().getFileName();
    String s = name == null ? "News" : name.toString().replace('-', ' ').replace('_', ' ').strip();
    return s.isEmpty() ? "News" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static boolean isEmpty(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return true;
    }
    if (!Files.isDirectory(folder)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.findAny().isEmpty();
    }
  }

  private static final String EXAMPLE = """
      This is an example article. Every article is one YAML file in `articles/`:
      a `title`, a `published` date, and the `content`, in Markdown, with every
      line indented by two spaces under `content: |`.

      To write the next one:

      1. Run `gazette new "The title"`: it writes a draft, `articles/DATE-the-title.yaml`.
      2. Write the story under `content: |`, then remove `draft: true`.
      3. Run `gazette check`: it names every problem as file:line:column.

      The `static/` folder beside `articles/` is for files the site serves as
      they are (images, `robots.txt` ...). Delete this article when you have
      your own.
      """;
}
