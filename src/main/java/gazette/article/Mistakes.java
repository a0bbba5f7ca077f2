package gazette.article;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * The YAML mistakes writers make most, said in a writer's words with what to write instead: a colon in an
 * unquoted value, text pasted under {@code content: |} without indentation, tabs, a second {@code ---}
 * document, a value whose quotes stop early, and the field names of Hugo, Jekyll and WordPress. Anything
 * else keeps SnakeYAML's own words.
 */
final class Mistakes {
  /** {@code name: value} on one line, perhaps as a list item; groups: the name, the value. */
  private static final Pattern FIELD_LINE = Pattern.compile("^\\s*(?:-\\s+)?([A-Za-z_][A-Za-z0-9_-]*):[ ]+(\\S.*?)\\s*$");
  /** A field opening block text: {@code content: |}, {@code summary: >-}. Group: the name. */
  private static final Pattern BLOCK_OPENER = Pattern.compile("^\\s*([A-Za-z_][A-Za-z0-9_-]*):\\s*[|>][-+0-9]*\\s*(#.*)?$");
  private static final Pattern LINE_BREAK = Pattern.compile("\r\n|[\n\r\u0085\u2028\u2029]");

  /**
   * Field names other publishing tools use, and the field that means the same here (when the file has
   * that field: an article's {@code date} is its {@code published}, a publication's {@code name} its title).
   */
  private static final Map<String, String> FOREIGN = Map.ofEntries(
      Map.entry("date", "published"), Map.entry("publishdate", "published"), Map.entry("pubdate", "published"),
      Map.entry("publish_date", "published"), Map.entry("created", "published"), Map.entry("created_at", "published"),
      Map.entry("lastmod", "updated"), Map.entry("last_modified_at", "updated"), Map.entry("modified", "updated"),
      Map.entry("updated_at", "updated"), Map.entry("modified_at", "updated"),
      Map.entry("excerpt", "summary"), Map.entry("description", "summary"), Map.entry("abstract", "summary"),
      Map.entry("body", "content"), Map.entry("text", "content"),
      Map.entry("category", "categories"), Map.entry("tag", "tags"), Map.entry("keywords", "tags"),
      Map.entry("featured_image", "image"), Map.entry("cover", "image"), Map.entry("thumbnail", "image"),
      Map.entry("images", "image"), Map.entry("header_image", "image"), Map.entry("banner", "image"),
      Map.entry("lang", "language"), Map.entry("languagecode", "language"), Map.entry("locale", "language"),
      Map.entry("guid", "id"), Map.entry("uuid", "id"), Map.entry("creator", "author"), Map.entry("permalink", "slug"),
      Map.entry("name", "title"), Map.entry("baseurl", "base_url"), Map.entry("url", "base_url"),
      Map.entry("tagline", "description"), Map.entry("subtitle", "description"), Map.entry("paginate", "limit"),
      Map.entry("time_zone", "timezone"), Map.entry("favicon", "icon"));
  /** Settings of other tools' page layouts, which mean nothing here. */
  private static final Set<String> LAYOUT = Set.of("layout", "weight", "menu", "toc", "comments", "sidebar", "type",
      "theme", "share", "math", "mathjax", "showtoc", "hidemeta", "series", "related", "sitemap", "outputs");

  private Mistakes() {}

  /** What to say about an unknown field, after its name and "unknown field"; empty when nothing fits. */
  static String unknownField(String key, Set<String> known) {
    String lower = key.toLowerCase(Locale.ROOT);
    String same = FOREIGN.get(lower);
    if (same != null && known.contains(same)) {
      return " (did you mean " + same + "?)";
    }
    if (LAYOUT.contains(lower) && known.contains("extra")) {
      return " (a page setting of Hugo or Jekyll, which Gazette does not use: remove it, or keep it under extra:)";
    }
    return "";
  }

