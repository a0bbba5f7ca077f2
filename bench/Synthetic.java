import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes N synthetic articles shaped like the bundled sample story: its paragraphs (about 5 KB of
 * Markdown), three categories from a pool of twenty, one article a minute from 2020-01-01.
 * Usage: java bench/Synthetic.java OUT_DIR N
 */
public class Synthetic {
  static final Path SAMPLE = Path.of("articles/2024-01-20-azerbaijan-us-ambassador-credentials.yaml");

  public static void main(String[] args) throws IOException {
    write(Path.of(args[0]), Integer.parseInt(args[1]));
  }

  static void write(Path out, int n) throws IOException {
    Files.createDirectories(out);
    Files.writeString(out.resolve("_feed.yaml"), "title: Synthetic News\ndescription: Generated for benchmarks\nbase_url: https://bench.example.org/\nid_authority: bench.example.org\n");
    String content = sampleContent();
    for (int i = 0; i < n; i++) {
      Files.writeString(out.resolve(name(i)), article(i, "", content), StandardCharsets.UTF_8);
    }
  }

  /** The same articles as Hugo content: Markdown files with YAML front matter, plus a config. */
  static void writeHugo(Path out, int n, int limit) throws IOException {
    Path posts = out.resolve("content").resolve("posts");
    Files.createDirectories(posts);
    Files.writeString(out.resolve("config.toml"), String.join("\n",
        "baseURL = 'http://127.0.0.1/'",
        "title = 'Synthetic News'",
        "disableKinds = ['page', 'section', 'taxonomy', 'term', 'sitemap', 'robotsTXT', '404']",
        "[outputs]",
        "  home = ['RSS']",
        "[services.rss]",
        "  limit = " + limit,
        ""));
    String content = sampleContent().replaceAll("(?m)^  ", "");
    for (int i = 0; i < n; i++) {
      LocalDateTime at = LocalDateTime.of(2020, 1, 1, 0, 0).plusMinutes(i);
      Files.writeString(posts.resolve(String.format("story-%06d.md", i)), "---\n"
          + "title: Synthetic story " + i + "\n"
          + "date: " + at + ":00Z\n"
          + "categories: [Topic " + (i % 20) + ", Topic " + ((i * 7 + 3) % 20) + ", Topic " + ((i * 13 + 5) % 20) + "]\n"
          + "---\n" + content, StandardCharsets.UTF_8);
    }
  }

  /**
   * The same articles as a Hugo site with pages: each article's page, the home page, a page and an RSS
   * feed per category, and the home RSS, with minimal templates of the same shape as Gazette's pages.
   */
  static void writeHugoSite(Path out, int n, int limit) throws IOException {
    writeHugo(out, n, limit);
    Files.writeString(out.resolve("config.toml"), String.join("\n",
        "baseURL = 'https://bench.example.org/'",
        "title = 'Synthetic News'",
        "disableKinds = ['section', 'sitemap', 'robotsTXT', '404']",
        "[taxonomies]",
        "  category = 'categories'",
        "[outputs]",
        "  home = ['HTML', 'RSS']",
        "  taxonomy = ['HTML']",
        "  term = ['HTML', 'RSS']",
        "[services.rss]",
        "  limit = " + limit,
        ""));
    Path layouts = Files.createDirectories(out.resolve("layouts").resolve("_default"));
    String head = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title>"
        + "{{ range .AlternativeOutputFormats }}<link rel=\"{{ .Rel }}\" type=\"{{ .MediaType.Type }}\" href=\"{{ .Permalink }}\">{{ end }}"
        + "</head><body><header><a href=\"{{ .Site.Home.Permalink }}\">{{ .Site.Title }}</a></header>";
    Files.writeString(layouts.resolve("single.html"), head
        + "<main><article><h1>{{ .Title }}</h1><p><time datetime=\"{{ .Date.Format \"2006-01-02T15:04:05Z07:00\" }}\">"
        + "{{ .Date.Format \"2 January 2006\" }}</time></p>"
        + "<ul>{{ range .GetTerms \"categories\" }}<li><a href=\"{{ .Permalink }}\">{{ .LinkTitle }}</a></li>{{ end }}</ul>"
        + "{{ .Content }}</article></main></body></html>\n");
    Files.writeString(layouts.resolve("list.html"), head
        + "<main><h1>{{ .Title }}</h1>{{ range first " + limit + " .Pages }}<article><h2><a href=\"{{ .Permalink }}\">"
        + "{{ .Title }}</a></h2><p>{{ .Summary }}</p></article>{{ end }}</main></body></html>\n");
  }

  static String name(int i) {
    return String.format("story-%06d.yaml", i);
  }

  static String article(int i, String titleSuffix, String content) {
    LocalDateTime at = LocalDateTime.of(2020, 1, 1, 0, 0).plusMinutes(i);
    return "title: Synthetic story " + i + titleSuffix + "\n"
        + "published: " + at + ":00Z\n"
        + "categories: [Topic " + (i % 20) + ", Topic " + ((i * 7 + 3) % 20) + ", Topic " + ((i * 13 + 5) % 20) + "]\n"
        + "content: |\n" + content;
  }

  /** The sample story's content block, indented as it is in the file. */
  static String sampleContent() throws IOException {
    List<String> lines = Files.readAllLines(SAMPLE, StandardCharsets.UTF_8);
    List<String> body = new ArrayList<>();
    boolean in = false;
    for (String line : lines) {
      if (in) {
        body.add(line);
      } else if (line.startsWith("content: |")) {
        in = true;
      }
    }
    return String.join("\n", body) + "\n";
  }
}
