package gazette.article;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/** Reads {@code author} / {@code authors}: a name, a {@code {name, email, url}} mapping, or a list of them. */
final class Authors {
  private static final Set<String> FIELDS = Set.of("name", "email", "url");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+");

  private Authors() {}

  /** Empty when neither field is present, so the caller can apply its default. */
  static Optional<List<Author>> read(YamlMapping fields) {
    if (fields.has("author") && fields.has("authors")) {
      fields.report("authors", "use either author or authors, not both");
    }
    String key = fields.has("authors") ? "authors" : "author";
    if (!fields.has(key)) {
      return Optional.empty();
    }
    List<Author> authors = new ArrayList<>();
    List<Node> items = fields.items(key);
    for (int i = 0; i < items.size(); i++) {
      Node item = items.get(i);
      if (item instanceof MappingNode mapping) {
        person(fields.nested(mapping, key + (items.size() > 1 ? "[" + i + "]" : "") + ".", FIELDS))
            .ifPresent(authors::add);
      } else {
        fields.itemText(key, item).ifPresent(name -> authors.add(new Author(name, null, null)));
      }
    }
    return Optional.of(authors);
  }

  private static Optional<Author> person(YamlMapping person) {
    Optional<String> name = person.requiredText("name");
    Optional<String> email = person.text("email").filter(e -> {
      if (EMAIL.matcher(e).matches()) {
        return true;
      }
      person.report("email", YamlMapping.quote(e) + " is not an email address");
      return false;
    });
    var url = person.url("url", null);
    return name.map(n -> new Author(n, email.orElse(null), url.orElse(null)));
  }
}
