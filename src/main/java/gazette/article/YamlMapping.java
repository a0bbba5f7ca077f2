package gazette.article;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * A YAML mapping read safely (no object construction, bounded aliases, nesting and size), whose typed
 * accessors record every problem at the mark of the offending node instead of throwing.
 */
final class YamlMapping {
  static final int MAX_FILE_BYTES = 1 << 20;
  /** The longest text field, in characters: titles, names, categories, slugs, types. */
  static final int MAX_TEXT = 1_000;
  /** Fields allowed to be longer: prose, and URLs (some carry long signed queries); content is bound by the file. */
  private static final Map<String, Integer> TEXT_LIMITS = Map.ofEntries(Map.entry("content", MAX_FILE_BYTES),
      Map.entry("summary", 10_000), Map.entry("description", 10_000), Map.entry("copyright", 10_000),
      Map.entry("id", 4_000), Map.entry("link", 4_000), Map.entry("image", 4_000), Map.entry("url", 4_000),
      Map.entry("base_url", 4_000), Map.entry("icon", 4_000), Map.entry("logo", 4_000), Map.entry("hub", 4_000));
  private static final Set<Tag> PLAIN_TAGS = Set.of(
      Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP, Tag.SEQ, Tag.MAP);

  private final Path file;
  private final String prefix;
  private final Node node;
  private final Map<String, NodeTuple> fields;
  private final List<Problem> problems;

  private YamlMapping(Path file, String prefix, MappingNode node, Set<String> known, List<Problem> problems) {
    this.file = file;
    this.prefix = prefix;
    this.node = node;
    this.problems = problems;
    this.fields = new LinkedHashMap<>();
    int unknown = 0;
    NodeTuple previous = null;
    for (NodeTuple tuple : node.getValue()) {
      NodeTuple before = previous;
      previous = tuple;
      Node keyNode = tuple.getKeyNode();
      if (!(keyNode instanceof ScalarNode scalarKey) || !PLAIN_TAGS.contains(keyNode.getTag())) {
        problems.add(at(keyNode, prefix + "keys must be plain text, found " + kind(keyNode)));
        continue;
      }
      String key = scalarKey.getValue();
      if (!known.contains(key)) {
        // Past the problems a file lists (Problem.MAX_PER_FILE), a suggestion would only cost time.
        String hint = ++unknown <= Problem.MAX_PER_FILE ? suggestion(key, known) : "";
        if (hint.isEmpty() && before != null && before.getValueNode() instanceof ScalarNode text
            && (text.getScalarStyle() == ScalarStyle.LITERAL || text.getScalarStyle() == ScalarStyle.FOLDED)
            && before.getKeyNode() instanceof ScalarNode textKey) {
          hint = Mistakes.belowBlockText(textKey.getValue());
        }
        problems.add(at(keyNode, prefix + key + ": unknown field" + hint));
      } else if (fields.containsKey(key)) {
        Mark first = fields.get(key).getKeyNode().getStartMark();
        problems.add(at(keyNode, prefix + key + ": appears twice (first at line " + (first.getLine() + 1) + ")"));
      } else {
        fields.put(key, tuple);
      }
    }
  }

