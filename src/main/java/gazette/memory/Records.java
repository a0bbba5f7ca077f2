package gazette.memory;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The rows of the publication memory, as immutable values. Times are whole seconds or finer; null means "never". */
public final class Records {
  private Records() {}

  /**
   * One published article as subscribers know it: its id (the key, never changed once published), the
   * file it is in now (relative to the articles folder), the digest of that file's bytes, the digest of
   * the version subscribers see, its current slug and title, its {@code published} date, when it was
   * first published, since when its current version is what is served, and when it was deleted (or
   * unpublished), null while it is published.
   */
  public record Article(String id, String path, String digest, String version, String slug, String title,
      Instant published, Instant firstPublished, Instant since, Instant deleted) {
    public Article {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(digest, "digest");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(slug, "slug");
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(published, "published");
      Objects.requireNonNull(firstPublished, "firstPublished");
      Objects.requireNonNull(since, "since");
    }

    public boolean live() {
      return deleted == null;
    }
  }

  /** A slug an article's page has had (its current one included), so an old URL can redirect. */
  public record Slug(String slug, String id, Instant since) {
    public Slug {
      Objects.requireNonNull(slug, "slug");
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(since, "since");
    }
  }

  /** A category name and the slug it was given when first published; {@code gone} while no article uses it. */
  public record Category(String name, String slug, Instant since, Instant gone) {
    public Category {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(slug, "slug");
      Objects.requireNonNull(since, "since");
    }
  }

  /** A full archive page: its number (1 the oldest), its members by id (newest first), and when it was frozen. */
  public record Page(int number, List<String> members, Instant frozen) {
    public Page {
      members = List.copyOf(members);
      Objects.requireNonNull(frozen, "frozen");
      if (number < 1) {
        throw new IllegalArgumentException("page numbers start at 1: " + number);
      }
    }
  }

  /** The bytes a URL serves now, by their ETag, and since when: its Last-Modified. */
  public record Validator(String path, String etag, Instant since) {
    public Validator {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(etag, "etag");
      Objects.requireNonNull(since, "since");
    }
  }

  /** What a WebSub hub was last told about a feed: the ETag of the bytes it was told of, and when. */
  public record Hub(String feed, String etag, Instant told) {
    public Hub {
      Objects.requireNonNull(feed, "feed");
      Objects.requireNonNull(etag, "etag");
      Objects.requireNonNull(told, "told");
    }
  }
}
