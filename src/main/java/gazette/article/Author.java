package gazette.article;

import java.net.URI;
import java.util.Objects;

/** A person credited with an article or a publication; email and url may be null. */
public record Author(String name, String email, URI url) {
  public Author {
    Objects.requireNonNull(name, "name");
  }
}
