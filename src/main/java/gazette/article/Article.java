package gazette.article;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One story, validated and ready to render: every URL is absolute, every text is free of characters
 * XML forbids, and its {@link #html()} is sanitised with its links resolved against the base URL.
 *
 * <p>{@code link} is where the story lives: its own page unless the article points elsewhere.
 * {@code page} says whether Gazette renders a page for it at {@code /articles/{slug}}. {@code changed}
 * is when this version of its file appeared: what Last-Modified of an output built from it starts from.
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
    Instant changed) {

  public Article {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(slug, "slug");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(published, "published");
    Objects.requireNonNull(updated, "updated");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(link, "link");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(changed, "changed");
    authors = List.copyOf(authors);
    categories = List.copyOf(categories);
    enclosures = List.copyOf(enclosures);
    if (updated.isBefore(published)) {
      throw new IllegalArgumentException("updated " + updated + " is before published " + published);
    }
  }

  /** The content as sanitised HTML; converted on first use (see {@link Body}). */
  public String html() {
    return body.html();
  }

  /** The writer's summary, or one drawn from the content's first paragraph. */
  public String summary() {
    return body.summary();
  }

  /** Whether readers may see it at {@code now}: not a draft, and not scheduled for later. */
  public boolean isPublishedAt(Instant now) {
    return !draft && !published.isAfter(now);
  }
}
