package gazette.catalog;

import gazette.article.Article;
import gazette.article.Position;
import gazette.article.ArticleParser;
import gazette.article.ContentCache;
import gazette.memory.Memory;
import gazette.article.Problem;
import gazette.article.Publication;
import gazette.article.PublicationParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.function.Function;

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
  /*
   * Indexes over the last good articles, kept up to date file by file so that a reload costs the
   * files it touched plus one pass over a sorted set, not a rebuild of maps over every article.
   */
  /**
   * The last good articles that are no drafts, newest first, each with what the memory is told of its file (its path
   * under the folder, the digest of its bytes, where its categories are) as the candidate it is once published:
   * made once per parse, not at every reload.
   */
  private final TreeMap<Article, Permanence.Candidate> candidates =
      new TreeMap<>(Catalog.NEWEST_FIRST.thenComparing(Article::file));
  /** Articles marked {@code draft: true}: never candidates for publication, only shown by a preview. */
  private final TreeSet<Article> drafts = new TreeSet<>(Catalog.NEWEST_FIRST.thenComparing(Article::file));
  private final Owners idFiles = new Owners();
  private final Owners slugFiles = new Owners();
  private final Map<Path, List<Problem>> fileProblems = new TreeMap<>();
  private Publication publication;
  private byte[] publicationDigest;
  private List<Problem> publicationProblems = List.of();

  /**
   * One file's latest parse, keyed by a digest of its bytes and by its stamp (read at {@code seenAt},
   * before the bytes), and the last article it gave when valid. A null digest and stamp force a re-parse.
   */
  private record Parsed(byte[] digest, FileStamp stamp, Instant seenAt, ArticleParser.Result result, Article lastGood,
      byte[] lastGoodDigest) {}

  private final ParseCache cache;
  private final ContentCache contents;
  /** What the cache held at start, consulted for files seen for the first time; emptied after the first load. */
  private ParseCache.Contents restored = ParseCache.Contents.EMPTY;
  /**
   * A fingerprint of what the cache file holds as far as this loader knows (what it read at start, then what it
   * wrote last), so {@link #save} can skip writing the same again. 0: nothing known.
   */
  private volatile long saved;
  private boolean restoredRead;
  private final Clock files;
  private final Permanence permanence;
  private final AtomicLong parses = new AtomicLong();
  private final AtomicLong cached = new AtomicLong();
  /** How many catalogs have been assembled: a catalog's files are those of the last one if this has not moved since. */
  private long assembled;
  /** The catalog assembled last: the next one is made from it where few articles changed. */
  private Catalog assembledLast;
  /** The real path of the folder, as of the current load: no followed link may lead out of it. */
  private volatile Path rootReal;
  /** Article files that are symbolic links (to files inside the folder): looked at on every refresh. */
  private final Set<Path> links = new HashSet<>();

  /**
   * @param baseOverride the base URL from the command line (wins over {@code base_url}); may be null
   * @param fallbackBase the base URL when neither the command line nor {@code _feed.yaml} gives one
   */
  /** A loader whose memory lasts as long as it does, with no parse cache. */
  public CatalogLoader(Path root, URI baseOverride, URI fallbackBase) {
    this(root, baseOverride, fallbackBase, null, new ContentCache(), Clock.systemUTC(), Memory.ephemeral());
  }

  /**
   * @param cache where to keep parses across runs (see {@link #save()}); null for none
   * @param contents where converted content is kept; the parse cache stores and restores it
   * @param files the clock of the file system, against which file times are judged: a stamp read
   *     within {@link FileStamp#RACY} of a file's change does not prove its bytes unchanged
   * @param memory what the publication remembers of what it published
   */
  public CatalogLoader(Path root, URI baseOverride, URI fallbackBase, ParseCache cache, ContentCache contents,
      Clock files, Memory memory) {
    this.root = root;
    this.baseOverride = baseOverride;
    this.fallbackBase = fallbackBase;
    this.cache = cache;
    this.contents = contents;
    this.files = files;
    this.permanence = new Permanence(memory);
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
    return isArticleName(relative.getFileName().toString());
  }

  /** Whether a file name, in a folder that holds articles, is an article's: {@code *.yaml}/{@code *.yml}, not hidden. */
  static boolean isArticleName(String name) {
    if (name.startsWith(".") || name.startsWith("_")) {
      return false;
    }
    // regionMatches ignoring case rather than a lower-cased copy: a restart asks this of every file
    return name.regionMatches(true, name.length() - 5, ".yaml", 0, 5)
        || name.regionMatches(true, name.length() - 4, ".yml", 0, 4);
  }

  /** Reads the whole folder as it is now; only files whose bytes changed since the last call are parsed again. */
  public synchronized Catalog load(Instant now) throws IOException {
    Path publicationFile = root.resolve(PUBLICATION_FILE);
    if (missing()) {
      return assemble(publication(), publicationFile, now);
    }
    if (loadPublication(publicationFile, now)) {
      forgetDigests();
    }
    if (cache != null && !restoredRead) {
      restoredRead = true;
      restored = cache.read(cacheKey(), root, contents);
      saved = fingerprint(cacheKey(), restored.entries());
    }
    rootReal = realRoot();
    FolderScan.Result scan = FolderScan.of(root, root);
    links.clear();
    sync(root, scan, new ArticleParser(publication()), now);
    restored = ParseCache.Contents.EMPTY;
    return assemble(publication(), publicationFile, now);
  }

  /**
   * Brings what is known under {@code folder} in line with a scan of it: what is gone is forgotten
   * (except under folders that could not be listed), every file is looked at, every refusal recorded.
   */
  private void sync(Path folder, FolderScan.Result scan, ArticleParser parser, Instant now) throws IOException {
    Set<Path> present = new HashSet<>(scan.files());
    present.addAll(scan.refused().keySet());
    for (Path gone : parsed.keySet().stream()
        .filter(p -> p.startsWith(folder) && !present.contains(p) && !scan.hidden(p)).toList()) {
      put(gone, null);
    }
    links.removeIf(p -> p.startsWith(folder));
    links.addAll(scan.links());
    updateAll(scan.files(), parser, now);
    for (Map.Entry<Path, String> refusal : scan.refused().entrySet()) {
      put(refusal.getKey(), refused(refusal.getKey(), refusal.getValue()));
    }
  }

  /**
   * Whether the articles folder is missing (deleted, or moved away before another takes its place). Then
   * nothing is read or forgotten: every article stays as last read, and one problem says why, until the
   * folder is back.
   */
  private boolean missing() {
    if (Files.isDirectory(root)) {
      return false;
    }
    put(root, refused(root, "articles folder is missing; serving what it last held until it is back"));
    return true;
  }

  /** How long a burst that deletes every article waits to see whether the folder itself is going too. */
  static final Duration DELETION_SETTLES = Duration.ofMillis(200);

  /**
   * Whether these changes would unpublish every article: the files of all of them are gone. That is
   * what {@code rm -rf articles} looks like until the folder itself is removed a moment later.
   */
  private boolean deletesEverything(Set<Path> touched) {
    if (candidates.isEmpty()) {
      return false;
    }
    Set<Path> gone = new HashSet<>();
    for (Path path : touched) {
      if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
        gone.add(path);
      }
    }
    for (Article article : candidates.keySet()) {
      Path at = article.file();
      while (at != null && !gone.contains(at)) {
        at = at.getParent();
      }
      if (at == null) {
        return false; // this one stays
      }
    }
    return true;
  }

  /** Whether the folder is missing after waiting a moment (on the reload thread, and only in the case above). */
  private boolean missingAfter(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return missing();
  }

  /**
   * Whether a path is reached from the articles folder through real folders only, as a scan reaches it:
   * a path through a linked folder is not part of the publication (a folder that is gone counts as real,
   * so what was known under it is forgotten).
   */
  private boolean throughFolders(Path path) {
    Path parent = path.getParent();
    try {
      return parent.toRealPath().equals(rootReal.resolve(root.relativize(parent)).normalize());
    } catch (IOException e) {
      return true;
    }
  }

  /** The real path of the articles folder (it may itself be a link), which no followed link may leave. */
  private Path realRoot() {
    try {
      return root.toRealPath();
    } catch (IOException e) {
      return root.toAbsolutePath().normalize();
    }
  }

  /** A file as the last catalog read it: its stamp, and when the stamp was read (before the bytes). */
  public record Stamp(FileStamp stamp, Instant seenAt) {}

  /** The files behind a catalog, by their path under the folder ({@code /} between names), and the digest of {@code _feed.yaml}. */
  public record Inputs(long catalog, String publicationDigest, Map<String, Stamp> stamps) {}

  /** Which catalog was assembled last: its number, which {@link #inputs()} names. */
  public synchronized long assembled() {
    return assembled;
  }

  /**
   * The stamp of every file behind the last catalog, or empty when a stamp cannot vouch for what the
   * catalog holds: a file was refused, could not be read or is a symbolic link (its target may change
   * under the same stamp), {@code _feed.yaml} was not read, or the folder could not be listed.
   */
  public synchronized Optional<Inputs> inputs() {
    if (publicationDigest == null || !links.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Stamp> stamps = new HashMap<>(parsed.size() * 2);
    for (Map.Entry<Path, Parsed> e : parsed.entrySet()) {
      Parsed p = e.getValue();
      if (p.stamp() == null || p.seenAt() == null || p.digest() == null) {
        return Optional.empty();
      }
      stamps.put(relative(e.getKey()), new Stamp(p.stamp(), p.seenAt()));
    }
    return Optional.of(new Inputs(assembled, HexFormat.of().formatHex(publicationDigest), stamps));
  }

  /**
   * Whether the folder holds exactly the files {@code stamps} names, each with the same stamp, trusted
   * as {@link FileStamp#sameAs} says (a stamp read within {@link FileStamp#RACY} of a change proves
   * nothing), and a {@code _feed.yaml} whose bytes have this digest. One {@code lstat} per file and one
   * read of {@code _feed.yaml}; no article is read.
   */
  public static boolean unchanged(Path root, String publicationDigest, Map<String, Stamp> stamps) {
    try {
      byte[] publication = Files.readAllBytes(root.resolve(PUBLICATION_FILE));
      if (!HexFormat.of().formatHex(digest(publication)).equals(publicationDigest)) {
        return false;
      }
      // The rules of FolderScan: an article file that is a symbolic link or cannot be looked at, a link to a
      // folder, or a folder that cannot be listed answers "changed" (the scan would report it); anything else
      // that is not an article is passed over. A restart at 100,000 files is mostly this walk, so each folder's
      // entries are looked at, and compared, on every core.
      AtomicInteger compared = new AtomicInteger();
      Deque<String> folders = new ArrayDeque<>();
      folders.push("");
      while (!folders.isEmpty()) {
        String prefix = folders.pop();
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(prefix.isEmpty() ? root : root.resolve(prefix))) {
          listing.forEach(entries::add);
        }
        String[] subfolders = new String[entries.size()];
        IntStream range = IntStream.range(0, entries.size());
        boolean same = (entries.size() >= FolderScan.PARALLEL_FROM ? range.parallel() : range).allMatch(i -> {
          Path entry = entries.get(i);
          String name = entry.getFileName().toString();
          if (name.startsWith(".") || name.startsWith("_")) {
            return true; // neither entered nor read
          }
          boolean article = isArticleName(name);
          FileStamp.Seen look;
          try {
            look = FileStamp.look(entry);
          } catch (NoSuchFileException e) {
            return true; // gone since the listing: an article gone is missing from the count
          } catch (IOException e) {
            return !article;
          }
          if (look.kind() == FileStamp.Kind.FOLDER) {
            subfolders[i] = prefix + name + "/";
            return true;
          }
          if (look.kind() == FileStamp.Kind.LINK) {
            return !article && !Files.isDirectory(entry);
          }
          if (!article) {
            return true;
          }
          compared.incrementAndGet();
          Stamp before = stamps.get(prefix.isEmpty() ? name : prefix + name);
          return before != null && look.stamp().sameAs(before.stamp(), before.seenAt(), FileStamp.RACY);
        });
        if (!same) {
          return false;
        }
        for (String subfolder : subfolders) {
          if (subfolder != null) {
            folders.push(subfolder);
          }
        }
      }
      return compared.get() == stamps.size();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** How many files have been parsed so far (files whose stamp or bytes showed no change are not). */
  public long parses() {
    return parses.get();
  }

  /** How many files were taken from the parse cache instead of being parsed. */
  public long fromCache() {
    return cached.get();
  }

  /**
   * What a cached parse depends on besides the file itself: the folder, the publication and the base
   * URL in effect (the command line's, else {@code base_url}, else the fallback).
   */
  private String cacheKey() {
    return root.toAbsolutePath().normalize() + "\n" + (publicationDigest == null ? "-" : HexFormat.of().formatHex(publicationDigest))
        + "\n" + publication().baseUrl();
  }

  /**
   * Writes every valid article's parse to the cache, for the next start. The entries are gathered
   * under the loader's lock and written outside it, so reloads wait only for the gathering.
   */
  public boolean save() throws IOException {
    if (cache == null) {
      return false;
    }
    Map<Path, ParseCache.Entry> entries = new HashMap<>();
    String key;
    synchronized (this) {
      key = cacheKey();
      for (Map.Entry<Path, Parsed> e : parsed.entrySet()) {
        Parsed p = e.getValue();
        // A parse with warnings is not kept: an entry holds no problems, and they must be reported at every start.
        if (p.digest() != null && p.stamp() != null && p.result().article().isPresent()
            && p.result().problems().isEmpty()) {
          entries.put(e.getKey(), new ParseCache.Entry(p.stamp(), p.seenAt(), p.digest(), p.result().idAt(),
              p.result().slugAt(), p.result().categoriesAt(), p.result().article().get()));
        }
      }
    }
    // A restart with nothing changed holds what it read: at 100,000 articles, that is 260 MB not written again.
    long print = fingerprint(key, entries);
    if (print == saved) {
      return false;
    }
    cache.write(key, root, entries, contents);
    saved = print;
    return true;
  }

  /**
   * The cache key and each entry's path, stamp, time seen and digest, mixed so that their order does not count.
   * Two different sets that collide only cost a write skipped: the next start checks every entry it uses.
   */
  static long fingerprint(String key, Map<Path, ParseCache.Entry> entries) {
    long sum = mix(key.hashCode()) + entries.size();
    for (Map.Entry<Path, ParseCache.Entry> e : entries.entrySet()) {
      ParseCache.Entry entry = e.getValue();
      long h = e.getKey().hashCode();
      h = h * 31 + entry.stamp().hashCode();
      h = h * 31 + entry.seenAt().hashCode();
      h = h * 31 + Arrays.hashCode(entry.digest());
      sum += mix(h);
    }
    return sum == 0 ? 1 : sum;
  }

  /** SplitMix64's finaliser: spreads every bit of {@code h} over the result. */
  private static long mix(long h) {
    h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
    h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
    return h ^ (h >>> 31);
  }

  /**
   * Applies the paths that changed since the last call (files or folders, created, edited or
   * deleted); an empty set only re-checks which scheduled articles are due at {@code now}. A changed
   * publication re-parses every article, since dates, ids and URLs depend on it.
   */
  public synchronized Catalog refresh(Set<Path> touched, Instant now) throws IOException {
    Path publicationFile = root.resolve(PUBLICATION_FILE);
    if (missing() || (deletesEverything(touched) && missingAfter(DELETION_SETTLES))) {
      return assemble(publication(), publicationFile, now);
    }
    if (parsed.containsKey(root)) {
      return load(now); // the folder was missing or could not be listed: only a full scan says what it holds now
    }
    if (touched.contains(publicationFile) && loadPublication(publicationFile, now)) {
      forgetDigests();
      return load(now);
    }
    ArticleParser parser = new ArticleParser(publication());
    rootReal = realRoot();
    for (Path path : touched) {
      if (path.equals(publicationFile) || !path.startsWith(root) || path.equals(root)) {
        continue;
      }
      Path relative = root.relativize(path);
      FileStamp.Kind kind;
      try {
        kind = throughFolders(path) ? FileStamp.look(path).kind() : null;
      } catch (IOException e) {
        kind = null; // gone, or cannot be looked at: a file among them is looked at again below
      }
      if (kind == FileStamp.Kind.FOLDER && isArticleFolder(relative)) {
        sync(path, FolderScan.of(root, path), parser, now);
      } else if (isArticle(relative) && (kind != null || parsed.containsKey(path))) {
        if (kind == FileStamp.Kind.LINK) {
          links.add(path);
        }
        update(path, parser, now);
      } else if (kind == FileStamp.Kind.LINK && isArticleFolder(relative) && Files.isDirectory(path)) {
        put(path, refused(path, "symbolic link to a folder; not followed"));
      } else {
        for (Path gone : parsed.keySet().stream().filter(p -> p.startsWith(path)).toList()) {
          put(gone, null);
        }
        links.removeIf(p -> p.startsWith(path));
      }
    }
    // A link's target may change with no event for the link: look at every link again (a stat each).
    for (Path link : List.copyOf(links)) {
      if (!touched.contains(link)) {
        update(link, parser, now);
      }
    }
    return assemble(publication(), publicationFile, now);
  }

  private Publication publication() {
    return publication != null ? publication : PublicationParser.fallback(fallbackBase);
  }

  /** Makes every article look changed, keeping each last good version in case the new parse fails. */
  private void forgetDigests() {
    parsed.replaceAll((file, p) -> new Parsed(null, null, null, p.result(), p.lastGood(), p.lastGoodDigest()));
  }

  private void update(Path file, ArticleParser parser, Instant now) throws IOException {
    Optional<Parsed> result = reread(file, parser, now);
    if (result.isEmpty()) {
      links.remove(file);
    }
    apply(file, result);
  }

  /** Reads and parses many files on every core; the results are applied in one thread, in path order. */
  private void updateAll(List<Path> files, ArticleParser parser, Instant now) throws IOException {
    List<Optional<Parsed>> results;
    try {
      results = files.parallelStream().map(file -> {
        try {
          return reread(file, parser, now);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    for (int i = 0; i < files.size(); i++) {
      apply(files.get(i), results.get(i));
    }
  }

  /** Marks an unchanged file: its bytes match the last parse. */
  private static final Optional<Parsed> UNCHANGED = Optional.of(new Parsed(null, null, null, null, null, null));

  /**
   * The new parse of a file whose bytes changed, {@link #UNCHANGED}, or empty when the file is gone.
   * Only reads {@code parsed}, so many files can be reread at once.
   */
  private Optional<Parsed> reread(Path file, ArticleParser parser, Instant now) throws IOException {
    Instant seenAt = files.instant();
    FileStamp stamp;
    byte[] bytes;
    try {
      InputFile.Found found = InputFile.look(file, rootReal);
      stamp = found.stamp();
      Parsed before = parsed.get(file);
      if (before != null && before.stamp() != null && stamp.sameAs(before.stamp(), before.seenAt(), FileStamp.RACY)) {
        return UNCHANGED;
      }
      if (before == null) {
        ParseCache.Entry cached = restored.entries().get(file);
        if (cached != null && stamp.sameAs(cached.stamp(), cached.seenAt(), FileStamp.RACY)) {
          this.cached.incrementAndGet();
          ArticleParser.Result result = new ArticleParser.Result(file, Optional.of(cached.article()), List.of(),
              cached.idAt(), cached.slugAt(), cached.categoriesAt());
          return Optional.of(new Parsed(cached.digest(), cached.stamp(), cached.seenAt(), result, cached.article(),
              cached.digest()));
        }
      }
      bytes = InputFile.read(found, ArticleParser.MAX_FILE_BYTES);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (InputFile.Refusal refusal) {
      return Optional.of(refused(file, refusal.getMessage()));
    }
    byte[] digest = digest(bytes);
    Parsed before = parsed.get(file);
    if (before != null && Arrays.equals(before.digest(), digest)) {
      // Same bytes under a new stamp (touched, or saved unchanged): remember the stamp, keep the parse.
      return Optional.of(new Parsed(digest, stamp, seenAt, before.result(), before.lastGood(), before.lastGoodDigest()));
    }
    ParseCache.Entry cached = before == null ? restored.entries().get(file) : null;
    if (cached != null && Arrays.equals(cached.digest(), digest)) {
      // The bytes the cache parsed, under a stamp that could not prove it (new, or written just before it was read).
      this.cached.incrementAndGet();
      ArticleParser.Result result = new ArticleParser.Result(file, Optional.of(cached.article()), List.of(),
          cached.idAt(), cached.slugAt(), cached.categoriesAt());
      return Optional.of(new Parsed(digest, stamp, seenAt, result, cached.article(), digest));
    }
    parses.incrementAndGet();
    ArticleParser.Result result;
    try {
      result = parser.parse(file, bytes);
    } catch (RuntimeException | StackOverflowError e) {
      // A bug, not the writer's fault; still only this file's problem, never a failed reload.
      return Optional.of(refused(file, "cannot be read: " + e.getClass().getSimpleName()
          + " in Gazette while parsing (please report it)"));
    }
    if (result.article().isPresent()) {
      return Optional.of(new Parsed(digest, stamp, seenAt, result, result.article().get(), digest));
    }
    return Optional.of(new Parsed(digest, stamp, seenAt, result, before == null ? null : before.lastGood(),
        before == null ? null : before.lastGoodDigest()));
  }

  /**
   * A file that is not read, with the reason as its one problem. Its last good article stays published,
   * and with no digest or stamp it is looked at again at every reload.
   */
  private Parsed refused(Path file, String message) {
    Parsed before = parsed.get(file);
    ArticleParser.Result result = new ArticleParser.Result(file, Optional.empty(),
        List.of(Problem.ofFile(file, message)), Position.START, Position.START, Position.START);
    return new Parsed(null, null, null, result, before == null ? null : before.lastGood(),
        before == null ? null : before.lastGoodDigest());
  }

  private void apply(Path file, Optional<Parsed> result) {
    if (result.isEmpty()) {
      put(file, null);
    } else if (result != UNCHANGED) {
      put(file, result.get());
    }
  }

  /** Records a file's new parse (null: the file is gone) and updates the indexes over last good articles. */
  private void put(Path file, Parsed next) {
    Parsed before = next == null ? parsed.remove(file) : parsed.put(file, next);
    Article old = before == null ? null : before.lastGood();
    Article now = next == null ? null : next.lastGood();
    if (old != now) {
      if (old != null) {
        candidates.remove(old);
        drafts.remove(old);
        idFiles.remove(old.id(), file);
        slugFiles.remove(old.slug(), file);
      }
      if (now != null) {
        if (!now.draft()) {
          candidates.put(now, new Permanence.Candidate(now, now.file(), relative(file),
              HexFormat.of().formatHex(next.lastGoodDigest()), true, next.result().categoriesAt()));
        } else {
          drafts.add(now);
        }
        idFiles.add(now.id(), file);
        slugFiles.add(now.slug(), file);
      }
    }
    if (next == null || next.result().problems().isEmpty()) {
      fileProblems.remove(file);
    } else {
      fileProblems.put(file, next.result().problems());
    }
  }

  private boolean loadPublication(Path file, Instant now) throws IOException {
    byte[] bytes;
    Instant mtime;
    try {
      InputFile.Found found = InputFile.look(file, realRoot());
      mtime = found.stamp().modified();
      bytes = InputFile.read(found, ArticleParser.MAX_FILE_BYTES);
    } catch (NoSuchFileException e) {
      publicationProblems = List.of(Problem.ofFile(file,
          "file is missing (a publication needs at least a title: line)"));
      publicationDigest = null;
      return false;
    } catch (InputFile.Refusal refusal) {
      publicationProblems = List.of(Problem.ofFile(file, refusal.getMessage()));
      publicationDigest = null;
      return false;
    }
    byte[] digest = digest(bytes);
    if (Arrays.equals(digest, publicationDigest)) {
      return false;
    }
    publicationDigest = digest;
    PublicationParser.Result result = PublicationParser.parse(file, bytes, baseOverride, fallbackBase);
    publicationProblems = result.problems();
    if (result.publication().isEmpty() || result.publication().get().equals(publication)) {
      return false;
    }
    publication = result.publication().get();
    return true;
  }

  /**
   * The catalog as the indexes stand. An id or slug used by several files belongs to the first file
   * in path order; the others are reported and left out.
   */
  private Catalog assemble(Publication current, Path publicationFile, Instant now) {
    assembled++;
    List<Problem> problems = new ArrayList<>(publicationProblems);
    fileProblems.values().forEach(problems::addAll);
    Set<Article> excluded = Collections.newSetFromMap(new IdentityHashMap<>());
    excludeLaterOwners(idFiles, "id", Article::id, p -> p.result().idAt(), problems, excluded);
    excludeLaterOwners(slugFiles, "slug", Article::slug, p -> p.result().slugAt(), problems, excluded);
    List<Permanence.Candidate> found = new ArrayList<>(candidates.size());
    List<Article> unpublished = new ArrayList<>();
    Instant next = null;
    // Newest first: the scheduled ones come before the published ones, and once one is published so is every one
    // after it. At 100,000 articles, reading each article for its date was a tenth of a reload.
    boolean published = false;
    for (Map.Entry<Article, Permanence.Candidate> entry : candidates.entrySet()) {
      if (!excluded.isEmpty() && excluded.contains(entry.getKey())) {
        continue;
      }
      Permanence.Candidate k = entry.getValue();
      if (!published && !(published = entry.getKey().isPublishedAt(now))) {
        Article article = entry.getKey();
        unpublished.add(article);
        next = article.published(); // the last one seen is the soonest due
        k = new Permanence.Candidate(article, k.file(), k.path(), k.digest(), false, k.categoriesAt());
      }
      found.add(k);
    }
    for (Article draft : drafts) {
      if (!excluded.contains(draft)) {
        unpublished.add(draft);
      }
    }
    unpublished.sort(Catalog.NEWEST_FIRST);
    Permanence.Outcome outcome = permanence.apply(current, found, now);
    problems.addAll(outcome.problems());
    Instant expiry = outcome.continuity().nextExpiry();
    Instant due = next == null || expiry != null && expiry.isBefore(next) ? expiry : next;
    Catalog previous = assembledLast;
    assembledLast = null; // should the catalog fail to be made, the next one is made from nothing
    assembledLast = new Catalog(current, publicationFile, outcome.published(), unpublished, problems,
        Optional.ofNullable(due), outcome.continuity(), previous);
    return assembledLast;
  }

  /** A file's path under the folder, with {@code /} between names whatever the platform: how the memory knows it. */
  private String relative(Path file) {
    return relativeTo(root, file);
  }

  private static String relativeTo(Path root, Path file) {
    if (root.getFileSystem().getSeparator().equals("/")) {
      return root.relativize(file).toString();
    }
    StringBuilder out = new StringBuilder();
    for (Path part : root.relativize(file)) {
      if (out.length() > 0) {
        out.append('/');
      }
      out.append(part);
    }
    return out.toString();
  }

  private void excludeLaterOwners(Owners files, String field, Function<Article, String> key,
      Function<Parsed, Position> at, List<Problem> problems, Set<Article> excluded) {
    for (String value : files.shared()) {
      TreeSet<Path> owners = files.several(value);
      Path first = owners.first();
      for (Path other : owners.tailSet(first, false)) {
        Parsed p = parsed.get(other);
        problems.add(at.apply(p).problem(other, field + ": " + Problem.quote(key.apply(p.lastGood())) + " is already used by " + first));
        excluded.add(p.lastGood());
      }
    }
  }

  /**
   * The files that claim each id (or slug): one path, the usual case, or a sorted set of them when several
   * do, which is a problem. One path per key keeps a large site's index small (no set per article).
   */
  private static final class Owners {
    private final Map<String, Object> byKey = new HashMap<>();
    private final Set<String> shared = new HashSet<>();

    void add(String key, Path file) {
      Object owners = byKey.putIfAbsent(key, file);
      if (owners == null || owners.equals(file)) {
        return;
      }
      TreeSet<Path> several = owners instanceof Path one ? new TreeSet<>(List.of(one)) : cast(owners);
      several.add(file);
      byKey.put(key, several);
      shared.add(key);
    }

    void remove(String key, Path file) {
      Object owners = byKey.get(key);
      if (owners instanceof Path one) {
        if (one.equals(file)) {
          byKey.remove(key);
        }
      } else if (owners != null) {
        TreeSet<Path> several = cast(owners);
        several.remove(file);
        if (several.size() == 1) {
          byKey.put(key, several.first());
          shared.remove(key);
        }
      }
    }

    /** The keys more than one file claims. */
    Set<String> shared() {
      return shared;
    }

    /** The files that claim a shared key, in path order. */
    TreeSet<Path> several(String key) {
      return cast(byKey.get(key));
    }

    @SuppressWarnings("unchecked")
    private static TreeSet<Path> cast(Object owners) {
      return (TreeSet<Path>) owners;
    }
  }

  private static byte[] digest(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
