package gazette.migrate;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Jekyll site's posts ({@code _posts/YYYY-MM-DD-title.md}) as posts: each keeps the id jekyll-feed gave
 * it ({@code site.url + baseurl} and the post's id, its URL's folder and slug) and its URL as an alias,
 * the URL made from the site's {@code permalink} style.
 */
public final class Jekyll {
  private static final Pattern NAME = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})-(.+)\\.(md|markdown|html)");
  private static final Map<String, String> STYLES = Map.of(
      "date", "/:categories/:year/:month/:day/:title:output_ext",
      "pretty", "/:categories/:year/:month/:day/:title/",
      "ordinal", "/:categories/:year/:y_day/:title:output_ext",
      "none", "/:categories/:title:output_ext");
  private static final Set<String> CARRIED = Set.of("title", "date", "last_modified_at", "published", "slug",
      "permalink", "tags", "tag", "categories", "category", "excerpt", "description", "image", "author", "authors",
      "layout", "redirect_from");
  private static final Pattern LIQUID = Pattern.compile("\\{%.*?%\\}|\\{\\{.*?\\}\\}", Pattern.DOTALL);

  private Jekyll() {}

  public static List<Post> read(Path site, Report report) throws IOException {
    Path configFile = site.resolve("_config.yml");
    Map<String, Object> config = Map.of();
    if (Files.isRegularFile(configFile)) {
      try {
        config = Source.yaml(Files.readString(configFile, StandardCharsets.UTF_8));
      } catch (Source.Unreadable e) {
        throw new IOException("_config.yml: " + e.getMessage());
      }
    }
    String url = Source.text(config, "url").orElse(null);
    if (url == null) {
      throw new IOException("_config.yml names no url: jekyll-feed's ids are made from it");
    }
    String baseurl = Source.text(config, "baseurl").orElse("");
    String root = url.replaceAll("/+$", "") + (baseurl.isEmpty() ? "" : "/" + baseurl.replaceAll("^/+|/+$", ""));
    String permalink = Source.text(config, "permalink").orElse("date");
    ZoneId zone = Source.text(config, "timezone").flatMap(z -> {
      try {
        return Optional.of(ZoneId.of(z));
      } catch (DateTimeException e) {
        return Optional.empty();
      }
    }).orElse(ZoneId.of("UTC"));
    Path posts = site.resolve("_posts");
    if (!Files.isDirectory(posts)) {
      throw new IOException("no _posts folder in " + site + ": is it a Jekyll site?");
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(posts)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    List<Post> out = new ArrayList<>();
    for (Path file : files) {
      String source = site.relativize(file).toString();
      Matcher name = NAME.matcher(file.getFileName().toString());
      if (!name.matches()) {
        report.add(source, "not imported: not named YYYY-MM-DD-title.md, so Jekyll does not publish it");
        continue;
      }
      try {
        post(file, source, name, root, permalink, zone, report).ifPresent(out::add);
      } catch (Source.Unreadable e) {
        report.add(source, "not imported: " + e.getMessage());
      }
    }
    return out;
  }

  private static Optional<Post> post(Path file, String source, Matcher name, String root, String permalink,
      ZoneId zone, Report report) throws IOException, Source.Unreadable {
    Source.Split split = Source.split(Files.readString(file, StandardCharsets.UTF_8));
    Map<String, Object> fields = split.fields();
    LocalDate day = LocalDate.of(Integer.parseInt(name.group(1)), Integer.parseInt(name.group(2)),
        Integer.parseInt(name.group(3)));
    OffsetDateTime published = Source.text(fields, "date").flatMap(d -> Dates.parse(d, zone))
        .orElse(day.atStartOfDay(zone).toOffsetDateTime());
    String slug = Source.text(fields, "slug").orElse(name.group(4));
    String title = Source.text(fields, "title").orElse(name.group(4).replace('-', ' '));
    List<String> categories = new ArrayList<>(Source.list(fields, "categories", true));
    categories.addAll(Source.list(fields, "category", false));
    List<String> tags = new ArrayList<>(Source.list(fields, "tags", true));
    tags.addAll(Source.list(fields, "tag", false));
    String ext = ".html"; // Markdown and HTML posts alike are written as .html
    String template = Source.text(fields, "permalink").orElse(STYLES.getOrDefault(permalink, permalink));
    String path = template
        .replace(":categories", String.join("/", categories.stream().map(c -> Source.lower(c).replace(' ', '-'))
            .toList()))
        .replace(":year", String.format("%04d", published.getYear()))
        .replace(":month", String.format("%02d", published.getMonthValue()))
        .replace(":i_month", String.valueOf(published.getMonthValue()))
        .replace(":day", String.format("%02d", published.getDayOfMonth()))
        .replace(":i_day", String.valueOf(published.getDayOfMonth()))
        .replace(":short_year", String.format("%02d", published.getYear() % 100))
        .replace(":y_day", String.format("%03d", published.getDayOfYear()))
        .replace(":title", slug).replace(":slug", slug)
        .replace(":output_ext", ext)
        .replaceAll("/+", "/");
    if (!path.startsWith("/")) {
      path = "/" + path;
    }
    // jekyll-feed's <id> is the post's id made absolute: its URL's folder and its slug.
    String folder = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    folder = folder.substring(0, Math.max(folder.lastIndexOf('/'), 0));
    String id = root + folder + "/" + slug;
    List<String> aliases = new ArrayList<>();
    aliases.add(path);
    for (String from : Source.list(fields, "redirect_from", false)) {
      aliases.add(from.startsWith("/") ? from : "/" + from);
    }
    List<String> authors = new ArrayList<>(Source.list(fields, "authors", false));
    authors.addAll(Source.list(fields, "author", false));
    Map<String, Object> extra = new LinkedHashMap<>();
    fields.forEach((k, v) -> {
      if (!CARRIED.contains(Source.lower(k))) {
        extra.put(k, v);
        report.add(source, "front matter " + k + " has no field in Gazette: kept under extra:");
      }
    });
    Source.unsupported(report, source + ":", split.body(), split.line(), LIQUID, "Liquid");
    boolean draft = Source.text(fields, "published").map(p -> p.equalsIgnoreCase("false")).orElse(false);
    Optional<OffsetDateTime> updated = Source.text(fields, "last_modified_at").flatMap(d -> Dates.parse(d, zone));
    String gazetteSlug = Source.slug(slug);
    return Optional.of(new Post(source, URI.create(id).toString(), title, published, updated.orElse(null),
        gazetteSlug.isEmpty() ? "post" : gazetteSlug, authors, categories, tags,
        Source.text(fields, "excerpt").or(() -> Source.text(fields, "description")).orElse(null),
        Source.text(fields, "image").orElse(null), draft, name.group(5).equals("html") ? "html" : null,
        split.body(), aliases, extra));
  }
}