  /** The hint for an unknown field just below block text: most likely a line of that text, not indented. */
  static String belowBlockText(String blockField) {
    return "; if this line belongs to the text of " + blockField + " above, indent it by two spaces like that text"
        + " (as written, the text of " + blockField + " stops above this line)";
  }

  /**
   * A syntax error as the writer should read it, or empty to keep SnakeYAML's words.
   *
   * @param textFields whether the file has a {@code content} field to put stray text under
   */
  static Optional<Problem> explain(Path file, String text, MarkedYAMLException e, boolean textFields) {
    Mark at = e.getProblemMark();
    if (at == null) {
      return Optional.empty();
    }
    String problem = String.valueOf(e.getProblem());
    String[] lines = LINE_BREAK.split(text, -1);
    String line = at.getLine() < lines.length ? lines[at.getLine()] : "";
    if (problem.startsWith("found character '\\t(TAB)'")) {
      return Optional.of(problem(file, at.getLine(), at.getColumn(),
          "a tab character: YAML allows only spaces for indentation and after a colon; replace the tab with spaces"));
    }
    if (problem.equals("but found another document")) {
      return Optional.of(problem(file, at.getLine(), at.getColumn(), "a second \"---\" starts another YAML document, "
          + "but a file holds one mapping of fields: delete this line" + (textFields
              ? ", and put the text below it under content: | with every line indented by two spaces" : "")));
    }
    if (problem.equals("mapping values are not allowed here")) {
      Matcher field = FIELD_LINE.matcher(line);
      if (field.matches() && at.getColumn() > codePointColumn(line, field.start(2))) {
        String key = field.group(1);
        return Optional.of(problem(file, at.getLine(), at.getColumn(), key + ": the value has \": \" in it, which YAML"
            + " takes for the start of another field; put the value in quotes: " + key + ": "
            + Problem.quote(field.group(2))));
      }
      return unindented(file, lines, at.getLine());
    }
    if (problem.equals("could not find expected ':'") && e.getContextMark() != null) {
      return unindented(file, lines, e.getContextMark().getLine());
    }
    if (problem.startsWith("expected <block end>, but found")) {
      Matcher field = FIELD_LINE.matcher(line);
      if (field.matches() && (field.group(2).startsWith("\"") || field.group(2).startsWith("'"))
          && at.getColumn() > codePointColumn(line, field.start(2))) {
        String key = field.group(1);
        String value = field.group(2);
        String quoted = value.startsWith("\"") ? "'" + value.replace("'", "''") + "'" : Problem.quote(value);
        return Optional.of(problem(file, at.getLine(), at.getColumn(), key + ": the value goes on after its closing"
            + " quote; quote the whole value: " + key + ": " + quoted));
      }
    }
    return Optional.empty();
  }

  /** A line of text at the left edge: under block text it lost its indentation; elsewhere it is no field. */
  private static Optional<Problem> unindented(Path file, String[] lines, int line) {
    for (int i = Math.min(line, lines.length) - 1; i >= 0; i--) {
      Matcher block = BLOCK_OPENER.matcher(lines[i]);
      if (block.matches()) {
        String key = block.group(1);
        return Optional.of(problem(file, line, 0, "this line is not indented, so the text of " + key + ": | (line "
            + (i + 1) + ") stops above it and YAML reads it as a field; indent every line of the text by two spaces"));
      }
      if (FIELD_LINE.matcher(lines[i]).matches() && !lines[i].startsWith(" ")) {
        break; // another field at the left edge came between: the text does not belong to block text above it
      }
    }
    return Optional.of(problem(file, line, 0, "this line is not a field (name: value); if it continues the value"
        + " above, indent it by two spaces, or put the whole value in quotes"));
  }

  private static int codePointColumn(String line, int index) {
    return line.codePointCount(0, index);
  }

  private static Problem problem(Path file, int line, int column, String message) {
    return new Problem(file, line + 1, column + 1, message);
  }
}
