package gazette.migrate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Writes imported posts as article files, {@code YYYY-MM-DD-slug.yaml}, never over a file that is there. */
public final class PostWriter {
  private PostWriter() {}

  /** What was written, and what was there already (left as it was). */
  public record Written(List<Path> files, List<Path> existing) {}

  public static Written write(List<Post> posts, Path articles) throws IOException {
    Files.createDirectories(articles);
    List<Path> files = new java.util.ArrayList<>();
    List<Path> existing = new java.util.ArrayList<>();
    Set<String> slugs = new HashSet<>();
    for (Post post : posts) {
      String slug = post.slug();
      for (int n = 2; !slugs.add(slug); n++) {
        slug = post.slug() + "-" + n; // two posts of one slug: the second gets another page, and keeps its old URL
      }
      Path file = articles.resolve(post.published().toLocalDate() + "-" + slug + ".yaml");
      try {
        Files.writeString(file, yaml(post, slug), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);
        files.add(file);
      } catch (FileAlreadyExistsException e) {
        existing.add(file);
      }
    }
    return new Written(files, existing);
  }

  /** The article file of a post. */
  static String yaml(Post post, String slug) {
    StringBuilder out = new StringBuilder();
    out.append("# Imported from ").append(clean(post.source()).replace('\n', ' ')).append('\n');
    out.append("# The id is the one the old feed gave this story: feed readers know it by it, so keep it.\n");
    out.append("id: ").append(quoted(post.id())).append('\n');
    out.append("title: ").append(quoted(post.title())).append('\n');
    out.append("published: ").append(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(post.published())).append('\n');
    if (post.updated() != null && post.updated().toInstant().isAfter(post.published().toInstant())) {
      out.append("updated: ").append(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(post.updated())).append('\n');
    }
    out.append("slug: ").append(slug).append('\n');
    if (!post.authors().isEmpty()) {
      out.append("authors: ").append(flow(post.authors())).append('\n');
    }
    if (!post.categories().isEmpty()) {
      out.append("categories: ").append(flow(post.categories())).append('\n');
    }
    if (!post.tags().isEmpty()) {
      out.append("tags: ").append(flow(post.tags())).append('\n');
    }
    if (post.summary() != null && !post.summary().isBlank()) {
      out.append("summary: ").append(quoted(post.summary().strip())).append('\n');
    }
    if (post.image() != null) {
      out.append("image: ").append(quoted(post.image())).append('\n');
    }
    if (post.draft()) {
      out.append("draft: true\n");
    }
    if (post.format() != null) {
      out.append("format: ").append(post.format()).append('\n');
    }
    if (!post.aliases().isEmpty()) {
      out.append("# Where the story was on the old site: each answers 301 to its page here.\n");
      out.append("aliases: ").append(flow(post.aliases())).append('\n');
    }
    if (!post.extra().isEmpty()) {
      out.append("# Front matter that has no field here, kept for templates.\n");
      out.append("extra: ").append(flow(post.extra())).append('\n');
    }
    String content = clean(post.content()).replace("\r\n", "\n").replace('\r', '\n').stripTrailing();
    if (content.isEmpty()) {
      out.append("content: \"\"\n");
    } else {
      // An indentation indicator when the text itself starts with a space, which YAML would take for indentation.
      out.append("content: |").append(content.startsWith(" ") || content.startsWith("\n") ? "2" : "").append('\n');
      for (String line : content.split("\n", -1)) {
        out.append(line.isEmpty() ? "" : "  " + line).append('\n');
      }
    }
    return out.toString();
  }

  private static String flow(Object value) {
    if (value instanceof Map<?, ?> map) {
      StringBuilder out = new StringBuilder("{");
      map.forEach((k, v) -> out.append(out.length() > 1 ? ", " : "").append(quoted(String.valueOf(k))).append(": ")
          .append(flow(v)));
      return out.append('}').toString();
    }
    if (value instanceof List<?> list) {
      StringBuilder out = new StringBuilder("[");
      list.forEach(v -> out.append(out.length() > 1 ? ", " : "").append(flow(v)));
      return out.append(']').toString();
    }
    return quoted(String.valueOf(value));
  }

  /** A YAML double-quoted scalar. */
  static String quoted(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : clean(s).toCharArray()) {
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }

  /** Text without the characters XML and YAML forbid (C0 controls but tab and line breaks, DEL, lone surrogates). */
  static String clean(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean control = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f || c == 0xfffe || c == 0xffff;
      boolean lone = Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) && !(Character.isLowSurrogate(c) && i > 0
          && Character.isHighSurrogate(s.charAt(i - 1)));
      if (!control && !lone) {
        out.append(c);
      }
    }
    return out.toString();
  }
}
