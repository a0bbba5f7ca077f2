package gazette.migrate;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Hugo site's pages ({@code content/**}{@code /*.md}, not {@code _index.md}) as posts: each keeps the id
 * Hugo's RSS gave it (its permalink, {@code baseURL} + path) and its old path as an alias. Front matter
 * in YAML, TOML or JSON.
 */
public final class Hugo {
  private static final Set<String> CONFIGS = Set.of("hugo.toml", "config.toml", "hugo.yaml", "config.yaml",
      "hugo.yml", "config.yml", "hugo.json", "config.json");
  private static final Set<String> CARRIED = Set.of("title", "date", "publishdate", "lastmod", "draft", "slug", "url",
      "tags", "categories", "summary", "description", "aliases", "images", "image", "featured_image", "author",
      "authors");
  private static final Pattern SHORTCODE = Pattern.compile("\\{\\{[<%].*?[%>]\\}\\}", Pattern.DOTALL);

  private Hugo() {}

  public static List<Post> read(Path site, Report report) throws IOException {
    Map<String, Object> config = config(site, report);
    String base = Source.text(config, "baseURL").orElse(null);
    if (base == null) {
      throw new IOException("the site's configuration (hugo.toml or config.toml) names no baseURL: the old feed's"
          + " ids are made from it");
    }
    URI baseUrl = URI.create(base.endsWith("/") ? base : base + "/");
    ZoneId zone = Source.text(config, "timeZone").flatMap(z -> {
      try {
        return Optional.of(ZoneId.of(z));
      } catch (DateTimeException e) {
        return Optional.empty();
      }
    }).orElse(ZoneId.of("UTC"));
    if (Source.field(config, "permalinks").isPresent()) {
      report.add("configuration", "permalinks: only Hugo's default URLs (/SECTION/SLUG/) are worked out; check the"
          + " aliases of imported articles against the old site");
    }
    Path content = site.resolve("content");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(content)) {
      files = walk.filter(p -> p.toString().endsWith(".md") && Files.isRegularFile(p))
          .filter(p -> !p.getFileName().toString().startsWith("_index.")).sorted().toList();
    }
    List<Post> posts = new ArrayList<>();
    for (Path file : files) {
      String source = site.relativize(file).toString();
      try {
        post(file, content, source, baseUrl, zone, report).ifPresent(posts::add);
      } catch (Source.Unreadable e) {
        report.add(source, "not imported: " + e.getMessage());
      }
    }
    return posts;
  }

  private static Optional<Post> post(Path file, Path content, String source, URI baseUrl, ZoneId zone, Report report)
      throws IOException, Source.Unreadable {
    Source.Split split = Source.split(Files.readString(file, StandardCharsets.UTF_8));
    Map<String, Object> fields = split.fields();
    Optional<String> title = Source.text(fields, "title");
    Optional<OffsetDateTime> date = Source.text(fields, "date").or(() -> Source.text(fields, "publishDate"))
        .flatMap(d -> Dates.parse(d, zone));
    if (title.isEmpty() || date.isEmpty()) {
      report.add(source, "not imported: it has no " + (title.isEmpty() ? "title" : "date") + " (Hugo puts no such"
          + " page in its feed)");
      return Optional.empty();
    }
    boolean bundle = file.getFileName().toString().equals("index.md");
    Path relative = content.relativize(bundle ? file.getParent() : file);
    String name = bundle ? relative.getFileName().toString()
        : relative.getFileName().toString().replaceFirst("\\.md$", "");
    String slug = Source.text(fields, "slug").orElse(name);
    String path = Source.text(fields, "url").map(u -> u.startsWith("/") ? u : "/" + u).orElseGet(() -> {
      Path section = relative.getParent();
      return "/" + (section == null ? "" : section.toString().replace('\\', '/') + "/") + slug + "/";
    });
    path = urlize(path);
    String id = baseUrl.resolve(path.substring(1)).toString();
    List<String> aliases = new ArrayList<>();
    aliases.add(path);
    for (String alias : Source.list(fields, "aliases", false)) {
      aliases.add(alias.startsWith("/") ? alias : "/" + alias);
    }
    String image = Source.list(fields, "images", false).stream().findFirst()
        .or(() -> Source.text(fields, "image")).or(() -> Source.text(fields, "featured_image")).orElse(null);
    List<String> authors = new ArrayList<>(Source.list(fields, "authors", false));
    authors.addAll(Source.list(fields, "author", false));
    Map<String, Object> extra = new LinkedHashMap<>();
    fields.forEach((k, v) -> {
      if (!CARRIED.contains(Source.lower(k))) {
        extra.put(k, v);
        report.add(source, "front matter " + k + " has no field in Gazette: kept under extra:");
      }
    });
    Source.unsupported(report, source + ":", split.body(), split.line(), SHORTCODE, "shortcode");
    String gazetteSlug = Source.slug(slug).isEmpty() ? Source.slug(title.get()) : Source.slug(slug);
    Optional<OffsetDateTime> updated = Source.text(fields, "lastmod").flatMap(d -> Dates.parse(d, zone));
    return Optional.of(new Post(source, id, title.get(), date.get(), updated.orElse(null), gazetteSlug.isEmpty()
        ? "post" : gazetteSlug, authors, Source.list(fields, "categories", false), Source.list(fields, "tags", false),
        Source.text(fields, "summary").or(() -> Source.text(fields, "description")).orElse(null), image,
        Source.isTrue(fields, "draft"), null, split.body(), aliases, extra));
  }

  /** Hugo's URLs: lowercase, spaces as hyphens (its default, without disablePathToLower). */
  private static String urlize(String path) {
    return Source.lower(path).replace(' ', '-');
  }

  private static Map<String, Object> config(Path site, Report report) throws IOException {
    for (String name : CONFIGS) {
      Path file = site.resolve(name);
      if (Files.isRegularFile(file)) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
          return name.endsWith(".toml") ? Source.toml(text) : name.endsWith(".json")
              ? Source.split(text).fields() : Source.yaml(text);
        } catch (Source.Unreadable e) {
          throw new IOException(name + ": " + e.getMessage());
        }
      }
    }
    throw new IOException("no hugo.toml, config.toml or hugo.yaml in " + site + ": is it a Hugo site?");
  }
}
