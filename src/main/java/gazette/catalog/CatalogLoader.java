package gazette.catalog;

import gazette.article.Article;
import gazette.article.ArticleParser;
import gazette.article.Problem;
import gazette.article.Publication;
import gazette.article.PublicationParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Turns the files under an articles folder into a {@link Catalog}. It remembers each file's bytes and
 * last good article, so a reload re-parses only files whose bytes changed, and a file that turns
 * invalid keeps its last good version published while its problems are reported.
 */
public final class CatalogLoader {
  public static final String PUBLICATION_FILE = "_feed.yaml";

  private final Path root;
  private final URI baseOverride;
  private final URI fallbackBase;
  private final Map<Path, Parsed> parsed = new TreeMap<>();
  private Publication publication;
  private byte[] publicationDigest;
  private Instant publicationModified = Instant.EPOCH;
  private List<Problem> publicationProblems = List.of();

  /** One file's latest parse, keyed by a digest of its bytes, and the last article it gave when valid. */
  private record Parsed(byte[] digest, Instant modified, ArticleParser.Result result, Article lastGood) {}

  /**
   * @param baseOverride the base URL from the command line (wins over {@code base_url}); may be null
   * @param fallbackBase the base URL when neither the command line nor {@code _feed.yaml} gives one
   */
  public CatalogLoader(Path root, URI baseOverride, URI fallbackBase) {
    this.root = root;
    this.baseOverride = baseOverride;
    this.fallbackBase = fallbackBase;
  }

  public Path root() {
    return root;
  }

  /** Whether a folder under the articles folder can hold articles: none of its parts hidden or {@code _}-prefixed. */
  public static boolean isArticleFolder(Path relative) {
    for (Path part : relative) {
      String name = part.toString();
      if (name.startsWith(".") || name.startsWith("_")) {
        return false;
      }
    }
    return true;
  }

  /** Whether a path under the articles folder is an article: {@code *.yaml}/{@code *.yml}, not hidden, not a backup. */
  public static boolean isArticle(Path relative) {
    if (!isArticleFolder(relative)) {
      return false;
    }
    String name = relative.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml");
  }

  /** Reads the whole folder as it is now; only files whose bytes changed since the last call are parsed again. */
  public synchronized Catalog load(Instant now) throws IOException {
    Path publicationFile = root.resolve(PUBLICATION_FILE);
    if (loadPublication(publicationFile, now)) {
      forgetDigests();
    }
    List<Path> files = articleFiles(root);
    parsed.keySet().retainAll(files);
    updateAll(files, new ArticleParser(publication()), now);
    return assemble(publication(), publicationFile, now);
  }

  /**
   * Applies the paths that changed since the last call (files or folders, created, edited or
   * deleted); an empty set only re-checks which scheduled articles are due at {@code now}. A changed
   * publication re-parses every article, since dates, ids and URLs depend on it.
   */
  public synchronized Catalog refresh(Set<Path> changed, Instant now) throws IOException {
    Path publicationFile = root.resolve(PUBLICATION_FILE);
    if (changed.contains(publicationFile) && loadPublication(publicationFile, now)) {
      forgetDigests();
      return load(now);
    }
    ArticleParser parser = new ArticleParser(publication());
    for (Path path : changed) {
      if (path.equals(publicationFile) || !path.startsWith(root) || path.equals(root)) {
        continue;
      }
      if (Files.isDirectory(path)) {
        if (isArticleFolder(root.relativize(path))) {
          updateAll(articleFiles(path), parser, now);
        }
      } else if (Files.isRegularFile(path) && isArticle(root.relativize(path))) {
        update(path, parser, now);
      } else {
        parsed.keySet().removeIf(p -> p.startsWith(path));
      }
    }
    return assemble(publication(), publicationFile, now);
  }

  private Publication publication() {
    return publication != null ? publication : PublicationParser.fallback(fallbackBase);
  }

  /** Makes every article look changed, keeping each last good version in case the new parse fails. */
  private void forgetDigests() {
    parsed.replaceAll((file, p) -> new Parsed(null, p.modified(), p.result(), p.lastGood()));
  }

  private void update(Path file, ArticleParser parser, Instant now) throws IOException {
    apply(file, reread(file, parser), now);
  }

