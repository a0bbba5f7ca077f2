package gazette.article;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Another tool's YAML (Hugo or Jekyll front matter, a {@code _config.yml}) read safely as text, lists and
 * mappings: every scalar is kept as written (a date keeps its offset, {@code 010} stays {@code "010"}), no
 * object is constructed, and aliases, nesting and size are bounded as for articles.
 */
public final class FrontMatter {
  private FrontMatter() {}

  /** Why a front matter could not be read, with SnakeYAML's line and reason. */
  public static final class Unreadable extends Exception {
    public Unreadable(String message) {
      super(message, null, false, false);
    }
  }

  /** The mapping in {@code yaml}; empty for an empty text. */
  public static Map<String, Object> parse(String yaml) throws Unreadable {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(20);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(20);
    options.setCodePointLimit(YamlMapping.MAX_FILE_BYTES);
    Node root;
    try {
      root = new Composer(new ParserImpl(new StreamReader(yaml), options), new Resolver(), options).getSingleNode();
    } catch (YAMLException | IllegalArgumentException e) {
      throw new Unreadable(String.valueOf(e.getMessage()).replace('\n', ' '));
    }
    if (root == null) {
      return Map.of();
    }
    if (!(root instanceof MappingNode)) {
      throw new Unreadable("expected a mapping of fields");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) value(root);
    return map;
  }

  private static Object value(Node node) {
    if (node instanceof ScalarNode scalar) {
      return scalar.getTag().getValue().endsWith(":null") ? "" : XmlText.clean(scalar.getValue());
    }
    if (node instanceof SequenceNode sequence) {
      List<Object> items = new ArrayList<>();
      sequence.getValue().forEach(item -> items.add(value(item)));
      return Collections.unmodifiableList(items);
    }
    Map<String, Object> map = new LinkedHashMap<>();
    for (NodeTuple tuple : ((MappingNode) node).getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode key) {
        map.putIfAbsent(key.getValue(), value(tuple.getValueNode()));
      }
    }
    return Collections.unmodifiableMap(map);
  }
}
