package gazette.article;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads one article file against its publication, collecting every problem with its line and column. */
public final class ArticleParser {
  private static final Set<String> FIELDS = Set.of("title", "published", "updated", "id", "slug", "author",
      "authors", "summary", "content", "format", "categories", "tags", "link", "image", "enclosures", "draft",
      "language", "duration", "episode", "season", "episode_type", "explicit", "transcript", "chapters", "extra", "aliases");
  private static final Pattern CLOCK = Pattern.compile("(\\d{1,4}):([0-5]\\d)(?::([0-5]\\d))?");
  private static final Set<String> ENCLOSURE_FIELDS = Set.of("url", "type", "length");
  private static final Pattern SLUG = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
  private static final Pattern DATE_PREFIX = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}-");
  private static final Pattern MEDIA_TYPE = Pattern.compile("[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+(\\s*;.*)?");
  private static final Pattern ID_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:\\S+");

  /** The largest file read: anything bigger is one problem, without being read. */
  public static final int MAX_FILE_BYTES = YamlMapping.MAX_FILE_BYTES;

  private final Publication publication;

  public ArticleParser(Publication publication) {
    this.publication = publication;
  }

  /**
   * What one file gave: the article if it is valid, every problem, and where its id and slug were
   * written (the file's start when they are derived), for checks across files.
   */
  public record Result(Path file, Optional<Article> article, List<Problem> problems, Position idAt, Position slugAt,
      Position categoriesAt) {
    public Result {
      problems = Problem.capped(problems.stream().sorted().toList());
    }
  }

  public Result parse(Path file, byte[] bytes) {
    List<Problem> problems = new ArrayList<>();
    Optional<YamlMapping> read = YamlMapping.read(file, bytes, FIELDS, problems);
    if (read.isEmpty()) {
      return new Result(file, Optional.empty(), problems, Position.START, Position.START, Position.START);
    }
    YamlMapping fields = read.get();
    URI base = publication.baseUrl();

    Optional<String> title = fields.requiredText("title");
    Optional<Instant> published = fields.has("published")
        ? fields.timestamp("published", publication.timezone())
        : missing(fields, "published");
    Optional<Instant> updated = fields.timestamp("updated", publication.timezone());
    if (published.isPresent() && updated.isPresent() && updated.get().isBefore(published.get())) {
      fields.report("updated", "is before published (" + published.get() + ")");
      updated = Optional.empty();
    }
    Optional<String> slug = slug(fields, file);
    Optional<String> id = fields.text("id").filter(i -> {
      if (ID_SCHEME.matcher(i).matches()) {
        return true;
      }
      fields.report("id", YamlMapping.quote(i) + " is not a URI (expected tag:example.org,2024-01-20:story or https://...)");
      return false;
    });
    List<Author> authors = Authors.read(fields).orElse(publication.authors());
    Content.Format format = fields.text("format").flatMap(f -> {
      try {
        return Optional.of(Content.Format.named(f));
      } catch (IllegalArgumentException e) {
        fields.report("format", YamlMapping.quote(f) + " is not a format (expected markdown, html or text)");
        return Optional.empty();
      }
    }).orElse(Content.Format.MARKDOWN);
    Optional<URI> link = fields.url("link", base);
    Optional<String> content = fields.text("content");
    if (!fields.has("content") && !fields.has("link")) {
      fields.missing("content");
    }
    String summary = fields.text("summary").orElse(null);
    Body body = content.map(c -> Body.of(c, format, base, summary)).orElseGet(() -> Body.none(summary));
    Set<String> categories = new LinkedHashSet<>(fields.textList("categories")); // a set: 95,000 tags stay linear
    categories.addAll(fields.textList("tags"));
    URI image = fields.url("image", base).orElse(null);
    List<Enclosure> enclosures = enclosures(fields, base);
    if (!publication.podcast().equals(Podcast.NONE)) {
      for (int i = 0; i < enclosures.size(); i++) {
        String path = enclosures.get(i).url().getPath().toLowerCase(Locale.ROOT);
        if (!path.matches(".*\\.(m4a|mp3|mov|mp4|m4v|pdf|epub)")) {
          fields.warn("enclosures", "the " + (i == 0 ? "first" : "enclosure " + (i + 1)) + " (" + path.substring(
              path.lastIndexOf('/') + 1) + ") is not a format Apple Podcasts plays (mp3, m4a, mp4, m4v, mov, pdf, epub)");
        }
      }
    }
    for (String key : List.of("categories", "tags")) {
      if (fields.has(key) && fields.nodeOf(key) instanceof ScalarNode one && one.getValue().contains(",")) {
        String c = one.getValue().strip();
        fields.warn(key, YamlMapping.quote(c) + " is one category with a comma in its name; for several, write a"
            + " list: " + key + ": [" + String.join(", ", Arrays.stream(c.split(",")).map(String::strip)
                .filter(t -> !t.isEmpty()).toList()) + "]");
      }
    }
    Map<String, Object> extra = fields.extra("extra");
    List<String> aliases = aliases(fields);
    boolean draft = fields.bool("draft").orElse(false);
    String language = PublicationParser.language(fields, "language").orElse(publication.language());

    Episode episode = episode(fields, base);
    Position idAt = position(fields, "id");
    Position slugAt = position(fields, "slug");
    Position categoriesAt = position(fields, fields.has("categories") ? "categories" : "tags");
    if (problems.stream().anyMatch(p -> !p.warning()) || title.isEmpty() || published.isEmpty() || slug.isEmpty()) {
      return new Result(file, Optional.empty(), problems, idAt, slugAt, categoriesAt);
    }
    String articleId = id.orElseGet(() -> Article.defaultId(publication.authority(), published.get(),
        publication.timezone(), slug.get()));
    boolean page = content.isPresent();
    Article article = new Article(file, articleId, slug.get(), title.get(), published.get(),
        updated.orElse(published.get()), authors, body, List.copyOf(categories), link.orElse(null), page, image,
        enclosures, draft, language, id.isPresent(), episode, extra, aliases);
    return new Result(file, Optional.of(article), problems, idAt, slugAt, categoriesAt);
  }

  /** What podcast apps show of an episode: every field is optional. */
  private static Episode episode(YamlMapping fields, URI base) {
    Integer duration = fields.has("duration") ? duration(fields).orElse(null) : null;
    Integer number = fields.positiveInt("episode").orElse(null);
    Integer season = fields.positiveInt("season").orElse(null);
    String type = fields.text("episode_type").filter(t -> {
      if (t.equals("full") || t.equals("trailer") || t.equals("bonus")) {
        return true;
      }
      fields.report("episode_type", YamlMapping.quote(t) + " is not an episode type (expected full, trailer or bonus)");
      return false;
    }).orElse(null);
    Boolean explicit = fields.bool("explicit").orElse(null);
    URI transcript = fields.url("transcript", base).orElse(null);
    URI chapters = fields.url("chapters", base).orElse(null);
    if (duration == null && number == null && season == null && type == null && explicit == null && transcript == null
        && chapters == null) {
      return Episode.NONE;
    }
    return new Episode(duration, number, season, type, explicit, transcript, chapters);
  }

  /** A duration in seconds, written as seconds or as {@code H:MM:SS} / {@code M:SS}. */
  private static Optional<Integer> duration(YamlMapping fields) {
    return fields.text("duration").flatMap(written -> {
      String d = written.strip();
      long total = -1;
      if (d.matches("\\d{1,9}")) {
        total = Long.parseLong(d);
      } else {
        var clock = CLOCK.matcher(d);
        if (clock.matches()) {
          long first = Long.parseLong(clock.group(1));
          long second = Long.parseLong(clock.group(2));
          total = clock.group(3) == null ? first * 60 + second : first * 3600 + second * 60 + Long.parseLong(clock.group(3));
        }
      }
      if (total > 0) {
        return Optional.of((int) total);
      }
      fields.report("duration", YamlMapping.quote(written) + " is not a duration (expected seconds, such as 3723, or 1:02:03)");
      return Optional.empty();
    });
  }

  /**
   * Old URLs of the story: site paths ({@code /posts/a/}) or absolute URLs, whose path is taken (the host
   * may be the old site's). A query or a fragment cannot be told apart by a server, so they are refused.
   */
  private static List<String> aliases(YamlMapping fields) {
    return List.copyOf(aliasNodes(fields).keySet());
  }

  /** Each alias's path, with the list item that names it first. */
  private static Map<String, Node> aliasNodes(YamlMapping fields) {
    Map<String, Node> out = new LinkedHashMap<>();
    List<Node> items = fields.items("aliases");
    for (Node item : items) {
      fields.itemText("aliases", item).ifPresent(written -> {
        URI uri;
        try {
          uri = new URI(Urls.ascii(written));
        } catch (URISyntaxException e) {
          fields.reportAt(item, "aliases", YamlMapping.quote(written) + " is not a URL or path ("
              + e.getReason().toLowerCase(Locale.ROOT) + ")");
          return;
        }
        String path = uri.getPath();
        if (uri.isOpaque() || path == null || !path.startsWith("/") || (uri.getScheme() != null
            && !uri.getScheme().equalsIgnoreCase("http") && !uri.getScheme().equalsIgnoreCase("https"))) {
          fields.reportAt(item, "aliases", YamlMapping.quote(written) + " is not a path (/posts/a-story/) or an"
              + " http(s) URL");
        } else if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
          fields.reportAt(item, "aliases", YamlMapping.quote(written) + " has a query or fragment, which a redirect"
              + " by path cannot tell apart; give the path alone");
        } else if (path.equals("/")) {
          fields.reportAt(item, "aliases", YamlMapping.quote(written) + " is the home page");
        } else {
          out.putIfAbsent(path, item);
        }
      });
    }
    return out;
  }

  /**
   * Where {@code bytes} (the file {@code file}) names the old URL {@code alias} among its aliases, for checks
   * across files; the file's start if it does not.
   */
  public static Position aliasAt(Path file, byte[] bytes, String alias) {
    Node at = YamlMapping.read(file, bytes, FIELDS, new ArrayList<>()).map(f -> aliasNodes(f).get(alias)).orElse(null);
    return at == null ? Position.START : new Position(at.getStartMark().getLine() + 1, at.getStartMark().getColumn() + 1);
  }

  private static Optional<Instant> missing(YamlMapping fields, String key) {
    fields.missing(key);
    return Optional.empty();
  }

  private static Optional<String> slug(YamlMapping fields, Path file) {
    if (fields.has("slug")) {
      return fields.text("slug").filter(s -> {
        if (SLUG.matcher(s).matches()) {
          return true;
        }
        fields.report("slug", YamlMapping.quote(s) + " is not a slug (use lowercase letters, digits and inner hyphens)");
        return false;
      });
    }
    String name = file.getFileName().toString();
    String stem = DATE_PREFIX.matcher(name.substring(0, name.lastIndexOf('.'))).replaceFirst("");
    String derived = Slugs.of(stem);
    if (derived.isEmpty()) {
      fields.missing("slug");
      return Optional.empty();
    }
    return Optional.of(derived);
  }

  private static List<Enclosure> enclosures(YamlMapping fields, URI base) {
    List<Enclosure> out = new ArrayList<>();
    for (YamlMapping item : fields.mappings("enclosures", ENCLOSURE_FIELDS)) {
      if (!item.has("url")) {
        item.missing("url");
      }
      if (!item.has("type")) {
        item.missing("type");
      }
      if (!item.has("length")) {
        item.missing("length");
      }
      Optional<URI> url = item.url("url", base);
      Optional<String> type = item.text("type").filter(t -> {
        if (MEDIA_TYPE.matcher(t).matches()) {
          return true;
        }
        item.report("type", YamlMapping.quote(t) + " is not a media type (expected audio/mpeg, video/mp4 ...)");
        return false;
      });
      Optional<Long> length = item.wholeNumber("length", 0, Long.MAX_VALUE);
      if (url.isPresent() && type.isPresent() && length.isPresent()) {
        out.add(new Enclosure(url.get(), type.get(), length.get()));
      }
    }
    return out;
  }

  private static Position position(YamlMapping fields, String key) {
    if (!fields.has(key)) {
      return Position.START;
    }
    Node node = fields.nodeOf(key);
    Mark mark = node.getStartMark();
    return new Position(mark.getLine() + 1, mark.getColumn() + 1);
  }
}
