package gazette.memory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publication memory: what subscribers have been shown, so that it stays true across renames,
 * deletes, restarts and replicas (see {@link Records}). It is a SQLite file, {@value #FILE}, in the
 * state directory: every change is one transaction, so a crash never leaves half of one; every row
 * carries a CRC-32 of its values, and the file a format number. Several processes on one host may
 * share the file: each {@link #transact transaction} first reads what the others wrote since.
 *
 * <p>A missing memory starts empty; a damaged one (not a database, another format, a row whose CRC does
 * not match) is moved aside with a warning and started again, and the next reload rebuilds it from the
 * articles. It is never trusted when damaged.
 */
public final class Memory implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Memory.class);
  public static final String FILE = "memory.sqlite";
  static final int FORMAT = 1;
  private static final String FACT = "fact:";

  private final Path file; // null: in this process only
  private Connection db;
  private long revision;
  /** Set when the memory was started again: whatever a caller derived from it before is void. */
  private boolean startedAgain;
  /**
   * How many times what this process read of the memory was changed by someone else (another process's writes
   * found by a sync, or a rebuild): each user of the memory compares it with the count it last saw, since the
   * first transaction after a change may be another user's.
   */
  private long changes;
  private final Map<Table<?>, Map<String, Object>> mirror = new HashMap<>();

  private Memory(Path file) {
    this.file = file;
    for (Table<?> table : Table.ALL) {
      mirror.put(table, new HashMap<>());
    }
  }

  /** The memory kept in {@code dir} (created if missing); a damaged one is moved aside and started again. */
  public static Memory open(Path dir) throws IOException {
    Files.createDirectories(dir);
    Memory memory = new Memory(dir.resolve(FILE));
    memory.connect();
    return memory;
  }

  /** A memory kept only for the life of this process (no state directory). */
  public static Memory ephemeral() {
    Memory memory = new Memory(null);
    try {
      memory.connect();
    } catch (IOException e) {
      throw new IllegalStateException("an in-memory database cannot fail to open", e);
    }
    return memory;
  }

  /**
   * A private copy of the memory in {@code dir}, for commands that must see what a server would do
   * without changing what it remembers ({@code check}). Empty when there is none.
   */
  public static Memory copyOf(Path dir) {
    Memory memory = ephemeral();
    Path source = dir.resolve(FILE);
    if (Files.isRegularFile(source)) {
      try (Memory original = open(dir)) {
        memory.copyFrom(original);
      } catch (IOException | RuntimeException e) {
        LOG.warn("cannot read the memory at {} ({}); checking as if it were empty", source, e.getMessage());
      }
    }
    return memory;
  }

  /** Where the memory lives; null when it lives in this process only. */
  public Path file() {
    return file;
  }

  /**
   * Opens the file, waiting while another process holds it: some steps of opening (switching a new file to
   * WAL) answer "busy" at once instead of waiting for the busy timeout, so the whole open is tried again.
   */
  private void connect() throws IOException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try {
        connectOnce();
        return;
      } catch (Busy e) {
        if (System.nanoTime() > deadline) {
          throw new IOException("the memory at " + file + " stayed busy for 10 s: " + e.getCause().getMessage(),
              e.getCause());
        }
        try {
          Thread.sleep(20 + java.util.concurrent.ThreadLocalRandom.current().nextInt(80));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while the memory at " + file + " was busy", interrupted);
        }
      }
    }
  }

  /** Another process held the file while this one opened it. */
  private static final class Busy extends Exception {
    Busy(SQLException cause) {
      super(cause);
    }
  }

  private void connectOnce() throws IOException, Busy {
    SqliteLibrary.prepare();
    try {
      // The busy timeout from the first statement on: another replica may be creating or writing the file.
      org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
      config.setBusyTimeout(10_000);
      db = DriverManager.getConnection(file == null ? "jdbc:sqlite::memory:" : "jdbc:sqlite:" + file,
          config.toProperties());
      prepare();
      loadAll();
    } catch (SQLException | Damaged e) {
      if (file == null) {
        throw new IllegalStateException("a new in-memory database is never damaged", e);
      }
      if (e instanceof SQLException sql && (sql.getErrorCode() & 0xff) == 5 || e instanceof SQLException locked
          && (locked.getErrorCode() & 0xff) == 6) {
        // Busy or locked: another process holds it. That is no damage: never move a memory in use aside.
        closeQuietly();
        throw new Busy((SQLException) e);
      }
      startAgain(e);
    }
  }

  /** Moves a damaged memory aside, with a warning, and starts an empty one in its place. */
  private void startAgain(Exception why) throws IOException {
    closeQuietly();
    Path aside = file.resolveSibling(FILE + ".damaged-" + Instant.now().getEpochSecond());
    LOG.warn("the memory at {} is damaged ({}); moved it to {} and rebuilding it from the articles: ids of "
        + "articles renamed since their first publication may change (gazette pin writes them into the files)",
        file, why.getMessage(), aside.getFileName());
    if (Files.exists(file)) {
      Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
    }
    for (String suffix : List.of("-wal", "-shm", "-journal")) {
      Files.deleteIfExists(file.resolveSibling(FILE + suffix));
    }
    mirror.values().forEach(Map::clear);
    startedAgain = true;
    changes++;
    try {
      db = DriverManager.getConnection("jdbc:sqlite:" + file);
      prepare();
      loadAll();
    } catch (SQLException | Damaged again) {
      throw new IOException("cannot create a new memory at " + file + ": " + again.getMessage(), again);
    }
  }

  private void prepare() throws SQLException, Damaged {
    try (Statement s = db.createStatement()) {
      s.execute("PRAGMA busy_timeout = 10000");
      if (file != null) {
        s.execute("PRAGMA journal_mode = WAL");
        s.execute("PRAGMA synchronous = NORMAL");
      }
      try (ResultSet check = s.executeQuery("PRAGMA quick_check")) {
        String result = check.next() ? check.getString(1) : "no answer";
        if (!"ok".equals(result)) {
          throw new Damaged("integrity check: " + result);
        }
      }
      int format;
      try (ResultSet version = s.executeQuery("PRAGMA user_version")) {
        format = version.next() ? version.getInt(1) : 0;
      }
      if (format == 0) {
        // Replicas started together on a new state directory all find no memory: one creates it, under the
        // write lock, and the others, once they have the lock, find it made. (Without the lock the second
        // took the first's half-made file for a damaged one and moved it aside: two memories, two dates.)
        s.execute("BEGIN IMMEDIATE");
        boolean done = false;
        try {
          try (ResultSet version = s.executeQuery("PRAGMA user_version")) {
            format = version.next() ? version.getInt(1) : 0;
          }
          if (format == 0) {
            try (ResultSet tables = s.executeQuery("SELECT count(*) FROM sqlite_master")) {
              if (tables.next() && tables.getInt(1) != 0) {
                throw new Damaged("tables without a format number");
              }
            }
            for (Table<?> table : Table.ALL) {
              s.execute(table.createStatement());
            }
            s.execute("CREATE TABLE documents (path TEXT PRIMARY KEY, etag TEXT NOT NULL, gzip BLOB NOT NULL, "
                + "first_served TEXT NOT NULL, crc INTEGER NOT NULL)");
            s.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL, crc INTEGER NOT NULL)");
            s.execute("INSERT INTO meta VALUES ('revision', '0', " + crc("meta", "revision", "0") + ")");
            s.execute("PRAGMA user_version = " + FORMAT);
            format = FORMAT;
          }
          s.execute("COMMIT");
          done = true;
        } finally {
          if (!done) {
            try {
              s.execute("ROLLBACK");
            } catch (SQLException ignored) {
              // the first failure is the one reported
            }
          }
        }
      }
      if (format != FORMAT) {
        throw new Damaged("format " + format + ", this Gazette reads format " + FORMAT);
      }
    }
  }

  private void loadAll() throws SQLException, Damaged {
    revision = -1;
    sync();
  }

  /** Reads what was written (by any process) since this one last looked, checking every row; true if there was any. */
  private boolean sync() throws SQLException, Damaged {
    long current = Long.parseLong(meta("revision").orElseThrow(() -> new Damaged("no revision")));
    if (current == revision) {
      return false;
    }
    for (Table<?> table : Table.ALL) {
      try (PreparedStatement select = db.prepareStatement("SELECT * FROM " + table.name + " WHERE rev > ?")) {
        select.setLong(1, revision);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            String[] values = new String[table.columns.size()];
            for (int i = 0; i < values.length; i++) {
              values[i] = rows.getString(i + 1);
            }
            if (rows.getLong(values.length + 2) != crc(table.name, values)) {
              throw new Damaged("a row of " + table.name + " does not match its checksum");
            }
            Object record;
            try {
              record = table.decode(values);
            } catch (RuntimeException e) {
              throw new Damaged("a row of " + table.name + " cannot be read: " + e.getMessage());
            }
            mirror.get(table).put(values[0], record);
          }
        }
      }
    }
    revision = current;
    return true;
  }

  private Optional<String> meta(String key) throws SQLException, Damaged {
    try (PreparedStatement select = db.prepareStatement("SELECT value, crc FROM meta WHERE key = ?")) {
      select.setString(1, key);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        String value = row.getString(1);
        if (row.getLong(2) != crc("meta", key, value)) {
          throw new Damaged("meta " + key + " does not match its checksum");
        }
        return Optional.of(value);
      }
    }
  }

  private void meta(String key, String value) throws SQLException {
    try (PreparedStatement upsert = db.prepareStatement(
        "INSERT INTO meta VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, crc = excluded.crc")) {
      upsert.setString(1, key);
      upsert.setString(2, value);
      upsert.setLong(3, crc("meta", key, value));
      upsert.executeUpdate();
    }
  }

  /**
   * Runs {@code work} on the memory as it is now (what other processes wrote included) and stores what
   * it changed, all in one transaction that other processes wait for. If {@code work} throws, nothing
   * it changed is kept. A memory found damaged meanwhile is moved aside and started again, and the work
   * runs on the empty one.
   */
  public synchronized <T> T transact(Function<Tx, T> work) {
    try {
      return attempt(work);
    } catch (Damaged e) {
      recover(e);
      try {
        return attempt(work);
      } catch (Damaged | SQLException again) {
        throw new IllegalStateException("the memory at " + file + " failed again after a rebuild", again);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("the memory at " + file + " cannot be used: " + e.getMessage(), e);
    }
  }

  private <T> T attempt(Function<Tx, T> work) throws SQLException, Damaged {
    db.setAutoCommit(false);
    boolean done = false;
    try {
      try (Statement s = db.createStatement()) {
        s.execute("BEGIN IMMEDIATE"); // the write lock now, so no other process decides in between
      } catch (SQLException e) {
        if (!e.getMessage().contains("within a transaction")) {
          throw e;
        }
      }
      boolean synced = sync();
      if (synced) {
        changes++;
      }
      Tx tx = new Tx(synced | startedAgain, changes);
      T result = work.apply(tx);
      if (!tx.pending.values().stream().allMatch(Map::isEmpty) || !tx.metaPending.isEmpty()) {
        long next = revision + 1;
        for (Map.Entry<Table<?>, Map<String, Object>> entry : tx.pending.entrySet()) {
          write(entry.getKey(), entry.getValue().values(), next);
        }
        for (Map.Entry<String, String> entry : tx.metaPending.entrySet()) {
          meta(entry.getKey(), entry.getValue());
        }
        meta("revision", Long.toString(next));
        db.commit();
        revision = next;
        startedAgain = false;
        tx.pending.forEach((table, rows) -> mirror.get(table).putAll(rows));
      } else {
        db.commit();
        startedAgain = false;
      }
      done = true;
      return result;
    } finally {
      if (!done) {
        try {
          db.rollback();
        } catch (SQLException e) {
          LOG.debug("rollback", e);
        }
      }
      db.setAutoCommit(true);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void write(Table table, java.util.Collection<Object> rows, long rev) throws SQLException {
    try (PreparedStatement upsert = db.prepareStatement(table.upsertStatement())) {
      for (Object row : rows) {
        String[] values = table.encode(row);
        for (int i = 0; i < values.length; i++) {
          upsert.setString(i + 1, values[i]);
        }
        upsert.setLong(values.length + 1, rev);
        upsert.setLong(values.length + 2, crc(table.name, values));
        upsert.addBatch();
      }
      upsert.executeBatch();
    }
  }

  private void recover(Damaged e) {
    if (file == null) {
      throw new IllegalStateException("an in-memory database found damaged", e);
    }
    try {
      startAgain(e);
    } catch (IOException io) {
      throw new IllegalStateException(io.getMessage(), io);
    }
  }

  /** What a transaction sees and changes: every record, with its own changes applied. */
  public final class Tx {
    private final Map<Table<?>, Map<String, Object>> pending = new LinkedHashMap<>();
    private final Map<String, String> metaPending = new LinkedHashMap<>();
    private final boolean othersWrote;
    private final long changes;

    private Tx(boolean othersWrote, long changes) {
      this.othersWrote = othersWrote;
      this.changes = changes;
      for (Table<?> table : Table.ALL) {
        pending.put(table, new LinkedHashMap<>());
      }
    }

    /**
     * Whether another process (or a rebuild) changed the memory since this process last wrote to it:
     * anything this process derived from the memory before may be out of date.
     */
    public boolean othersWrote() {
      return othersWrote;
    }

    /**
     * How many times someone else changed the memory under this process so far: a user that derived something
     * from it compares this with the count it last saw (a change found by another user's transaction included).
     */
    public long changes() {
      return changes;
    }

    @SuppressWarnings("unchecked")
    private <R> R get(Table<R> table, String key) {
      Object changed = pending.get(table).get(key);
      return (R) (changed != null ? changed : mirror.get(table).get(key));
    }

    @SuppressWarnings("unchecked")
    private <R> List<R> all(Table<R> table) {
      Map<String, Object> changed = pending.get(table);
      Map<String, Object> stored = mirror.get(table);
      if (changed.isEmpty()) {
        return (List<R>) new ArrayList<>(stored.values()); // no copy of a large table's index when nothing is pending
      }
      List<Object> merged = new ArrayList<>(stored.size() + changed.size());
      for (Map.Entry<String, Object> entry : stored.entrySet()) {
        if (!changed.containsKey(entry.getKey())) {
          merged.add(entry.getValue());
        }
      }
      merged.addAll(changed.values());
      return (List<R>) merged;
    }

    private <R> void put(Table<R> table, R record) {
      pending.get(table).put(table.key(record), record);
    }

    public Records.Article article(String id) {
      return get(Table.ARTICLES, id);
    }

    public List<Records.Article> articles() {
      return all(Table.ARTICLES);
    }

    public void put(Records.Article article) {
      put(Table.ARTICLES, article);
    }

    public Records.Slug slug(String slug) {
      return get(Table.SLUGS, slug);
    }

    public List<Records.Slug> slugs() {
      return all(Table.SLUGS);
    }

    public void put(Records.Slug slug) {
      put(Table.SLUGS, slug);
    }

    public Records.Category category(String name) {
      return get(Table.CATEGORIES, name);
    }

    public List<Records.Category> categories() {
      return all(Table.CATEGORIES);
    }

    public void put(Records.Category category) {
      put(Table.CATEGORIES, category);
    }

    public List<Records.Page> pages() {
      List<Records.Page> pages = all(Table.PAGES);
      pages.sort((a, b) -> Integer.compare(a.number(), b.number()));
      return pages;
    }

    public void put(Records.Page page) {
      put(Table.PAGES, page);
    }

    public Records.Validator validator(String path) {
      return get(Table.VALIDATORS, path);
    }

    public void put(Records.Validator validator) {
      put(Table.VALIDATORS, validator);
    }

    public Records.Hub hub(String feed) {
      return get(Table.HUBS, feed);
    }

    public void put(Records.Hub hub) {
      put(Table.HUBS, hub);
    }

    /** A fact about the publication as a whole (when the memory began, a feed's id). */
    public Optional<String> fact(String key) {
      String changed = metaPending.get(FACT + key);
      if (changed != null) {
        return Optional.of(changed);
      }
      try {
        return meta(FACT + key);
      } catch (SQLException | Damaged e) {
        throw new IllegalStateException("reading a fact of the memory: " + e.getMessage(), e);
      }
    }

    public void fact(String key, String value) {
      metaPending.put(FACT + key, value);
    }
  }

  /** The revision this process last read or wrote: every record it knows was written at it or before. */
  public synchronized long revision() {
    return revision;
  }

  /**
   * What of the memory decides a Site's bytes besides the validators of its paths: the latest revision at
   * which an article, slug, category or archive page record was written (records are never deleted, so
   * any change to them raises it), and the facts (the first day, the id authority). Hub records and
   * validators are left out: hubs decide no byte, and validators are compared path by path.
   */
  public record Shape(long revision, String facts) {}

  /** The shape of the memory as it is in its file now (other processes' writes included). */
  public synchronized Shape shape() {
    try {
      return shape(db);
    } catch (SQLException e) {
      throw new IllegalStateException("reading the memory at " + file + ": " + e.getMessage(), e);
    }
  }

  private static Shape shape(Connection db) throws SQLException {
    long latest = -1;
    try (Statement s = db.createStatement()) {
      for (Table<?> table : List.of(Table.ARTICLES, Table.SLUGS, Table.CATEGORIES, Table.PAGES)) {
        try (ResultSet row = s.executeQuery("SELECT max(rev) FROM " + table.name)) {
          if (row.next()) {
            latest = Math.max(latest, row.getLong(1));
          }
        }
      }
      StringBuilder facts = new StringBuilder();
      try (ResultSet rows = s.executeQuery("SELECT key, value FROM meta WHERE key LIKE '" + FACT + "%' ORDER BY key")) {
        while (rows.next()) {
          facts.append(rows.getString(1)).append('=').append(rows.getString(2)).append('\n');
        }
      }
      return new Shape(latest, facts.toString());
    }
  }

  /** The validators of {@code paths} as they are in the file now (other processes' writes included). */
  public synchronized Map<String, Records.Validator> validators(java.util.Collection<String> paths) {
    try {
      return validators(db, paths);
    } catch (SQLException e) {
      throw new IllegalStateException("reading the memory at " + file + ": " + e.getMessage(), e);
    }
  }

  /** Each path's validator, when it has one whose row matches its checksum. */
  private static Map<String, Records.Validator> validators(Connection db, java.util.Collection<String> paths)
      throws SQLException {
    Map<String, Records.Validator> validators = new HashMap<>();
    try (PreparedStatement select = db.prepareStatement("SELECT etag, since, crc FROM validators WHERE path = ?")) {
      for (String path : paths) {
        select.setString(1, path);
        try (ResultSet row = select.executeQuery()) {
          if (row.next() && row.getLong(3) == crc(Table.VALIDATORS.name, path, row.getString(1), row.getString(2))) {
            validators.put(path, new Records.Validator(path, row.getString(1), Instant.parse(row.getString(2))));
          }
        }
      }
    }
    return validators;
  }

  /** What {@link #peek} saw: the memory's shape and the validator of each path asked about that has one. */
  public record Peek(Shape shape, Map<String, Records.Validator> validators) {}

  /**
   * A look at the memory in {@code dir} without loading it or writing to it: its shape and the validators
   * of {@code paths}. Empty when there is no memory there or it cannot be read.
   */
  public static Optional<Peek> peek(Path dir, java.util.Collection<String> paths) {
    Path source = dir.resolve(FILE);
    if (!Files.isRegularFile(source)) {
      return Optional.empty();
    }
    SqliteLibrary.prepare();
    org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
    config.setBusyTimeout(10_000);
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + source, config.toProperties())) {
      return Optional.of(new Peek(shape(db), validators(db, paths)));
    } catch (SQLException | RuntimeException e) {
      LOG.debug("cannot look at the memory at {}: {}", source, e.toString());
      return Optional.empty();
    }
  }

  /** A document kept because it was served {@code immutable}: its bytes must outlive the content that made them. */
  public record Document(String etag, byte[] gzip, Instant firstServed) {}

  /** Keeps the bytes of an immutable document the first time it is served; later calls for the same path change nothing. */
  public synchronized void keep(String path, Document document) {
    String[] values = {path, document.etag(), document.firstServed().toString(), sha256(document.gzip())};
    try (PreparedStatement insert = db.prepareStatement("INSERT OR IGNORE INTO documents VALUES (?, ?, ?, ?, ?)")) {
      insert.setString(1, path);
      insert.setString(2, document.etag());
      insert.setBytes(3, document.gzip());
      insert.setString(4, document.firstServed().toString());
      insert.setLong(5, crc("documents", values));
      insert.executeUpdate();
    } catch (SQLException e) {
      LOG.warn("cannot keep {} in the memory at {}: {}", path, file, e.getMessage());
    }
  }

  /** The paths of every kept document. */
  public synchronized List<String> keptPaths() {
    List<String> paths = new ArrayList<>();
    try (Statement s = db.createStatement(); ResultSet rows = s.executeQuery("SELECT path FROM documents ORDER BY path")) {
      while (rows.next()) {
        paths.add(rows.getString(1));
      }
    } catch (SQLException e) {
      LOG.warn("cannot list the kept documents in the memory at {}: {}", file, e.getMessage());
    }
    return paths;
  }

  /** The kept document at {@code path}, if it is there and intact. */
  public synchronized Optional<Document> kept(String path) {
    try (PreparedStatement select = db.prepareStatement("SELECT etag, gzip, first_served, crc FROM documents WHERE path = ?")) {
      select.setString(1, path);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        Document document = new Document(row.getString(1), row.getBytes(2), Instant.parse(row.getString(3)));
        String[] values = {path, document.etag(), document.firstServed().toString(), sha256(document.gzip())};
        if (row.getLong(4) != crc("documents", values)) {
          LOG.warn("the kept copy of {} in the memory at {} does not match its checksum; not serving it", path, file);
          return Optional.empty();
        }
        return Optional.of(document);
      }
    } catch (SQLException | RuntimeException e) {
      LOG.warn("cannot read the kept copy of {} from the memory at {}: {}", path, file, e.getMessage());
      return Optional.empty();
    }
  }

  private void copyFrom(Memory original) {
    try (Statement s = db.createStatement()) {
      s.executeUpdate("restore from '" + original.file.toString().replace("'", "''") + "'");
      loadAll();
    } catch (SQLException | Damaged e) {
      throw new IllegalStateException("copying the memory: " + e.getMessage(), e);
    }
  }

  static long crc(String table, String... values) {
    CRC32 crc = new CRC32();
    crc.update(table.getBytes(StandardCharsets.UTF_8));
    for (String value : values) {
      crc.update(1);
      if (value == null) {
        crc.update(0);
      } else {
        crc.update(value.getBytes(StandardCharsets.UTF_8));
      }
    }
    return crc.getValue();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private void closeQuietly() {
    try {
      if (db != null) {
        db.close();
      }
    } catch (SQLException e) {
      LOG.debug("closing the memory", e);
    }
  }

  @Override
  public synchronized void close() {
    closeQuietly();
  }

  /** What makes the memory untrustworthy. */
  static final class Damaged extends Exception {
    Damaged(String reason) {
      super(reason, null, false, false);
    }
  }

  /** How one kind of record is stored: its table, columns (the key first) and how values map to a record. */
  private static final class Table<R> {
    static final Table<Records.Article> ARTICLES = new Table<>("articles",
        List.of("id", "path", "digest", "version", "slug", "title", "published", "first_published", "since", "deleted"),
        a -> new String[] {a.id(), a.path(), a.digest(), a.version(), a.slug(), a.title(), s(a.published()),
            s(a.firstPublished()), s(a.since()), s(a.deleted())},
        v -> new Records.Article(v[0], v[1], v[2], v[3], v[4], v[5], t(v[6]), t(v[7]), t(v[8]), t(v[9])));
    static final Table<Records.Slug> SLUGS = new Table<>("slugs", List.of("slug", "id", "since"),
        s -> new String[] {s.slug(), s.id(), s(s.since())},
        v -> new Records.Slug(v[0], v[1], t(v[2])));
    static final Table<Records.Category> CATEGORIES = new Table<>("categories", List.of("name", "slug", "since", "gone"),
        c -> new String[] {c.name(), c.slug(), s(c.since()), s(c.gone())},
        v -> new Records.Category(v[0], v[1], t(v[2]), t(v[3])));
    static final Table<Records.Page> PAGES = new Table<>("pages", List.of("number", "members", "frozen"),
        p -> new String[] {Integer.toString(p.number()), String.join("\n", p.members()), s(p.frozen())},
        v -> new Records.Page(Integer.parseInt(v[0]), v[1].isEmpty() ? List.of() : Arrays.asList(v[1].split("\n")),
            t(v[2])));
    static final Table<Records.Validator> VALIDATORS = new Table<>("validators", List.of("path", "etag", "since"),
        r -> new String[] {r.path(), r.etag(), s(r.since())},
        v -> new Records.Validator(v[0], v[1], t(v[2])));
    static final Table<Records.Hub> HUBS = new Table<>("hubs", List.of("feed", "etag", "told"),
        h -> new String[] {h.feed(), h.etag(), s(h.told())},
        v -> new Records.Hub(v[0], v[1], t(v[2])));
    static final List<Table<?>> ALL = List.of(ARTICLES, SLUGS, CATEGORIES, PAGES, VALIDATORS, HUBS);

    final String name;
    final List<String> columns;
    private final Function<R, String[]> encode;
    private final Function<String[], R> decode;

    private Table(String name, List<String> columns, Function<R, String[]> encode, Function<String[], R> decode) {
      this.name = name;
      this.columns = columns;
      this.encode = encode;
      this.decode = decode;
    }

    String[] encode(R record) {
      return encode.apply(record);
    }

    R decode(String[] values) {
      return decode.apply(values);
    }

    String key(R record) {
      return encode(record)[0];
    }

    String createStatement() {
      StringBuilder sql = new StringBuilder("CREATE TABLE ").append(name).append(" (");
      for (int i = 0; i < columns.size(); i++) {
        sql.append(columns.get(i)).append(i == 0 ? " TEXT PRIMARY KEY, " : " TEXT, ");
      }
      return sql.append("rev INTEGER NOT NULL, crc INTEGER NOT NULL)").toString();
    }

    String upsertStatement() {
      StringBuilder sql = new StringBuilder("INSERT OR REPLACE INTO ").append(name).append(" VALUES (");
      sql.append("?, ".repeat(columns.size() + 1)).append("?)");
      return sql.toString();
    }

    private static String s(Instant t) {
      return t == null ? null : t.toString();
    }

    private static Instant t(String s) {
      return s == null ? null : Instant.parse(s);
    }
  }

  @Override
  public String toString() {
    return "memory " + Objects.requireNonNullElse((Object) file, "in this process");
  }
}
