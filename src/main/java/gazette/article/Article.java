package gazette.article;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One story, validated and ready to render: every URL is absolute, and every text is free of characters
 * XML forbids. Its content, converted to sanitised HTML, comes from a {@link ContentCache}.
 *
 * <p>{@code link} is the URL the writer gave for the story, or null when it lives on its own page.
 * {@code page} says whether Gazette renders a page for it (it has content). {@code idWritten} says
 * whether the id is written in the file; otherwise it is derived ({@link #defaultId}) until the
 * publication memory gives the one it was first published with. {@code extra} is the writer's own data
 * ({@code extra:} in the file) for templates: text, lists and mappings, unmodifiable, in written order.
 * {@code aliases} are the site paths (relative to the base URL, decoded, starting with a slash) where the
 * story used to be, such as its URL on the site it was imported from: each answers {@code 301} to it.
 */
public record Article(
    Path file,
    String id,
    String slug,
    String title,
    Instant published,
    Instant updated,
    List<Author> authors,
    Body body,
    List<String> categories,
    URI link,
    boolean page,
    URI image,
    List<Enclosure> enclosures,
    boolean draft,
    String language,
    boolean idWritten,
    Episode episode,
    Map<String, Object> extra,
    List<String> aliases) {

  public Article {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(slug, "slug");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(published, "published");
    Objects.requireNonNull(updated, "updated");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(episode, "episode");
    authors = List.copyOf(authors);
    // A site has few categories and languages and many articles: one string each, not one per article.
    categories = categories.stream().map(String::intern).toList();
    language = language.intern();
    enclosures = List.copyOf(enclosures);
    Objects.requireNonNull(extra, "extra");
    aliases = List.copyOf(aliases);
    if (updated.isBefore(published)) {
      throw new IllegalArgumentException("updated " + updated + " is before published " + published);
    }
  }

  /** The same article under another id: the one the publication memory remembers. */
  public Article withId(String remembered) {
    return new Article(file, remembered, slug, title, published, updated, authors, body, categories, link, page, image,
        enclosures, draft, language, idWritten, episode, extra, aliases);
  }

  /** The id an article gets at its first publication when none is written: {@code tag:{authority},{date}:{slug}}. */
  public static String defaultId(String authority, Instant published, ZoneId zone, String slug) {
    return "tag:" + authority + "," + LocalDate.ofInstant(published, zone) + ":" + slug;
  }

  /** Whether readers may see it at {@code now}: not a draft, and not scheduled for later. */
  public boolean isPublishedAt(Instant now) {
    return !draft && !published.isAfter(now);
  }
}
