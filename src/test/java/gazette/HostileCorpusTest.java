package gazette;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gazette.article.Article;
import gazette.catalog.Catalog;
import gazette.catalog.CatalogLoader;
import gazette.http.FeedServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A hostile corpus: files in {@code src/test/resources/hostile/} (what each gives is listed in its
 * {@code EXPECTED}) and what a file system can hold that a resource cannot (pipes, sockets, devices,
 * links, huge and unreadable files, names with control characters). Each case alone gives exactly its
 * problem lines and leaves a good article published; all of them together, at start or dropped into a
 * running server, leave every good article served, every response well-formed, and nothing from outside
 * the articles folder (its content, or a server path) in any response.
 */
class HostileCorpusTest {
  private static final Path CORPUS = Path.of("src", "test", "resources", "hostile");
  private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
  private static final String SECRET = "SECRET-OUTSIDE-2c9f";
  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  private Gazette gazette;
  private FeedServer server;

  /** Puts one case into an articles folder; {@code outside} is a folder beside it holding a secret. */
  private interface Setup {
    void into(Path folder, Path outside) throws Exception;
  }

  /**
   * One hostile case: its exact problem lines (relative to the folder), the titles it adds to what is
   * published, and whether it can only be set up by a user other than root.
   */
  record Case(String name, List<String> problems, List<String> published, boolean needsNonRoot, Setup setup) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() throws IOException {
    List<Case> cases = new ArrayList<>(fromCorpus());
    cases.addAll(fromFileSystem());
    return cases.stream();
  }