  /** Reads and parses many files on every core; the results are applied in one thread, in path order. */
  private void updateAll(List<Path> files, ArticleParser parser, Instant now) throws IOException {
    List<Optional<Parsed>> results;
    try {
      results = files.parallelStream().map(file -> {
        try {
          return reread(file, parser);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    for (int i = 0; i < files.size(); i++) {
      apply(files.get(i), results.get(i), now);
    }
  }

  /** Marks an unchanged file: its bytes match the last parse. */
  private static final Optional<Parsed> UNCHANGED = Optional.of(new Parsed(null, Instant.EPOCH, null, null));

  /**
   * The new parse of a file whose bytes changed, {@link #UNCHANGED}, or empty when the file is gone.
   * Only reads {@code parsed}, so many files can be reread at once.
   */
  private Optional<Parsed> reread(Path file, ArticleParser parser) throws IOException {
    byte[] bytes;
    Instant modified;
    try {
      modified = Files.getLastModifiedTime(file).toInstant();
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    byte[] digest = digest(bytes);
    Parsed before = parsed.get(file);
    if (before != null && Arrays.equals(before.digest(), digest)) {
      return UNCHANGED;
    }
    ArticleParser.Result result = parser.parse(file, bytes);
    Article lastGood = result.article().orElse(before == null ? null : before.lastGood());
    return Optional.of(new Parsed(digest, modified, result, lastGood));
  }

  /**
   * Keeps a file's new parse. A file seen before whose bytes changed is dated no earlier than
   * {@code now}: a copy that keeps an old modification time must still look changed to
   * If-Modified-Since.
   */
  private void apply(Path file, Optional<Parsed> result, Instant now) {
    if (result.isEmpty()) {
      parsed.remove(file);
    } else if (result != UNCHANGED) {
      Parsed next = result.get();
      if (parsed.containsKey(file) && next.modified().isBefore(now)) {
        next = new Parsed(next.digest(), now, next.result(), next.lastGood());
      }
      parsed.put(file, next);
    }
  }

  private boolean loadPublication(Path file, Instant now) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      publicationProblems = List.of(Problem.ofFile(file,
          "file is missing (a publication needs at least a title: line)"));
      publicationDigest = null;
      return false;
    }
    byte[] digest = digest(bytes);
    if (Arrays.equals(digest, publicationDigest)) {
      return false;
    }
    Instant mtime = Files.getLastModifiedTime(file).toInstant();
    publicationModified = publicationDigest != null && mtime.isBefore(now) ? now : mtime;
    publicationDigest = digest;
    PublicationParser.Result result = PublicationParser.parse(file, bytes, baseOverride, fallbackBase);
    publicationProblems = result.problems();
    if (result.publication().isEmpty() || result.publication().get().equals(publication)) {
      return false;
    }
    publication = result.publication().get();
    return true;
  }

  private List<Path> articleFiles(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      throw new NoSuchFileException(folder.toString(), null, "not a folder of articles");
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(p -> !p.equals(root))
          .filter(p -> isArticle(root.relativize(p)))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private Catalog assemble(Publication current, Path publicationFile, Instant now) {
    List<Problem> problems = new ArrayList<>(publicationProblems);
    Map<String, Path> ids = new HashMap<>();
    Map<String, Path> slugs = new HashMap<>();
    List<Article> published = new ArrayList<>();
    Map<Path, Instant> modified = new HashMap<>();
    modified.put(publicationFile, publicationModified);
    Instant next = null;
    for (Map.Entry<Path, Parsed> entry : parsed.entrySet()) {
      Path file = entry.getKey();
      Parsed p = entry.getValue();
      problems.addAll(p.result().problems());
      modified.put(file, p.modified());
      Article article = p.lastGood();
      if (article == null) {
        continue;
      }
      Path idOwner = ids.putIfAbsent(article.id(), file);
      Path slugOwner = slugs.putIfAbsent(article.slug(), file);
      if (idOwner != null) {
        problems.add(p.result().idAt().problem(file,
            "id: \"" + article.id() + "\" is already used by " + idOwner));
      }
      if (slugOwner != null) {
        problems.add(p.result().slugAt().problem(file,
            "slug: \"" + article.slug() + "\" is already used by " + slugOwner));
      }
      if (idOwner != null || slugOwner != null) {
        continue;
      }
      if (article.isPublishedAt(now)) {
        published.add(article);
      } else if (!article.draft() && (next == null || article.published().isBefore(next))) {
        next = article.published();
      }
    }
    return new Catalog(current, publicationFile, published, problems, Optional.ofNullable(next), modified);
  }

  private static byte[] digest(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
