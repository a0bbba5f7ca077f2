package gazette.migrate;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One post of another tool, as a Gazette article will have it: its old feed id ({@code id}, pinned), its old
 * URL's path ({@code aliases}), and every field that has a place; {@code source} names where it came from.
 */
public record Post(String source, String id, String title, OffsetDateTime published, OffsetDateTime updated,
    String slug, List<String> authors, List<String> categories, List<String> tags, String summary, String image,
    boolean draft, String format, String content, List<String> aliases, Map<String, Object> extra) {
  public Post {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(published, "published");
    Objects.requireNonNull(slug, "slug");
    Objects.requireNonNull(content, "content");
    authors = List.copyOf(authors);
    categories = List.copyOf(categories);
    tags = List.copyOf(tags);
    aliases = List.copyOf(aliases);
    Objects.requireNonNull(extra, "extra");
  }
}