  /** The files of the corpus, with what EXPECTED says of each. */
  private static List<Case> fromCorpus() throws IOException {
    Map<String, List<String>> expected = new LinkedHashMap<>();
    for (String line : Files.readAllLines(CORPUS.resolve("EXPECTED"))) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String name = line.endsWith(" published") ? line.substring(0, line.length() - " published".length())
          : line.substring(0, line.indexOf(':'));
      List<String> lines = expected.computeIfAbsent(name, n -> new ArrayList<>());
      if (!line.endsWith(" published")) {
        lines.add(line);
      }
    }
    try (Stream<Path> files = Files.list(CORPUS)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted())
          .as("every file of the corpus is in EXPECTED, and nothing else").containsExactlyElementsOf(expected.keySet());
    }
    List<Case> cases = new ArrayList<>();
    // A file with warnings only is published all the same.
    expected.forEach((name, problems) -> cases.add(new Case(name, problems,
        problems.stream().allMatch(p -> p.contains(": warning: ")) ? List.of("*") : List.of(), false,
        (folder, outside) -> Files.copy(CORPUS.resolve(name), folder.resolve(name)))));
    return cases;
  }

  private static Case refused(String name, String message, Setup setup) {
    return new Case(name, List.of(name + ":1:1: " + message), List.of(), false, setup);
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
  }

  /** What only a file system can hold. */
  private static List<Case> fromFileSystem() {
    List<Case> cases = new ArrayList<>();
    cases.add(refused("named-pipe.yaml", "not a regular file: a named pipe",
        (folder, outside) -> run("mkfifo", folder.resolve("named-pipe.yaml").toString())));
    cases.add(refused("unix-socket.yaml", "not a regular file: a socket", (folder, outside) -> {
      try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
        socket.bind(UnixDomainSocketAddress.of(folder.resolve("unix-socket.yaml")));
      }
    }));
    cases.add(refused("sparse-3-gib.yaml", "file is 3221225472 bytes, over the limit of 1048576", (folder, outside) -> {
      try (RandomAccessFile file = new RandomAccessFile(folder.resolve("sparse-3-gib.yaml").toFile(), "rw")) {
        file.setLength(3L << 30);
      }
    }));
    cases.add(refused("one-byte-over.yaml", "file is 1048577 bytes, over the limit of 1048576", (folder, outside) -> {
      String head = "title: Big\npublished: 2024-03-01\ncontent: ";
      Files.writeString(folder.resolve("one-byte-over.yaml"), head + "c".repeat((1 << 20) + 1 - head.length() - 1) + "\n");
    }));
    cases.add(refused("link-out.yaml", "symbolic link leads outside the articles folder; not read",
        (folder, outside) -> Files.createSymbolicLink(folder.resolve("link-out.yaml"), outside.resolve("secret.yaml"))));
    cases.add(refused("link-out-relative.yaml", "symbolic link leads outside the articles folder; not read",
        (folder, outside) -> Files.createSymbolicLink(folder.resolve("link-out-relative.yaml"),
            Path.of("..", outside.getFileName().toString(), "secret.yaml"))));
    cases.add(refused("link-etc-passwd.yaml", "symbolic link leads outside the articles folder; not read",
        (folder, outside) -> Files.createSymbolicLink(folder.resolve("link-etc-passwd.yaml"), Path.of("/etc/passwd"))));
    cases.add(refused("link-dev-zero.yaml", "symbolic link leads outside the articles folder; not read",
        (folder, outside) -> Files.createSymbolicLink(folder.resolve("link-dev-zero.yaml"), Path.of("/dev/zero"))));
    cases.add(refused("link-nowhere.yaml", "symbolic link leads nowhere; not read",
        (folder, outside) -> Files.createSymbolicLink(folder.resolve("link-nowhere.yaml"), folder.resolve("gone.yaml"))));
    cases.add(refused("link-loop.yaml", "symbolic link leads round in a loop; not read", (folder, outside) -> {
      Files.createSymbolicLink(folder.resolve("link-loop.yaml"), folder.resolve(".loop-back.yaml"));
      Files.createSymbolicLink(folder.resolve(".loop-back.yaml"), folder.resolve("link-loop.yaml"));
    }));
    cases.add(refused("linked-folder", "symbolic link to a folder; not followed",
        (folder, outside) -> Files.createSymbolicLink(folder.resolve("linked-folder"), outside)));
    cases.add(refused("link-to-own-folder", "symbolic link to a folder; not followed",
        (folder, outside) -> Files.createSymbolicLink(folder.resolve("link-to-own-folder"), folder)));
    cases.add(new Case("link-inside.yaml", List.of(), List.of("Kept inside"), false, (folder, outside) -> {
      Files.createDirectories(folder.resolve("_sources"));
      Files.writeString(folder.resolve("_sources/kept.yaml"), "title: Kept inside\npublished: 2024-03-02\ncontent: x\n");
      Files.createSymbolicLink(folder.resolve("link-inside.yaml"), Path.of("_sources/kept.yaml"));
    }));
    cases.add(new Case("folder-named-like-an-article.yaml", List.of(), List.of("Inner"), false, (folder, outside) -> {
      Files.createDirectories(folder.resolve("folder-named-like-an-article.yaml"));
      Files.writeString(folder.resolve("folder-named-like-an-article.yaml/inner.yaml"),
          "title: Inner\npublished: 2024-03-03\ncontent: x\n");
    }));
    cases.add(new Case("ignored-names", List.of(), List.of(), false, (folder, outside) -> {
      for (String name : new String[] {".hidden.yaml", "_template.yaml", "backup.yaml~", ".story.yaml.swp", "notes.txt"}) {
        Files.writeString(folder.resolve(name), "title: [broken\n");
      }
      Files.createDirectories(folder.resolve(".git"));
      Files.writeString(folder.resolve(".git/config.yaml"), "title: [broken\n");
    }));
    cases.add(new Case("newline in name", List.of("fake\\nok: 3 published articles.yaml:1:8: title: expected text, found a list"),
        List.of(), false, (folder, outside) -> Files.writeString(folder.resolve("fake\nok: 3 published articles.yaml"),
            "title: [a]\npublished: 2024-03-04\ncontent: x\n")));
    cases.add(new Case("escape in name", List.of("esc\\x1b[2J\\x1b[31m.yaml:1:8: title: expected text, found a list"),
        List.of(), false, (folder, outside) -> Files.writeString(folder.resolve("esc\u001b[2J\u001b[31m.yaml"),
            "title: [a]\npublished: 2024-03-04\ncontent: x\n")));
    List<String> unknown = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      unknown.add("unknown-keys.yaml:" + (i + 4) + ":1: k" + i + ": unknown field" + (i < 10 ? " (did you mean id?)" : ""));
    }
    unknown.add("unknown-keys.yaml:104:1: and 94900 more problems in this file (only the first 100 are listed)");
    cases.add(new Case("unknown-keys.yaml", unknown, List.of(), false, (folder, outside) -> {
      StringBuilder yaml = new StringBuilder("title: Keys\npublished: 2024-03-05\ncontent: x\n");
      for (int i = 0; i < 95_000; i++) {
        yaml.append('k').append(i).append(": 1\n");
      }
      Files.writeString(folder.resolve("unknown-keys.yaml"), yaml);
    }));
    cases.add(refused("unreadable.yaml", "cannot read file: permission denied", (folder, outside) -> {
      Path file = Files.writeString(folder.resolve("unreadable.yaml"), "title: Hidden\npublished: 2024-03-06\ncontent: x\n");
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    }));
    cases.set(cases.size() - 1, withNonRoot(cases.get(cases.size() - 1)));
    cases.add(withNonRoot(refused("unreadable-folder", "cannot read folder: permission denied", (folder, outside) -> {
      Path sub = Files.createDirectories(folder.resolve("unreadable-folder"));
      Files.writeString(sub.resolve("inside.yaml"), "title: Inside\npublished: 2024-03-06\ncontent: x\n");
      Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("---------"));
    })));
    return cases;
  }

  private static Case withNonRoot(Case c) {
    return new Case(c.name(), c.problems(), c.published(), true, c.setup());
  }

  private static boolean root() throws IOException, InterruptedException {
    Process id = new ProcessBuilder("id", "-u").start();
    String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
    id.waitFor();
    return uid.equals("0");
  }

  /** An articles folder with a publication and a good article, and a folder beside it holding a secret. */
  private Path folder(String name) throws IOException {
    Path folder = Files.createDirectories(tmp.resolve(name));
    Files.writeString(folder.resolve("_feed.yaml"), "title: Daily\n");
    Files.writeString(folder.resolve("good.yaml"), "title: Good\npublished: 2024-01-01\ncontent: Good text.\n");
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("secret.yaml"), "title: " + SECRET + "\npublished: 2024-01-02\ncontent: " + SECRET + "\n");
    return folder;
  }

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
    if (gazette != null) {
      gazette.close();
    }
    Path unreadable = tmp.resolve("articles").resolve("unreadable-folder"); // let @TempDir remove it
    if (Files.exists(unreadable, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      Files.setPosixFilePermissions(unreadable, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eachCaseGivesExactlyItsProblemLinesAndTheGoodArticleStays(Case c) throws Exception {
    assumeFalse(c.needsNonRoot() && root(), "root reads every file: run the tests as another user (see README)");
    Path folder = folder("articles");
    c.setup().into(folder, tmp.resolve("outside"));

    Catalog catalog = new CatalogLoader(folder, null, URI.create("https://news.example.org/")).load(NOW);

    assertThat(catalog.problems()).map(p -> p.relativeTo(folder).toString()).containsExactlyElementsOf(c.problems());
    List<String> titles = catalog.articles().stream().map(Article::title).toList();
    assertThat(titles).contains("Good").doesNotContain(SECRET);
    if (c.published().equals(List.of("*"))) {
      assertThat(titles).as("a valid hostile article is published").hasSize(2);
    } else {
      assertThat(titles).containsExactlyInAnyOrderElementsOf(concat(List.of("Good"), c.published()));
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** Every case set up in one folder, the problem lines they give together, and the titles they publish. */
  private record Everything(List<String> problems, int published) {}

  private Everything setUpEverything(Path folder) throws Exception {
    boolean root = root();
    List<String> problems = new ArrayList<>();
    int published = 1;
    for (Case c : cases().toList()) {
      if (c.needsNonRoot() && root) {
        continue;
      }
      c.setup().into(folder, tmp.resolve("outside"));
      problems.addAll(c.problems());
      published += c.published().size();
    }
    return new Everything(problems, published);
  }

  @Test
  void everyCaseDroppedIntoARunningServerLeavesTheGoodArticlesServedAndNothingFromOutside() throws Exception {
    Path folder = folder("articles");
    gazette = Gazette.load(new Gazette.Options(folder, URI.create("https://news.example.org/"),
        URI.create("http://127.0.0.1/"), 60, Clock.systemUTC()));
    server = gazette.serve("127.0.0.1", 0);
    gazette.watch();

    Everything everything = setUpEverything(folder);

    await("every problem at /health", () -> healthProblems().containsAll(everything.problems()));
    assertThat(gazette.catalog().articles()).hasSize(everything.published());
    everyResponseIsSafe(folder);
  }

  @Test
  void serveStartsWithEveryCaseAlreadyInTheFolder() throws Exception {
    Path folder = folder("articles");
    Everything everything = setUpEverything(folder);

    gazette = Gazette.load(new Gazette.Options(folder, URI.create("https://news.example.org/"),
        URI.create("http://127.0.0.1/"), 60, Clock.systemUTC()));
    server = gazette.serve("127.0.0.1", 0);

    assertThat(healthProblems()).containsExactlyInAnyOrderElementsOf(everything.problems());
    assertThat(gazette.catalog().articles()).hasSize(everything.published());
    everyResponseIsSafe(folder);
  }

  private final HttpClient client = HttpClient.newHttpClient();

  private HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private List<String> healthProblems() throws Exception {
    JsonNode health = JSON.readTree(get("/health").body());
    List<String> problems = new ArrayList<>();
    health.get("problems").forEach(p -> problems.add(p.asText()));
    health.get("warnings").forEach(p -> problems.add(p.asText()));
    return problems;
  }

  /**
   * Every path the Site serves, in both encodings, plus paths that try to leave it: no server error, every
   * feed well-formed and carrying the good article, no script and no secret anywhere, no server path.
   */
  private void everyResponseIsSafe(Path folder) throws Exception {
    TreeSet<String> paths = new TreeSet<>(gazette.site().paths());
    paths.addAll(List.of("/health", "/../outside/secret.yaml", "/%2e%2e/outside/secret.yaml", "/articles/../_feed.yaml",
        "/articles/link-out", "/articles/link-etc-passwd", "/linked-folder/", "/_feed.yaml", "/good.yaml"));
    for (String path : paths) {
      for (boolean gzip : new boolean[] {false, true}) {
        HttpResponse<byte[]> response = gzip ? get(path, "Accept-Encoding", "gzip") : get(path);
        byte[] bytes = response.body();
        if ("gzip".equals(response.headers().firstValue("Content-Encoding").orElse(""))) {
          bytes = new GZIPInputStream(new ByteArrayInputStream(bytes)).readAllBytes();
        }
        String body = new String(bytes, StandardCharsets.UTF_8);
        assertThat(response.statusCode()).as(path).isIn(200, 404);
        assertThat(body).as(path).doesNotContain(SECRET).doesNotContain(tmp.toString()).doesNotContain("/etc/passwd:")
            .doesNotContain("root:x:0:0");
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (type.contains("json")) {
          // JSON carries titles and ids as plain text (a reader escapes them); only content_html is markup.
          JsonNode json = JSON.readTree(bytes);
          if (json.has("items")) {
            for (JsonNode item : json.get("items")) {
              noActiveContent(item.get("content_html").asText(), path);
            }
          }
        } else if (!path.equals("/feed.xsl")) { // our own stylesheet, whose comments name what it never emits
          noActiveContent(body, path);
        }
        if (response.statusCode() == 200 && (type.contains("xml") && !type.contains("xsl"))) {
          wellFormed(bytes, path);
        }
      }
    }
    assertThat(new String(get("/feed.xml").body(), StandardCharsets.UTF_8)).contains("<title>Good</title>");
  }

  /**
   * No script, event handler, script or data URL, frame, base, form or refresh in markup a reader renders. An
   * article page's JSON-LD block is data, never run: it is left out only when nothing in it could end it ({@code <}).
   */
  private static void noActiveContent(String markup, String path) {
    String rendered = markup.replaceAll("<script type=\"application/ld\\+json\">[^<]*</script>", "");
    assertThat(rendered.toLowerCase(java.util.Locale.ROOT)).as(path).doesNotContain("<script").doesNotContain("javascript:")
        .doesNotContain("onerror").doesNotContain("data:image").doesNotContain("<iframe").doesNotContain("<base ")
        .doesNotContain("<form").doesNotContain("http-equiv").doesNotContain("<object").doesNotContain("<embed");
  }

  private static void wellFormed(byte[] xml, String path) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml), path);
  }

  private static void await(String what, Check check) throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!check.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("still not true after " + DEADLINE + ": " + what);
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
  }

  private interface Check {
    boolean holds() throws Exception;
  }
}
