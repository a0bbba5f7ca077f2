package gazette.site;

import gazette.catalog.CatalogLoader;
import gazette.catalog.FileStamp;
import gazette.catalog.Rename;
import gazette.memory.Memory;
import gazette.memory.Records;
import gazette.render.Output;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bytes and validators of every path a Site rendered ahead, kept on disk with everything they were
 * made from, so that a restart with nothing changed serves them before reading a single article: the
 * Gazette build and the settings that shape output ({@link #key}), the digest of {@code _feed.yaml}, the
 * stamp of every article file (size, modification and change time, inode, and when it was read), the
 * bytes of the theme and the static folder, when the next scheduled article comes due, and the state of
 * the publication memory (its article, slug, category and archive page records, and the validator of each
 * path). {@link #restore} checks all of it against the disk and the memory as they are now, and gives
 * nothing when any of it differs: then the start reads and renders as it always did.
 *
 * <p>The file is framed with a magic number, a format number and a CRC-32C over everything, and is
 * replaced in one rename; a missing, damaged or foreign file is only a normal start.
 */
public final class Snapshot {
  private static final Logger LOG = LoggerFactory.getLogger(Snapshot.class);
  private static final int MAGIC = 0x475a5353; // "GZSS"
  private static final int FORMAT = 1;
  /** The memory dates the page a browser gets for a path under this key, as {@link Site} does. */
  static final String BROWSER = " (browser)";

  /**
   * What the renditions were made from.
   *
   * @param key the build of Gazette and the settings that shape output ({@link #key})
   * @param publicationDigest SHA-256 of {@code _feed.yaml}'s bytes, in hex
   * @param themeDigest {@link #folderDigest} of the theme folder
   * @param nextDue when the next scheduled article comes due, or a remembered change expires; null: never
   * @param memory the shape of the memory when the Site was rendered
   * @param articles every article file's stamp, by its path under the articles folder
   * @param statics the paths of the static folder's files (their bytes hash to their renditions' ETags)
   * @param dated the paths (and browser keys) the memory dates: their validators must still say the same
   */
  public record Inputs(String key, String publicationDigest, String themeDigest, Instant nextDue, Memory.Shape memory,
      Map<String, CatalogLoader.Stamp> articles, Set<String> statics, Set<String> dated) {
    public Inputs {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(publicationDigest, "publicationDigest");
      Objects.requireNonNull(themeDigest, "themeDigest");
      Objects.requireNonNull(memory, "memory");
      // Not copied: 100,000 entries took a tenth of a second of a restart. Each caller hands over a map of its own.
      articles = Collections.unmodifiableMap(articles);
      statics = Set.copyOf(statics);
      dated = Set.copyOf(dated);
    }
  }

  private Snapshot() {}

  /**
   * The two {@link #key}s of a start: without the base URL used when none is given, for a Site that did not
   * use it, and with it, for a Site that did (its links name that host and port).
   */
  public record Keys(String withoutFallback, String withFallback, URI fallback) {
    /** The key of a Site whose links start with {@code base}, rendered with no base URL on the command line or with one. */
    public String of(URI base) {
      // By scheme, host and port, whatever normalising the path did: a base URL like the fallback counts as it.
      boolean fallbackUsed = fallback == null || (Objects.equals(base.getScheme(), fallback.getScheme())
          && Objects.equals(base.getHost(), fallback.getHost()) && base.getPort() == fallback.getPort());
      return fallbackUsed ? withFallback : withoutFallback;
    }
  }

  /**
   * What decides output besides the files and the memory: the Gazette build (a jar's size and time, as the
   * parse cache names it), the folders, the base URL given on the command line and the one used when
   * neither it nor {@code base_url} gives one (it names the port; null when the Site did not use it).
   */
  public static String key(String build, Path articles, URI baseUrl, URI fallbackBaseUrl, Path statics, Path theme,
      Path stateDir) {
    // The Java too: page dates come from its locale data and gzip bytes from its zlib.
    return "build " + build + "\njava " + System.getProperty("java.vm.vendor") + " " + Runtime.version() + " "
        + System.getProperty("java.home") + "\narticles " + articles.toAbsolutePath().normalize() + "\nbase " + baseUrl + "\nfallback "
        + fallbackBaseUrl + "\nstatic " + statics.toAbsolutePath().normalize() + "\ntheme "
        + (theme == null ? "-" : theme.toAbsolutePath().normalize()) + "\nstate " + stateDir.toAbsolutePath().normalize();
  }

  /**
   * A digest of every regular file under a folder (its path under the folder and its bytes), or
   * {@code "none"} when the folder does not exist.
   */
  public static String folderDigest(Path folder) throws IOException {
    if (folder == null || !Files.isDirectory(folder)) {
      return "none";
    }
    MessageDigest sha = sha256();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path file : files) {
      byte[] name = folder.relativize(file).toString().getBytes(StandardCharsets.UTF_8);
      byte[] bytes = Files.readAllBytes(file);
      sha.update(ByteBuffer.allocate(16).putLong(name.length).putLong(bytes.length).array());
      sha.update(name);
      sha.update(bytes);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /** Replaces the snapshot at {@code file} in one rename (a reader never sees half of one). */
  public static void write(Path file, Inputs inputs, Map<String, Rendition> renditions) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
    DataOutputStream out = new DataOutputStream(bytes);
    string(out, inputs.key());
    string(out, inputs.publicationDigest());
    string(out, inputs.themeDigest());
    out.writeLong(inputs.nextDue() == null ? Long.MIN_VALUE : inputs.nextDue().getEpochSecond());
    out.writeInt(inputs.nextDue() == null ? 0 : inputs.nextDue().getNano());
    out.writeLong(inputs.memory().revision());
    string(out, inputs.memory().facts());
    out.writeInt(inputs.articles().size());
    for (Map.Entry<String, CatalogLoader.Stamp> e : inputs.articles().entrySet()) {
      FileStamp stamp = e.getValue().stamp();
      string(out, e.getKey());
      out.writeLong(stamp.size());
      instant(out, stamp.modified());
      instant(out, stamp.changed());
      out.writeLong(stamp.inode());
      instant(out, e.getValue().seenAt());
    }
    strings(out, inputs.statics());
    strings(out, inputs.dated());
    out.writeInt(renditions.size());
    for (Map.Entry<String, Rendition> e : new java.util.TreeMap<>(renditions).entrySet()) {
      string(out, e.getKey());
      rendition(out, e.getValue());
    }
    out.flush();
    byte[] payload = bytes.toByteArray();
    CRC32C crc = new CRC32C();
    crc.update(payload);
    Files.createDirectories(file.getParent());
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      try (DataOutputStream disk = new DataOutputStream(Files.newOutputStream(temp))) {
        disk.writeInt(MAGIC);
        disk.writeInt(FORMAT);
        disk.writeInt(payload.length);
        disk.writeInt((int) crc.getValue());
        disk.write(payload);
      }
      Rename.over(temp, file);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** A snapshot as read back: what it was made from and its renditions. */
  record Kept(Inputs inputs, Map<String, Rendition> renditions) {}

  /** The snapshot at {@code file}; empty when there is none, or it is damaged or of another format. */
  static Optional<Kept> read(Path file) {
    byte[] all;
    try {
      all = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      LOG.info("cannot read the snapshot {} ({}); reading the articles", file, e.toString());
      return Optional.empty();
    }
    try {
      // A ByteBuffer, not a DataInputStream: that reads a byte at a time from a synchronized stream, and
      // 100,000 article stamps took 0.4 s of a restart.
      ByteBuffer head = ByteBuffer.wrap(all);
      if (all.length < 16 || head.getInt() != MAGIC || head.getInt() != FORMAT) {
        return Optional.empty();
      }
      int length = head.getInt();
      int crc = head.getInt();
      if (length != all.length - 16) {
        throw new EOFException(length + " bytes announced, " + (all.length - 16) + " there");
      }
      CRC32C check = new CRC32C();
      check.update(all, 16, length);
      if ((int) check.getValue() != crc) {
        throw new IOException("checksum does not match");
      }
      ByteBuffer in = ByteBuffer.wrap(all, 16, length);
      String key = string(in);
      String publication = string(in);
      String theme = string(in);
      long dueSecond = in.getLong();
      int dueNano = in.getInt();
      Instant due = dueSecond == Long.MIN_VALUE ? null : Instant.ofEpochSecond(dueSecond, dueNano);
      Memory.Shape shape = new Memory.Shape(in.getLong(), string(in));
      int files = count(in);
      Map<String, CatalogLoader.Stamp> articles = new HashMap<>(files * 2);
      for (int i = 0; i < files; i++) {
        String path = string(in);
        FileStamp stamp = new FileStamp(in.getLong(), instant(in), instant(in), in.getLong());
        articles.put(path, new CatalogLoader.Stamp(stamp, instant(in)));
      }
      Set<String> statics = strings(in);
      Set<String> dated = strings(in);
      int count = count(in);
      Map<String, Rendition> renditions = new HashMap<>(count * 2);
      for (int i = 0; i < count; i++) {
        renditions.put(string(in), rendition(in, true));
      }
      if (in.remaining() != 0) {
        throw new EOFException(in.remaining() + " bytes left over");
      }
      return Optional.of(new Kept(new Inputs(key, publication, theme, due, shape, articles, statics, dated), renditions));
    } catch (IOException | RuntimeException e) {
      LOG.warn("the snapshot {} is damaged ({}); reading the articles", file, e.toString());
      return Optional.empty();
    }
  }

  /**
   * The Site kept at {@code file}, if everything it was made from is as it was: the same key, no
   * scheduled article or remembered change come due, the same {@code _feed.yaml}, theme and static
   * files, exactly the same article files with the same stamps, and a memory whose records and
   * validators say what they said. Otherwise empty, with the reason logged.
   */
  public static Optional<Site> restore(Path file, Keys keys, Path articles, Path statics, Path theme, Path stateDir,
      Instant now) {
    long began = System.nanoTime();
    Optional<Kept> read = read(file);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    Inputs inputs = read.get().inputs();
    Map<String, Rendition> renditions = read.get().renditions();
    String differs = differs(inputs, renditions, keys, articles, statics, theme, stateDir, now);
    if (differs != null) {
      LOG.info("not serving the snapshot of the last run: {}; reading the articles", differs);
      return Optional.empty();
    }
    LOG.info("serving the snapshot of the last run ({} URLs; nothing changed, checked in {} ms) while the articles are read",
        renditions.size(), (System.nanoTime() - began) / 1_000_000);
    return Optional.of(Site.restored(renditions));
  }

  /** What differs from when the snapshot was written, or null when nothing does. */
  private static String differs(Inputs inputs, Map<String, Rendition> renditions, Keys keys, Path articles,
      Path statics, Path theme, Path stateDir, Instant now) {
    // The key written says whether the Site used the base URL made from host and port (see Keys#of).
    if (!inputs.key().equals(keys.withoutFallback()) && !inputs.key().equals(keys.withFallback())) {
      return "another Gazette build, or other settings";
    }
    if (inputs.nextDue() != null && !now.isBefore(inputs.nextDue())) {
      return "a scheduled article or a remembered change has come due";
    }
    // Opening the memory (its driver, its file) overlaps the stat of every article file.
    java.util.concurrent.CompletableFuture<Optional<Memory.Peek>> memory =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> Memory.peek(stateDir, inputs.dated()));
    try {
      if (!folderDigest(theme).equals(inputs.themeDigest())) {
        return "the theme changed";
      }
      StaticFolder.Scan scan = new StaticFolder(statics).scan();
      if (!scan.problems().isEmpty() || !scan.files().keySet().equals(inputs.statics())) {
        return "the static folder changed";
      }
      for (StaticFolder.File kept : scan.files().values()) {
        Rendition rendition = renditions.get(kept.path());
        if (rendition == null || !rendition.etag().equals(Site.etag(kept.bytes()))) {
          return "the static folder changed";
        }
      }
    } catch (IOException | RuntimeException e) {
      return "cannot read the theme or static folder (" + e + ")";
    }
    if (!CatalogLoader.unchanged(articles, inputs.publicationDigest(), inputs.articles())) {
      return "an article file or _feed.yaml changed, appeared or went away (or was saved too recently to tell)";
    }
    Optional<Memory.Peek> peek = memory.join();
    if (peek.isEmpty() || !peek.get().shape().equals(inputs.memory())) {
      return "the publication memory changed";
    }
    for (String dated : inputs.dated()) {
      Records.Validator validator = peek.get().validators().get(dated);
      Rendition rendition = at(renditions, dated);
      if (validator == null || rendition == null || !matches(validator, rendition)) {
        return "the publication memory dates " + dated + " differently";
      }
    }
    return null;
  }

  /** Whether the memory's validator for a path says what a rendition says: same ETag, same date. */
  public static boolean matches(Records.Validator validator, Rendition rendition) {
    return validator.etag().equals(rendition.etag())
        && validator.since().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).equals(rendition.lastModified());
  }

  /** The keys under which the memory dates a Site's renditions: each path, and each browser page's key. */
  public static List<String> keys(Map<String, Rendition> renditions) {
    List<String> keys = new ArrayList<>();
    renditions.forEach((path, rendition) -> {
      keys.add(path);
      if (rendition.browser() != null) {
        keys.add(path + BROWSER);
      }
    });
    return keys;
  }

  /** The rendition the memory dates under a key of {@link #keys}. */
  public static Rendition at(Map<String, Rendition> renditions, String key) {
    if (key.endsWith(BROWSER)) {
      Rendition feed = renditions.get(key.substring(0, key.length() - BROWSER.length()));
      return feed == null ? null : feed.browser();
    }
    return renditions.get(key);
  }

  /**
   * The paths where a Site rendered from the articles answers otherwise than the Site restored before it:
   * another status, type, byte (identity or gzip), ETag, date, caching, link or browser page, or a path
   * only one of them has ({@code /health} aside). Empty when the swap changed nothing a client can see.
   */
  public static List<String> differences(Site restored, Site rendered) {
    Map<String, Rendition> before = restored.eager();
    Map<String, Rendition> after = rendered.eager();
    Set<String> paths = new TreeSet<>(before.keySet());
    paths.addAll(after.keySet());
    List<String> differ = new ArrayList<>();
    for (String path : paths) {
      if (!same(before.get(path), after.get(path))) {
        differ.add(path);
      }
    }
    return differ;
  }

  private static boolean same(Rendition a, Rendition b) {
    if (a == null || b == null) {
      return a == b;
    }
    return a.status() == b.status() && Objects.equals(a.location(), b.location()) && a.mediaType().equals(b.mediaType())
        && java.util.Arrays.equals(a.identity(), b.identity()) && java.util.Arrays.equals(a.gzip(), b.gzip())
        && a.etag().equals(b.etag()) && a.lastModified().equals(b.lastModified()) && a.caching() == b.caching()
        && Objects.equals(a.self(), b.self()) && Objects.equals(a.hub(), b.hub()) && same(a.browser(), b.browser());
  }

  private static void rendition(DataOutputStream out, Rendition r) throws IOException {
    out.writeInt(r.status());
    string(out, r.location() == null ? null : r.location().toString());
    string(out, r.mediaType());
    bytes(out, r.identity());
    bytes(out, r.gzip());
    string(out, r.etag());
    out.writeLong(r.lastModified().getEpochSecond());
    out.writeByte(r.caching().ordinal());
    string(out, r.self() == null ? null : r.self().toString());
    string(out, r.hub() == null ? null : r.hub().toString());
    out.writeBoolean(r.browser() != null);
    if (r.browser() != null) {
      rendition(out, r.browser());
    }
  }

  /** A rendition and, for a feed's top-level one, the page a browser gets for it (which has none of its own). */
  private static Rendition rendition(ByteBuffer in, boolean topLevel) throws IOException {
    int status = in.getInt();
    String location = string(in);
    String mediaType = string(in);
    byte[] identity = bytes(in);
    byte[] gzip = bytes(in);
    String etag = string(in);
    Instant lastModified = Instant.ofEpochSecond(in.getLong());
    Output.Caching caching = Output.Caching.values()[in.get()];
    String self = string(in);
    String hub = string(in);
    boolean withBrowserPage = in.get() != 0;
    if (withBrowserPage && !topLevel) {
      // Never written: a file that nests them was not made by Gazette, and must not recurse without end.
      throw new IOException("a browser page within a browser page");
    }
    Rendition browser = withBrowserPage ? rendition(in, false) : null;
    return new Rendition(status, location == null ? null : URI.create(location), mediaType, identity, gzip, etag,
        lastModified, caching, self == null ? null : URI.create(self), hub == null ? null : URI.create(hub), browser);
  }

  private static void strings(DataOutputStream out, Set<String> values) throws IOException {
    out.writeInt(values.size());
    for (String value : new TreeSet<>(values)) {
      string(out, value);
    }
  }

  private static Set<String> strings(ByteBuffer in) throws IOException {
    int n = count(in);
    Set<String> values = new java.util.HashSet<>(n * 2);
    for (int i = 0; i < n; i++) {
      values.add(string(in));
    }
    return values;
  }

  private static void string(DataOutputStream out, String s) throws IOException {
    bytes(out, s == null ? null : s.getBytes(StandardCharsets.UTF_8));
  }

  private static String string(ByteBuffer in) throws IOException {
    byte[] b = bytes(in);
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  private static void bytes(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b == null ? -1 : b.length);
    if (b != null) {
      out.write(b);
    }
  }

  private static byte[] bytes(ByteBuffer in) throws IOException {
    int n = in.getInt();
    if (n == -1) {
      return null;
    }
    if (n < 0 || n > in.remaining()) {
      throw new EOFException("a length of " + n + " with " + in.remaining() + " bytes left");
    }
    byte[] b = new byte[n];
    in.get(b);
    return b;
  }

  /** A count of items that each take at least 4 bytes, checked against what is left. */
  private static int count(ByteBuffer in) throws IOException {
    int n = in.getInt();
    if (n < 0 || n > in.remaining() / 4) {
      throw new EOFException("a count of " + n + " with " + in.remaining() + " bytes left");
    }
    return n;
  }

  private static void instant(DataOutputStream out, Instant t) throws IOException {
    out.writeLong(t.getEpochSecond());
    out.writeInt(t.getNano());
  }

  private static Instant instant(ByteBuffer in) throws IOException {
    return Instant.ofEpochSecond(in.getLong(), in.getInt());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
