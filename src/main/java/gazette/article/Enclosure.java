package gazette.article;

import java.net.URI;
import java.util.Objects;

/** A media file attached to an article (a podcast episode, say), with its absolute URL. */
public record Enclosure(URI url, String type, long length) {
  public Enclosure {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(type, "type");
    if (length < 0) {
      throw new IllegalArgumentException("length < 0: " + length);
    }
  }
}
