package gazette.article;

import java.net.URI;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The publication described by {@code articles/_feed.yaml}: what every feed says about itself.
 * {@code baseUrl} always ends with a slash, so site paths resolve beneath it. {@code idAuthority} is null
 * when {@code _feed.yaml} does not set it (see {@link #authority}). {@code extra} is the publisher's own data
 * ({@code extra:}) for templates: text, lists and mappings, unmodifiable, in written order.
 */
public record Publication(
    String title,
    String description,
    URI baseUrl,
    String language,
    List<Author> authors,
    URI icon,
    URI logo,
    String copyright,
    ZoneId timezone,
    String idAuthority,
    int limit,
    int ttl,
    URI hub,
    Podcast podcast,
    Map<String, Object> extra) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int DEFAULT_TTL = 15;

  public Publication {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(timezone, "timezone");
    authors = List.copyOf(authors);
    Objects.requireNonNull(podcast, "podcast");
    Objects.requireNonNull(extra, "extra");
    if (!baseUrl.isAbsolute() || !baseUrl.getPath().endsWith("/")) {
      throw new IllegalArgumentException("base URL must be absolute and end with /: " + baseUrl);
    }
    if (limit < 1 || ttl < 1) {
      throw new IllegalArgumentException("limit and ttl must be positive: " + limit + ", " + ttl);
    }
  }

  /**
   * The authority of derived {@code tag:} ids: {@code id_authority}, else the host of the base URL (the
   * publication memory remembers the first one it saw, so a move to another host keeps it).
   */
  public String authority() {
    return idAuthority != null ? idAuthority : baseUrl.getHost();
  }

  /**
   * The record's text without {@code extra}: the publication memory digests this text as the shape of
   * every feed (archive page versions are named by it), and no feed carries {@code extra}, so a publication
   * keeps the digest it had before {@code extra} existed, and an edit of {@code extra} re-versions no archive
   * page. The pages' digest adds {@code extra} itself.
   */
  @Override
  public String toString() {
    return "Publication[title=" + title + ", description=" + description + ", baseUrl=" + baseUrl + ", language="
        + language + ", authors=" + authors + ", icon=" + icon + ", logo=" + logo + ", copyright=" + copyright
        + ", timezone=" + timezone + ", idAuthority=" + idAuthority + ", limit=" + limit + ", ttl=" + ttl + ", hub="
        + hub + ", podcast=" + podcast + "]";
  }

  /** The absolute URL of a site path such as {@code feed.xml} or {@code articles/a}. */
  public URI resolve(String sitePath) {
    return baseUrl.resolve(sitePath.startsWith("/") ? sitePath.substring(1) : sitePath);
  }
}
