package gazette.cli;

import gazette.article.ArticleParser;
import gazette.article.Problem;
import gazette.article.Publication;
import gazette.article.PublicationParser;
import gazette.memory.Memory;
import gazette.render.Words;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gazette new "Title"}: writes {@code articles/YYYY-MM-DD-slug.yaml}, a draft published now in the
 * publication's time zone, with its id pinned; it never overwrites a file.
 */
@Command(name = "new", mixinStandardHelpOptions = true,
    description = "Write a new draft article, articles/YYYY-MM-DD-slug.yaml, with its id pinned; never overwrite a file.")
final class NewCommand implements Callable<Integer> {
  private static final Pattern SLUG = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

  @Parameters(index = "0", paramLabel = "TITLE", description = "the article's title")
  String title;

  @Option(names = "--slug", paramLabel = "SLUG",
      description = "the slug for its file name and URL (default: made from the title)")
  String slug;

  @Option(names = "--base-url", paramLabel = "URL",
      description = "the site's public URL, whose host names the id when _feed.yaml has no id_authority or base_url")
  URI baseUrl;

  @Mixin
  ArticlesOption articles;

  @Mixin
  StateDirOption state;

  @Mixin
  ConfigOption config;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    CommandLine cli = spec.commandLine();
    PrintWriter out = cli.getOut();
    PrintWriter err = cli.getErr();
    Path folder = articles.existing(cli);
    if (title.isBlank()) {
      throw new CommandLine.ParameterException(cli, "the title is empty");
    }
    String name = slug != null ? slug : Scaffold.slug(title);
    if (name.isEmpty()) {
      throw new CommandLine.ParameterException(cli, "the title has no letter or digit to make a file name of:"
          + " give one with --slug");
    }
    if (!SLUG.matcher(name).matches()) {
      throw new CommandLine.ParameterException(cli, "--slug " + name + ": use lowercase letters, digits and inner hyphens");
    }
    Path feedFile = folder.resolve("_feed.yaml");
    Publication publication;
    if (Files.isRegularFile(feedFile)) {
      PublicationParser.Result feed = PublicationParser.parse(feedFile, Files.readAllBytes(feedFile), null,
          URI.create("http://localhost/"));
      if (feed.publication().isEmpty()) {
        feed.problems().forEach(err::println);
        err.println("gazette: " + feedFile + " has problems: fix them first (gazette check lists them)");
        return 1;
      }
      publication = feed.publication().get();
    } else {
      publication = PublicationParser.fallback(URI.create("http://localhost/"));
    }
    String authority = publication.idAuthority();
    if (authority == null) {
      // As the server decides: the authority the memory first saw, else the host of the base URL.
      try (Memory memory = Memory.copyOf(state.resolve(folder, System.getenv()))) {
        authority = memory.transact(tx -> tx.fact("authority")).orElse(null);
      }
    }
    if (authority == null) {
      authority = baseUrl != null && baseUrl.getHost() != null ? baseUrl.getHost() : publication.authority();
    }
    Instant now = Instant.now();
    String id = Scaffold.id(authority, now, publication.timezone(), name);
    Path file = folder.resolve(Scaffold.fileName(now, publication.timezone(), name));
    String text = Scaffold.article(id, title.strip(), now, publication.timezone(), true,
        Words.of(publication.language()).text("new.placeholder") + "\n");
    // What check will say: nothing, unless the title itself is refused (too long, say).
    ArticleParser.Result parsed = new ArticleParser(publication).parse(file, text.getBytes(StandardCharsets.UTF_8));
    if (parsed.article().isEmpty()) {
      parsed.problems().stream().map(Problem::message).forEach(m -> err.println("gazette: " + m));
      return 2;
    }
    if (!Scaffold.create(file, text)) {
      err.println("gazette: " + file + " exists already; nothing written (give another title or --slug)");
      return 1;
    }
    out.println("wrote " + file + " (a draft: remove draft: true to publish it)");
    if (id.startsWith("urn:uuid:")) {
      out.println("its id is " + id + ": _feed.yaml names no id_authority or base_url to make a tag: id of");
    }
    return 0;
  }
}
