package gazette.article;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One story, validated and ready to render: every URL is absolute, and every text is free of characters
 * XML forbids. Its content, converted to sanitised HTML, comes from a {@link ContentCache}.
 *
 * <p>{@code link} is the URL the writer gave for the story, or null when it lives on its own page.
 * {@code page} says whether Gazette renders a page for it (it has content). {@code firstSeen} is when
 * Gazette first saw this version of its file.
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
    Instant firstSeen) {

  public Article {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(slug, "slug");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(published, "published");
    Objects.requireNonNull(updated, "updated");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(firstSeen, "firstSeen");
    authors = List.copyOf(authors);
    categories = List.copyOf(categories);
    enclosures = List.copyOf(enclosures);
    if (updated.isBefore(published)) {
      throw new IllegalArgumentException("updated " + updated + " is before published " + published);
    }
  }

  /** Whether readers may see it at {@code now}: not a draft, and not scheduled for later. */
  public boolean isPublishedAt(Instant now) {
    return !draft && !published.isAfter(now);
  }
}
