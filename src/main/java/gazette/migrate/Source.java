package gazette.migrate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import gazette.article.FrontMatter;
import gazette.article.Slugs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What Hugo, Jekyll and WordPress files have in common: front matter, its values, and what cannot be carried. */
final class Source {
  private static final TomlMapper TOML = new TomlMapper();
  private static final ObjectMapper JSON = new ObjectMapper();

  private Source() {}

  /** A file split into its front matter and its body; {@code line} is the body's first line (1-based). */
  record Split(Map<String, Object> fields, String body, int line) {}

  /** Why a file's front matter could not be read. */
  static final class Unreadable extends Exception {
    Unreadable(String message) {
      super(message, null, false, false);
    }
  }

  /** Splits YAML ({@code ---}), TOML ({@code +++}) or JSON ({@code {}) front matter from the body. */
  static Split split(String text) throws Unreadable {
    String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
    s = s.replace("\r\n", "\n");
    for (String fence : new String[] {"---", "+++"}) {
      if (s.startsWith(fence + "\n")) {
        String[] lines = s.split("\n", -1);
        for (int i = 1; i < lines.length; i++) {
          if (lines[i].strip().equals(fence)) {
            String matter = String.join("\n", java.util.Arrays.asList(lines).subList(1, i)) + "\n";
            String body = String.join("\n", java.util.Arrays.asList(lines).subList(i + 1, lines.length));
            return new Split(fence.equals("---") ? yaml(matter) : toml(matter), body, i + 2);
          }
        }
        throw new Unreadable("the front matter has no closing " + fence);
      }
    }
    if (s.startsWith("{")) {
      try (var parser = JSON.createParser(s)) {
        Object value = JSON.readValue(parser, Object.class);
        int end = (int) parser.currentLocation().getCharOffset();
        return new Split(mapping(value), s.substring(Math.min(end, s.length())).replaceFirst("^\\s*\n", ""), 1);
      } catch (IOException e) {
        throw new Unreadable("the JSON front matter is not valid: " + e.getMessage().lines().findFirst().orElse(""));
      }
    }
    return new Split(Map.of(), s, 1);
  }

  static Map<String, Object> yaml(String text) throws Unreadable {
    try {
      return FrontMatter.parse(text);
    } catch (FrontMatter.Unreadable e) {
      throw new Unreadable("the YAML front matter is not valid: " + e.getMessage());
    }
  }

  static Map<String, Object> toml(String text) throws Unreadable {
    try {
      return mapping(TOML.readValue(text, Map.class));
    } catch (IOException e) {
      throw new Unreadable("the TOML front matter is not valid: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  /** Jackson's values as front matter's: text, lists and mappings (numbers and booleans as written). */
  private static Map<String, Object> mapping(Object value) throws Unreadable {
    if (!(value instanceof Map<?, ?>)) {
      throw new Unreadable("expected a mapping of fields");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) plain(value);
    return map;
  }

  private static Object plain(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
      return Collections.unmodifiableMap(out);
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(plain(v)));
      return Collections.unmodifiableList(out);
    }
    return value == null ? "" : String.valueOf(value);
  }

  /** A field looked up as Hugo does, whatever its case ({@code baseURL}, {@code baseurl}). */
  static Optional<Object> field(Map<String, Object> fields, String name) {
    for (Map.Entry<String, Object> e : fields.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  static Optional<String> text(Map<String, Object> fields, String name) {
    return field(fields, name).filter(v -> v instanceof String s && !s.isBlank()).map(v -> ((String) v).strip());
  }

  /** A list field, or one text (split at spaces when {@code words}, as Jekyll's {@code categories: a b}). */
  static List<String> list(Map<String, Object> fields, String name, boolean words) {
    Object v = field(fields, name).orElse(null);
    List<String> out = new ArrayList<>();
    if (v instanceof List<?> items) {
      items.stream().filter(i -> i instanceof String s && !s.isBlank()).forEach(i -> out.add(((String) i).strip()));
    } else if (v instanceof String s && !s.isBlank()) {
      out.addAll(words ? List.of(s.strip().split("\\s+")) : List.of(s.strip()));
    }
    return out;
  }

  static boolean isTrue(Map<String, Object> fields, String name) {
    return text(fields, name).map(s -> s.equalsIgnoreCase("true")).orElse(false);
  }

  /** A slug Gazette accepts, from a name another tool gave; empty when it has no letter or digit. */
  static String slug(String name) {
    return Slugs.of(name);
  }

  /** Reports each match of {@code pattern} in the body, at {@code where} and its line, as {@code what}. */
  static void unsupported(Report report, String where, String body, int firstLine, Pattern pattern, String what) {
    Matcher m = pattern.matcher(body);
    while (m.find()) {
      int line = firstLine + (int) body.substring(0, m.start()).chars().filter(c -> c == '\n').count();
      String found = m.group().length() > 60 ? m.group().substring(0, 57) + "..." : m.group();
      report.add(where + line, what + " " + found.replace('\n', ' ') + " kept as text");
    }
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