  /** Parses a whole file; empty if it is not a readable YAML mapping (the reason is in {@code problems}). */
  static Optional<YamlMapping> read(Path file, byte[] bytes, Set<String> known, List<Problem> problems) {
    if (bytes.length > MAX_FILE_BYTES) {
      problems.add(Problem.ofFile(file, "file is " + bytes.length + " bytes, over the limit of " + MAX_FILE_BYTES));
      return Optional.empty();
    }
    // Nearly every file is printable UTF-8: decoded and checked in the reader's own pass, with no string
    // of the whole file. Any other file takes the long way, which finds its problem as it always has.
    StreamReader reader = WholeText.of(bytes);
    String text = null;
    if (reader == null) {
      // The lenient decoder is several times faster; only a file with U+FFFD in it needs the strict check.
      text = new String(bytes, StandardCharsets.UTF_8);
      if (text.indexOf('\uFFFD') >= 0 && !isUtf8(bytes)) {
        problems.add(Problem.ofFile(file, "file is not UTF-8 text"));
        return Optional.empty();
      }
      reader = WholeText.of(text);
    }
    Node root;
    Recording parser = new Recording(new ParserImpl(reader, OPTIONS));
    try {
      root = new Composer(parser, RESOLVER, OPTIONS).getSingleNode();
    } catch (MarkedYAMLException e) {
      Optional<Problem> explained = Mistakes.explain(file, text != null ? text : new String(bytes, StandardCharsets.UTF_8),
          e, known.contains("content"));
      if (explained.isPresent()) {
        problems.add(explained.get());
        return Optional.empty();
      }
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String reason = e.getProblem() != null ? e.getProblem() : e.getMessage();
      problems.add(parser.at(file, mark, "not valid YAML: " + reason));
      return Optional.empty();
    } catch (YAMLException e) {
      // The alias and nesting limits throw without a mark: the event being composed is the offending node.
      problems.add(parser.at(file, null, "not valid YAML: " + e.getMessage()));
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      // SnakeYAML's own checks that are not YAMLExceptions (a tag such as "!!%8" with a bad escape).
      problems.add(parser.at(file, null, "not valid YAML: " + String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT)));
      return Optional.empty();
    }
    if (root == null) {
      problems.add(Problem.ofFile(file, "file is empty (expected a mapping such as title: ...)"));
      return Optional.empty();
    }
    if (!(root instanceof MappingNode mapping)) {
      problems.add(new Problem(file, root.getStartMark().getLine() + 1, root.getStartMark().getColumn() + 1,
          "expected a mapping of fields such as title: ..., found " + kind(root)));
      return Optional.empty();
    }
    return Optional.of(new YamlMapping(file, "", mapping, known, problems));
  }

  /** A parser that remembers the last event the composer took, to place errors that come without a mark. */
  private static final class Recording implements Parser {
    private final Parser parser;
    private Event last;

    Recording(Parser parser) {
      this.parser = parser;
    }

    @Override
    public boolean checkEvent(Event.ID choice) {
      return parser.checkEvent(choice);
    }

    @Override
    public Event peekEvent() {
      return parser.peekEvent();
    }

    @Override
    public Event getEvent() {
      last = parser.getEvent();
      return last;
    }

    /** A problem at {@code mark}, else at the last event taken, else at the file's start. */
    Problem at(Path file, Mark mark, String message) {
      Mark at = mark != null ? mark : last != null ? last.getStartMark() : null;
      return at == null ? Problem.ofFile(file, message) : new Problem(file, at.getLine() + 1, at.getColumn() + 1, message);
    }
  }

  private static boolean isUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /** Read-only once built, so every parse on every thread shares them. */
  private static final LoaderOptions OPTIONS = options();
  private static final Resolver RESOLVER = new Resolver();

  private static LoaderOptions options() {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(20);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(20);
    options.setCodePointLimit(MAX_FILE_BYTES);
    options.setProcessComments(false);
    return options;
  }

  Path file() {
    return file;
  }

  boolean has(String key) {
    return fields.containsKey(key);
  }

  /** Whether the field is written as a list. */
  boolean isList(String key) {
    NodeTuple tuple = fields.get(key);
    return tuple != null && tuple.getValueNode() instanceof SequenceNode;
  }

  /** The mark of a field's value, or of the mapping itself when the field is absent. */
  Node nodeOf(String key) {
    NodeTuple tuple = fields.get(key);
    return tuple == null ? node : tuple.getValueNode();
  }

  void report(String key, String message) {
    problems.add(at(nodeOf(key), prefix + key + ": " + message));
  }

  void reportAt(Node at, String key, String message) {
    problems.add(at(at, prefix + key + ": " + message));
  }

  /** A warning about a field: the field is read, and the file published, all the same. */
  void warn(String key, String message) {
    Problem at = at(nodeOf(key), prefix + key + ": " + message);
    problems.add(Problem.warning(at.file(), at.line(), at.column(), at.message()));
  }

  void missing(String key) {
    problems.add(at(node, prefix + key + ": required field is missing"));
  }

  /** A text field; numbers, booleans and dates are taken as written. Empty or null counts as absent. */
  Optional<String> text(String key) {
    NodeTuple tuple = fields.get(key);
    if (tuple == null) {
      return Optional.empty();
    }
    return text(key, tuple.getValueNode());
  }

  private Optional<String> text(String key, Node value) {
    if (value instanceof ScalarNode scalar && PLAIN_TAGS.contains(scalar.getTag())) {
      String s = XmlText.clean(scalar.getValue()).strip();
      if (s.isEmpty() || scalar.getTag().equals(Tag.NULL)) {
        reportAt(value, key, "is empty");
        return Optional.empty();
      }
      int limit = TEXT_LIMITS.getOrDefault(key, MAX_TEXT);
      if (s.length() > limit && s.codePointCount(0, s.length()) > limit) {
        reportAt(value, key, "is " + s.codePointCount(0, s.length()) + " characters long, over the limit of " + limit);
        return Optional.empty();
      }
      return Optional.of(s);
    }
    reportAt(value, key, "expected text, found " + kind(value));
    return Optional.empty();
  }

  Optional<String> requiredText(String key) {
    if (!fields.containsKey(key)) {
      missing(key);
      return Optional.empty();
    }
    return text(key);
  }

  /** A single text or a list of texts; blank and repeated entries are dropped. */
  List<String> textList(String key) {
    NodeTuple tuple = fields.get(key);
    if (tuple == null) {
      return List.of();
    }
    Node value = tuple.getValueNode();
    Set<String> out = new LinkedHashSet<>();
    if (value instanceof SequenceNode sequence) {
      for (Node item : sequence.getValue()) {
        text(key, item).ifPresent(out::add);
      }
    } else if (value instanceof ScalarNode) {
      text(key, value).ifPresent(out::add);
    } else {
      reportAt(value, key, "expected a list of text, found " + kind(value));
    }
    return List.copyOf(out);
  }

  Optional<Instant> timestamp(String key, ZoneId zone) {
    NodeTuple tuple = fields.get(key);
    if (tuple == null) {
      return Optional.empty();
    }
    Node value = tuple.getValueNode();
    if (!(value instanceof ScalarNode scalar)) {
      reportAt(value, key, "expected a date, found " + kind(value));
      return Optional.empty();
    }
    if (key.equals("published") && scalar.getTag().equals(Tag.BOOL)) {
      reportAt(value, key, quote(scalar.getValue()) + " is not a date; to keep an article unpublished (Jekyll's"
          + " published: false), write draft: true, and give published its date");
      return Optional.empty();
    }
    try {
      return Optional.of(Timestamps.parse(scalar.getValue(), zone));
    } catch (Timestamps.Invalid e) {
      reportAt(value, key, quote(scalar.getValue()) + " " + e.getMessage());
      return Optional.empty();
    }
  }

  Optional<Boolean> bool(String key) {
    NodeTuple tuple = fields.get(key);
    if (tuple == null) {
      return Optional.empty();
    }
    Node value = tuple.getValueNode();
    if (value instanceof ScalarNode scalar) {
      switch (scalar.getValue().toLowerCase(Locale.ROOT)) {
        case "true":
          return Optional.of(true);
        case "false":
          return Optional.of(false);
        default:
          reportAt(value, key, "expected true or false, found " + quote(scalar.getValue()));
          return Optional.empty();
      }
    }
    reportAt(value, key, "expected true or false, found " + kind(value));
    return Optional.empty();
  }

  Optional<Integer> positiveInt(String key) {
    return wholeNumber(key, 1, Integer.MAX_VALUE).map(Long::intValue);
  }

  Optional<Long> wholeNumber(String key, long min, long max) {
    NodeTuple tuple = fields.get(key);
    if (tuple == null) {
      return Optional.empty();
    }
    Node value = tuple.getValueNode();
    if (value instanceof ScalarNode scalar && scalar.getTag().equals(Tag.INT)) {
      try {
        long n = Long.parseLong(scalar.getValue().replace("_", ""));
        if (n >= min && n <= max) {
          return Optional.of(n);
        }
      } catch (NumberFormatException e) {
        // out of range for a long: reported below like any other bad number
      }
    }
    String found = value instanceof ScalarNode scalar ? quote(scalar.getValue()) : kind(value);
    reportAt(value, key, "expected a whole number of " + min + " or more, found " + found);
    return Optional.empty();
  }

  /**
   * A URL: absolute http(s), or relative to {@code base} when one is given. Other schemes (mailto:,
   * javascript:) and malformed text are reported.
   */
  Optional<URI> url(String key, URI base) {
    return text(key).flatMap(s -> url(key, nodeOf(key), s, base));
  }

  Optional<URI> url(String key, Node at, String s, URI base) {
    URI uri;
    try {
      uri = new URI(Urls.ascii(s)); // written as ASCII everywhere: percent-escapes, and xn-- for a host
    } catch (URISyntaxException e) {
      reportAt(at, key, quote(s) + " is not a URL (" + e.getReason().toLowerCase(Locale.ROOT) + ")");
      return Optional.empty();
    }
    if (!uri.isAbsolute()) {
      if (base == null) {
        reportAt(at, key, quote(s) + " is not an absolute URL (expected https://...)");
        return Optional.empty();
      }
      uri = base.resolve(uri);
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      reportAt(at, key, quote(s) + " is not an http or https URL");
      return Optional.empty();
    }
    return Optional.of(uri);
  }

  /** The most characters of one text in {@code extra:}. */
  static final int MAX_EXTRA_TEXT = 10_000;

  /**
   * The writer's own data: a mapping of text, lists and mappings, kept as written for the templates (every
   * value is text; an empty value is the empty text). Order is kept; maps and lists are unmodifiable.
   */
  Map<String, Object> extra(String key) {
    NodeTuple tuple = fields.get(key);
    if (tuple == null) {
      return Map.of();
    }
    Node value = tuple.getValueNode();
    if (!(value instanceof MappingNode)) {
      reportAt(value, key, "expected a mapping of your own fields (such as extra: {rating: 5}), found " + kind(value));
      return Map.of();
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> data = (Map<String, Object>) data(key, value);
    return data == null ? Map.of() : data;
  }

  private Object data(String path, Node value) {
    if (value instanceof ScalarNode scalar && PLAIN_TAGS.contains(scalar.getTag())) {
      String s = scalar.getTag().equals(Tag.NULL) ? "" : XmlText.clean(scalar.getValue());
      if (s.codePointCount(0, s.length()) > MAX_EXTRA_TEXT) {
        reportAt(value, path, "is " + s.codePointCount(0, s.length()) + " characters long, over the limit of " + MAX_EXTRA_TEXT);
        return null;
      }
      return s;
    }
    if (value instanceof SequenceNode sequence) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < sequence.getValue().size(); i++) {
        Object item = data(path + "[" + i + "]", sequence.getValue().get(i));
        if (item != null) {
          out.add(item);
        }
      }
      return List.copyOf(out);
    }
    if (value instanceof MappingNode mapping) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (NodeTuple tuple : mapping.getValue()) {
        Node keyNode = tuple.getKeyNode();
        if (!(keyNode instanceof ScalarNode scalarKey) || !PLAIN_TAGS.contains(keyNode.getTag())) {
          problems.add(at(keyNode, prefix + path + ": keys must be plain text, found " + kind(keyNode)));
          continue;
        }
        String name = XmlText.clean(scalarKey.getValue());
        if (out.containsKey(name)) {
          reportAt(keyNode, path + "." + name, "appears twice");
          continue;
        }
        Object item = data(path + "." + name, tuple.getValueNode());
        if (item != null) {
          out.put(name, item);
        }
      }
      return java.util.Collections.unmodifiableMap(out);
    }
    reportAt(value, path, "expected text, a list or a mapping, found " + kind(value));
    return null;
  }

  /** Sub-mappings in a list (or a single one), each with its own known keys and problems. */
  List<YamlMapping> mappings(String key, Set<String> known) {
    NodeTuple tuple = fields.get(key);
    if (tuple == null) {
      return List.of();
    }
    Node value = tuple.getValueNode();
    List<Node> items = value instanceof SequenceNode sequence ? sequence.getValue() : List.of(value);
    List<YamlMapping> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Node item = items.get(i);
      String itemPrefix = prefix + key + (value instanceof SequenceNode ? "[" + i + "]." : ".");
      if (item instanceof MappingNode mapping) {
        out.add(new YamlMapping(file, itemPrefix, mapping, known, problems));
      } else {
        reportAt(item, key + (value instanceof SequenceNode ? "[" + i + "]" : ""), "expected a mapping, found " + kind(item));
      }
    }
    return out;
  }

  /** Values of a list field (or the one value), for fields whose items may take several shapes. */
  List<Node> items(String key) {
    NodeTuple tuple = fields.get(key);
    if (tuple == null) {
      return List.of();
    }
    Node value = tuple.getValueNode();
    return value instanceof SequenceNode sequence ? sequence.getValue() : List.of(value);
  }

  YamlMapping nested(MappingNode mapping, String itemPrefix, Set<String> known) {
    return new YamlMapping(file, prefix + itemPrefix, mapping, known, problems);
  }

  Optional<String> itemText(String key, Node item) {
    return text(key, item);
  }

  Problem at(Node at, String message) {
    Mark mark = at.getStartMark();
    return new Problem(file, mark.getLine() + 1, mark.getColumn() + 1, message);
  }

  static String kind(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    if (!PLAIN_TAGS.contains(node.getTag())) {
      return "a value tagged " + node.getTag().getValue();
    }
    return "text";
  }

  static String quote(String s) {
    return Problem.quote(s);
  }

  private static String suggestion(String key, Set<String> known) {
    String foreign = Mistakes.unknownField(key, known);
    if (!foreign.isEmpty()) {
      return foreign;
    }
    String best = null;
    int bestDistance = 3;
    for (String candidate : known) {
      if (Math.abs(key.length() - candidate.length()) >= bestDistance) {
        continue; // the distance is at least the difference in length: no need to compute it
      }
      int d = distance(key, candidate);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best == null ? "" : " (did you mean " + best + "?)";
  }

  /** Optimal-string-alignment distance: typos such as swapped letters count once. */
  private static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
