package gazette.catalog;

import gazette.article.Article;
import gazette.article.Position;
import gazette.article.Problem;
import gazette.article.Publication;
import gazette.article.Slugs;
import gazette.memory.Memory;
import gazette.memory.Records;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Keeps what subscribers have seen true, by consulting and updating the publication memory on every
 * load: each published article keeps the id it was first published with (through renames, moves,
 * slug and date changes, host moves), each category name the slug it was first given; full archive
 * pages keep their members; deletions and revisions of archived articles are remembered for
 * {@link #RETENTION}.
 */
final class Permanence {
  /** How long deleted entries stay in the feeds as tombstones, and revised archived entries in the subscription feed. */
  static final Duration RETENTION = Duration.ofDays(30);

  private final Memory memory;
  /**
   * What was decided last time for the article of each file (by its path under the folder): the Article object it
   * was, what was decided for it (its id, version, and the rest) and the Article object handed out for it, so an
   * unchanged article stays the same object. Changed in place: a reload then costs the files that changed.
   */
  private final Map<String, Held> held = new HashMap<>();
  /** The ids published last time. */
  private Set<String> liveIds = Set.of();
  /** Deleted ids still listed as tombstones, and when they were deleted. */
  private Map<String, Instant> tombstoned = new HashMap<>();
  /** Every slug an article page has had, and the id of the article that had it last. */
  private Map<String, String> slugOwners = new HashMap<>();
  /** When each article no longer published was deleted. */
  private Map<String, Instant> deletedAt = new HashMap<>();
  /** The last copies of both handed to a catalog, and whether they are out of date. */
  private Map<String, String> slugOwnersView = Map.of();
  private Map<String, Instant> deletedAtView = Map.of();
  private boolean urlsChanged = true;
  /** Whether the next pass is the first of this process (or after the memory changed elsewhere): it reads every record. */
  private boolean firstPass = true;
  /** The memory's count of changes by others as of the last pass ({@link Memory.Tx#changes}). */
  private long changesSeen;
  /**
   * The frozen pages seen last time (the memory's own objects) and the ids they hold, reused while they are the
   * same; null when nothing is known (at first, and after the memory changed elsewhere or was started again).
   */
  private List<Records.Page> frozenSeen;
  /** The ids on the frozen pages seen last time, each with the number of its page. */
  private Map<String, Integer> frozenPageOf = Map.of();
  /** The token each archive page got last time, with what it was made from, reused while that is the same. */
  private Map<Integer, Tokened> tokens = new HashMap<>();
  /** Each frozen archive page as built last time, with what it was built from, reused while none of that changed. */
  private Map<Integer, Built> built = new HashMap<>();
  /** The last pass, for the next to patch; null when it cannot (at first, after {@link #forget()}, and after a pass where two files claimed one id). */
  private Pass last;
  /** The slug of each category name as the last pass gave it, and the warnings it gave about them. */
  private Map<String, String> categorySlugs = Map.of();
  private List<Problem> categoryProblems = List.of();
  /** How many passes patched the one before. */
  private int patches;

  /** What was decided for one published article: its id, since when its version is served, and the id its file alone would give. */
  private record Known(String id, Instant since, String derived) {}

  /**
   * What was decided last time for a file's article: the object it was, what was decided (null once forgotten),
   * and the object handed out.
   */
  private record Held(Article article, Known known, Article assigned) {}

  /**
   * A frozen archive page as built: the memory's page object, the token and date of the page before it, the
   * publication's shape and its date, whether a page follows, the page itself, and its members whose version is
   * newer than the page (revised, while that version is recent).
   */
  private record Built(Records.Page page, String older, Instant olderSince, String shape, Instant shapeSince,
      boolean newer, Catalog.Archive archive, List<Revision> revisions) {}

  /** An archived article and since when its version is served. */
  private record Revision(Article article, Instant since) {}

  /** An archive page's token and its inputs: the articles (the very objects) and their dates, in order. */
  private record Tokened(boolean newer, String older, String shape, Article[] entries, Instant[] since, String token) {}

  Permanence(Memory memory) {
    this.memory = memory;
  }

  /**
   * One article a file gives: the article as parsed, the file (and its path relative to the folder),
   * the digest of its bytes, whether readers may see it now, and where its categories are written.
   */
  record Candidate(Article article, Path file, String path, String digest, boolean published, Position categoriesAt) {}

  /** The published articles under the ids subscribers know, the problems found, and everything else remembered. */
  record Outcome(List<Article> published, List<Problem> problems, Continuity continuity) {}

  /**
   * One pass: decides the id of every published candidate, records what changed, and says what to publish. Each
   * candidate is one file, so no two have the same path (what is held from the last pass is kept by path, and the
   * counts that let a pass skip work rely on that).
   */
  Outcome apply(Publication publication, List<Candidate> candidates, Instant now) {
    try {
      return memory.transact(tx -> decide(tx, publication, candidates, now.truncatedTo(ChronoUnit.SECONDS)));
    } catch (RuntimeException | Error e) {
      // What was decided may not have been written: the next pass reads every record again.
      forget();
      throw e;
    }
  }

  /** How many passes of this one patched the pass before instead of deciding every id again. */
  int patches() {
    return patches;
  }

  /**
   * Forgets what was decided before, so the next pass reads every record as the first one of a process does. The
   * objects handed out are kept: one decided again with the same id is handed out as the same object.
   */
  void forget() {
    firstPass = true;
    held.replaceAll((path, h) -> h.known() == null ? h : new Held(h.article(), null, h.assigned()));
    tokens = new HashMap<>();
    built = new HashMap<>();
    frozenSeen = null;
    last = null;
  }

  private Outcome decide(Memory.Tx tx, Publication publication, List<Candidate> candidates, Instant now) {
    if (tx.othersWrote() || tx.changes() != changesSeen) {
      forget(); // another process (or a rebuild) changed the memory: what was derived from it may be out of date
      changesSeen = tx.changes();
    }
    LocalDate born = LocalDate.parse(tx.fact("born").orElseGet(() -> {
      String today = LocalDate.ofInstant(now, ZoneOffset.UTC).toString();
      tx.fact("born", today);
      return today;
    }));
    String authority = publication.idAuthority() != null ? publication.idAuthority()
        : tx.fact("authority").orElseGet(() -> {
          tx.fact("authority", publication.authority());
          return publication.authority();
        });
    List<Problem> problems = new ArrayList<>();
    List<Candidate> published = candidates.stream().filter(Candidate::published).toList();
    // The ids whose article object, version or file changed in this pass, or that went: the archive pages that hold
    // none of them are as they were.
    Set<String> touched = new HashSet<>();
    Pass pass = patched(tx, publication, authority, published, touched, now);
    if (pass == null) {
      pass = full(tx, publication, authority, candidates, published, touched, problems, now);
    }
    last = pass.patchable() ? pass : null;
    for (Problem warning : pass.warnings()) {
      if (warning != null) {
        problems.add(warning);
      }
    }
    List<Article> live = Collections.unmodifiableList(Arrays.asList(pass.live()));
    Map<String, Article> byId = pass.byId();
    Map<String, Instant> since = pass.since();

    List<Catalog.Tombstone> tombstones = new ArrayList<>();
    Instant cutoff = now.minus(RETENTION);
    Instant nextExpiry = null;
    for (Iterator<Map.Entry<String, Instant>> it = tombstoned.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Instant> entry = it.next();
      if (!entry.getValue().isAfter(cutoff)) {
        it.remove();
        continue;
      }
      tombstones.add(new Catalog.Tombstone(entry.getKey(), entry.getValue()));
      nextExpiry = earlier(nextExpiry, entry.getValue().plus(RETENTION));
    }

    if (!pass.sameCategories()) {
      List<Problem> found = new ArrayList<>();
      categorySlugs = categories(tx, live, published, now, found);
      categoryProblems = List.copyOf(found);
    }
    problems.addAll(categoryProblems);
    Map<String, Instant> goneCategories = new HashMap<>();
    Set<String> liveSlugs = new HashSet<>(categorySlugs.values());
    for (Records.Category category : tx.categories()) {
      Records.Category current = tx.category(category.name());
      if (current.gone() != null && !liveSlugs.contains(current.slug())) {
        goneCategories.put(current.slug(), current.gone());
      }
    }

    // Old article URLs lead to the article that had them: where it is now, or gone with it.
    if (urlsChanged) {
      slugOwnersView = Map.copyOf(slugOwners);
      deletedAtView = Map.copyOf(deletedAt);
      urlsChanged = false;
    }

    String shape = digest(publication.toString());
    Instant shapeSince = remembered(tx, "#shape", shape, now);
    StringBuilder frame = new StringBuilder(publication.toString());
    if (!publication.extra().isEmpty()) {
      frame.append('\n').append(publication.extra()); // templates may show it on every page
    }
    new TreeMap<>(categorySlugs).forEach((name, slug) -> frame.append('\n').append(slug).append(' ').append(name));
    Instant frameSince = remembered(tx, "#frame", digest(frame.toString()), now);

    Archives archives = archives(tx, publication, live, byId, since, shape, shapeSince, touched, now);

    tombstones.sort(Comparator.comparing(Catalog.Tombstone::when).reversed().thenComparing(Catalog.Tombstone::id));
    for (Article revisedArticle : archives.revised()) {
      nextExpiry = earlier(nextExpiry, since.get(revisedArticle.id()).plus(RETENTION));
    }
    Continuity continuity = new Continuity(since, categorySlugs, archives.pages(), tombstones, archives.revised(),
        slugOwnersView, deletedAtView, goneCategories, shapeSince, frameSince, born, authority, nextExpiry);
    return new Outcome(live, problems, continuity);
  }

  /**
   * What one pass decided for the published files, in the order given: each file's id, the article handed out for
   * it and the warning about its id (null if none), every article newest first, the articles by id, since when each
   * version is served; whether the files name the same categories at the same places as the pass before (only a
   * patched pass knows), and whether the next pass may patch this one (no two files claimed one id).
   */
  private record Pass(Publication publication, String authority, List<Candidate> published, String[] ids,
      Article[] assigned, Problem[] warnings, Article[] live, Map<String, Article> byId, Map<String, Instant> since,
      boolean sameCategories, boolean patchable) {}

  /** Decides every published file's id from what is held and the records: after a start, and when many files changed. */
  private Pass full(Memory.Tx tx, Publication publication, String authority, List<Candidate> candidates,
      List<Candidate> published, Set<String> touched, List<Problem> problems, Instant now) {
    // What was decided last time for the very same Article objects still holds, unless another process
    // changed the memory meanwhile (then forgotten above).
    List<Assigned> ids = new ArrayList<>(published.size());
    // Every id claimed, and once decided the article published under it. Sized for every article at once: at
    // 100,000 articles, growing a map a step at a time costs a reload more.
    Map<String, Article> byId = new HashMap<>(capacity(published.size()));
    List<Integer> unresolved = new ArrayList<>();
    for (int i = 0; i < published.size(); i++) {
      Candidate c = published.get(i);
      Held h = held.get(c.path());
      if (c.article().idWritten()) {
        claim(i, c, c.article().id(), h, ids, byId, problems);
      } else if (h != null && h.known() != null && h.article() == c.article() && !byId.containsKey(h.known().id())) {
        claim(i, c, h.known().id(), h, ids, byId, problems);
      } else {
        unresolved.add(i);
      }
    }
    // A changed file whose path had an id last time keeps it, as the records would say: the record of that id is
    // live at that path (each path has one live record after a pass of this process). Only the others need them all.
    List<Integer> unknown = new ArrayList<>();
    for (int i : unresolved) {
      Candidate c = published.get(i);
      Held h = held.get(c.path());
      Records.Article at = h == null || h.known() == null ? null : tx.article(h.known().id());
      if (at != null && at.live() && at.path().equals(c.path()) && !byId.containsKey(at.id())) {
        claim(i, c, at.id(), h, ids, byId, problems);
      } else {
        unknown.add(i);
      }
    }
    List<Records.Article> records = null;
    if (!unknown.isEmpty() || firstPass) {
      records = tx.articles();
    }
    if (!unknown.isEmpty()) {
      Map<String, Records.Article> byPath = new HashMap<>();
      for (Records.Article record : records) {
        byPath.merge(record.path(), record, Permanence::preferred);
      }
      List<Integer> unmatched = new ArrayList<>();
      for (int i : unknown) {
        Candidate c = published.get(i);
        Records.Article at = byPath.get(c.path());
        if (at != null && !byId.containsKey(at.id())) {
          claim(i, c, at.id(), held.get(c.path()), ids, byId, problems);
        } else {
          unmatched.add(i);
        }
      }
      if (!unmatched.isEmpty()) {
        // Renamed or moved: a remembered article whose file is gone, with the same bytes, else the same title.
        Set<String> paths = new HashSet<>();
        candidates.forEach(c -> paths.add(c.path()));
        Map<String, Records.Article> vanishedByDigest = new HashMap<>();
        Map<String, Records.Article> vanishedByTitle = new HashMap<>();
        for (Records.Article record : records) {
          if (!byId.containsKey(record.id()) && !paths.contains(record.path())) {
            vanishedByDigest.merge(record.digest(), record, Permanence::preferred);
            vanishedByTitle.merge(record.title(), record, Permanence::preferred);
          }
        }
        for (int i : unmatched) {
          Candidate c = published.get(i);
          Records.Article moved = vanishedByDigest.get(c.digest());
          if (moved == null || byId.containsKey(moved.id())) {
            moved = vanishedByTitle.get(c.article().title());
          }
          String id = moved != null && !byId.containsKey(moved.id()) ? moved.id()
              : Article.defaultId(authority, c.article().published(), publication.timezone(), c.article().slug());
          claim(i, c, id, held.get(c.path()), ids, byId, problems);
        }
      }
    }

    // Remember each published article as it is now.
    @SuppressWarnings("unchecked")
    Map.Entry<String, Instant>[] dates = new Map.Entry[ids.size()];
    String[] idOf = new String[published.size()];
    Article[] assignedTo = new Article[published.size()];
    Problem[] warnings = new Problem[published.size()];
    // In the files' order, which is often the order of their dates: sorting it is then nearly one pass.
    List<Article> live = new ArrayList<>(ids.size());
    // How many ids published last time are published again: each path held last time had the id it was published
    // with, and no two paths the same one.
    int stillLive = 0;
    for (Assigned entry : ids) {
      Candidate c = entry.candidate();
      String id = entry.id();
      Article article = c.article();
      Held h = entry.held();
      if (h != null && h.known() != null && h.known().id().equals(id)) {
        stillLive++;
      }
      boolean same = h != null && h.article() == article;
      Known k = same && h.known() != null && h.known().id().equals(id) ? h.known()
          : remember(tx, c, id, authority, publication, now);
      Article assigned = same && h.assigned().id().equals(id) ? h.assigned()
          : article.id().equals(id) ? article : article.withId(id);
      if (!same || k != h.known() || assigned != h.assigned()) {
        held.put(c.path(), new Held(article, k, assigned));
        touched.add(id);
        if (h != null && h.known() != null) {
          touched.add(h.known().id());
        }
      }
      byId.put(id, assigned);
      live.add(assigned);
      dates[live.size() - 1] = Map.entry(id, k.since());
      idOf[entry.index()] = id;
      assignedTo[entry.index()] = assigned;
      warnings[entry.index()] = warning(c, id, k);
    }
    if (held.size() != ids.size()) {
      // A file is gone, no longer published, or lost its id to another: keep only what this pass decided (every
      // path decided is held, so equal sizes mean the same paths).
      Set<String> paths = new HashSet<>(capacity(ids.size()));
      ids.forEach(a -> paths.add(a.candidate().path()));
      held.keySet().retainAll(paths);
    }
    Map<String, Instant> since = Map.ofEntries(dates);
    Set<String> wasLive = liveIds;
    liveIds = byId.keySet();

    // Articles no longer published: deleted now, and listed as tombstones for a while.
    if (firstPass) {
      tombstoned = new HashMap<>();
      slugOwners = new HashMap<>();
      for (Records.Slug slug : tx.slugs()) {
        slugOwners.put(slug.slug(), slug.id());
      }
      deletedAt = new HashMap<>();
      for (Records.Article record : records) {
        if (record.deleted() != null && !byId.containsKey(record.id())) {
          deletedAt.put(record.id(), record.deleted());
        }
      }
      urlsChanged = true;
      for (Records.Article record : records) {
        if (record.live() && !byId.containsKey(record.id())) {
          delete(tx, record, now);
          tombstoned.put(record.id(), now);
        } else if (record.deleted() != null && !byId.containsKey(record.id())) {
          tombstoned.put(record.id(), record.deleted());
        }
      }
      firstPass = false;
    } else {
      // When every id published last time is published again, none was deleted: no look at each of them.
      for (String id : stillLive < wasLive.size() ? wasLive : Set.<String>of()) {
        if (!byId.containsKey(id)) {
          Records.Article record = tx.article(id);
          if (record != null && record.live()) {
            delete(tx, record, now);
            tombstoned.put(id, now);
            touched.add(id);
          }
        }
      }
      tombstoned.keySet().removeAll(byId.keySet());
    }
    live.sort(Catalog.NEWEST_FIRST);
    return new Pass(publication, authority, published, idOf, assignedTo, warnings, live.toArray(new Article[0]), byId,
        since, false, ids.size() == published.size());
  }

  /** Most files changed since the last pass that a pass patches; with more, it decides every id again. */
  static final int PATCH_LIMIT = 128;

  /**
   * The last pass with the few files that changed since patched in, or null when this pass must decide every id
   * again. It patches when the same files are published in the same order, the publication is the same, and each
   * changed file keeps the id it had (written in it, or its record still live at its path): every id is then the one
   * a full pass decides, and nothing was deleted. At 100,000 articles, deciding every id again was the half of a
   * reload, almost all of it in looking up each file and each id.
   */
  private Pass patched(Memory.Tx tx, Publication publication, String authority, List<Candidate> published,
      Set<String> touched, Instant now) {
    Pass before = last; // null after forget(), so never on a first pass
    if (before == null || !publication.equals(before.publication()) || !authority.equals(before.authority())) {
      return null;
    }
    int[] changed = Catalog.otherObjects(before.published(), published, PATCH_LIMIT);
    if (changed == null) {
      return null;
    }
    boolean sameCategories = true;
    for (int i : changed) {
      Candidate c = published.get(i);
      Candidate was = before.published().get(i);
      String id = before.ids()[i];
      Held h = held.get(c.path());
      if (!c.path().equals(was.path()) || h == null || h.known() == null || !h.known().id().equals(id)) {
        return null;
      }
      if (c.article().idWritten() ? !c.article().id().equals(id) : !livesAt(tx, id, c.path())) {
        return null;
      }
      sameCategories &= c.article().categories().equals(was.article().categories()) && c.file().equals(was.file())
          && c.categoriesAt().equals(was.categoriesAt());
    }
    String[] ids = before.ids();
    Article[] assigned = before.assigned().clone();
    Problem[] warnings = before.warnings().clone();
    Article[] live = before.live().clone();
    Map<String, Article> byId = before.byId(); // the same ids: changed in place, as no catalog holds it
    Map<String, Instant> dates = new HashMap<>();
    for (int i : changed) {
      Candidate c = published.get(i);
      String id = ids[i];
      Article article = c.article();
      Held h = held.get(c.path());
      Known k = h.article() == article ? h.known() : remember(tx, c, id, authority, publication, now);
      Article handed = h.article() == article ? h.assigned() : article.id().equals(id) ? article : article.withId(id);
      if (k != h.known() || handed != h.assigned()) {
        held.put(c.path(), new Held(article, k, handed));
        touched.add(id);
      }
      byId.put(id, handed);
      dates.put(id, k.since());
      warnings[i] = warning(c, id, k);
      move(live, assigned[i], handed);
      assigned[i] = handed;
    }
    patches++;
    return new Pass(publication, authority, published, ids, assigned, warnings, live, byId,
        PatchedMap.of(before.since(), dates), sameCategories, true);
  }

  /** Whether the memory has the article of this id live at this path, as a pass leaves each article it publishes. */
  private static boolean livesAt(Memory.Tx tx, String id, String path) {
    Records.Article record = tx.article(id);
    return record != null && record.live() && record.path().equals(path);
  }

  /** Puts {@code now} where {@code was} is, in articles sorted newest first, keeping them sorted. */
  private static void move(Article[] live, Article was, Article now) {
    int from = Arrays.binarySearch(live, was, Catalog.NEWEST_FIRST);
    if (from < 0 || live[from] != was) {
      throw new IllegalStateException("the last pass did not publish " + was.id());
    }
    boolean inPlace = (from == 0 || Catalog.NEWEST_FIRST.compare(live[from - 1], now) < 0)
        && (from == live.length - 1 || Catalog.NEWEST_FIRST.compare(now, live[from + 1]) < 0);
    if (inPlace) {
      live[from] = now; // the usual edit: its date and id as they were
      return;
    }
    System.arraycopy(live, from + 1, live, from, live.length - from - 1);
    int to = -Arrays.binarySearch(live, 0, live.length - 1, now, Catalog.NEWEST_FIRST) - 1;
    System.arraycopy(live, to, live, to + 1, live.length - 1 - to);
    live[to] = now;
  }

  /** The warning that a file without id: is published under an id its file alone would no longer give, or null. */
  private static Problem warning(Candidate c, String id, Known k) {
    if (c.article().idWritten() || id.equals(k.derived())) {
      return null;
    }
    return Problem.warning(c.file(), 1, 1, "id: this article was published as \"" + id + "\"; as written it"
        + " would get \"" + k.derived() + "\" where the memory is lost (gazette pin writes id: into the file)");
  }

  /** Records a published article as it is now, and what was decided for it. */
  private Known remember(Memory.Tx tx, Candidate c, String id, String authority, Publication publication,
      Instant now) {
    Article article = c.article();
    String version = digest(c.digest(), id, article.slug());
    Records.Article before = tx.article(id);
    Instant versionSince = before != null && before.live() && before.version().equals(version) ? before.since() : now;
    Records.Article after = new Records.Article(id, c.path(), c.digest(), version, article.slug(), article.title(),
        article.published(), before == null ? now : before.firstPublished(), versionSince, null);
    if (!after.equals(before)) {
      tx.put(after);
    }
    if (deletedAt.remove(id) != null) {
      urlsChanged = true;
    }
    Records.Slug slug = tx.slug(article.slug());
    if (slug == null || !slug.id().equals(id)) {
      tx.put(new Records.Slug(article.slug(), id, now));
      slugOwners.put(article.slug(), id);
      urlsChanged = true;
    }
    return new Known(id, versionSince,
        Article.defaultId(authority, article.published(), publication.timezone(), article.slug()));
  }

  private void delete(Memory.Tx tx, Records.Article record, Instant now) {
    deletedAt.put(record.id(), now);
    urlsChanged = true;
    tx.put(new Records.Article(record.id(), record.path(), record.digest(), record.version(), record.slug(),
        record.title(), record.published(), record.firstPublished(), record.since(), now));
  }

  /** A published file (its place among them), the id it is known by, and what was decided for its path last time (null if nothing). */
  private record Assigned(int index, Candidate candidate, String id, Held held) {}

  /**
   * Of two records that fit a file (at its path, or with its bytes or title), the one it takes: a live one over a
   * deleted one, then the one deleted last, then the smaller id, so the choice never hangs on the records' order.
   */
  private static Records.Article preferred(Records.Article a, Records.Article b) {
    if (a.live() != b.live()) {
      return a.live() ? a : b;
    }
    if (!a.live() && !a.deleted().equals(b.deleted())) {
      return a.deleted().isAfter(b.deleted()) ? a : b;
    }
    return a.id().compareTo(b.id()) <= 0 ? a : b;
  }

  /** Gives the file this id, unless another file has it already ({@code byId} holds every id claimed). */
  private static void claim(int index, Candidate c, String id, Held held, List<Assigned> ids,
      Map<String, Article> byId, List<Problem> problems) {
    if (byId.containsKey(id)) {
      problems.add(Problem.ofFile(c.file(), "id: \"" + id + "\" is already used by another article"));
      return;
    }
    byId.put(id, c.article());
    ids.add(new Assigned(index, c, id, held));
  }

  /** The slug of every category name in use: the one it was first given; a new name gets its own. */
  private static Map<String, String> categories(Memory.Tx tx, List<Article> live, List<Candidate> published,
      Instant now, List<Problem> problems) {
    // Oldest first, so that when two new names fold to one slug the one used first keeps it.
    Set<String> names = new java.util.LinkedHashSet<>();
    for (int i = live.size() - 1; i >= 0; i--) {
      names.addAll(live.get(i).categories());
    }
    // Which file first names a category, for a warning: looked for only when there is one to give.
    Map<String, Candidate> found = new HashMap<>();
    java.util.function.Function<String, Candidate> where = name -> found.computeIfAbsent(name, n -> {
      for (Candidate c : published) {
        if (c.article().categories().contains(n)) {
          return c;
        }
      }
      return null;
    });
    Map<String, String> taken = new HashMap<>(); // slug → name
    for (Records.Category category : tx.categories()) {
      taken.put(category.slug(), category.name());
    }
    Map<String, String> slugs = new LinkedHashMap<>();
    for (String name : names) {
      Records.Category known = tx.category(name);
      if (known != null) {
        slugs.put(name, known.slug());
        if (known.gone() != null) {
          tx.put(new Records.Category(name, known.slug(), known.since(), null));
        }
        continue;
      }
      String base = Slugs.of(name);
      if (base.isEmpty()) {
        Candidate c = where.apply(name);
        if (c != null) {
          problems.add(Problem.warning(c.file(), c.categoriesAt().line(), c.categoriesAt().column(),
              "categories: \"" + name + "\" has no letter or digit to make a URL of; it gets no page or feed"));
        }
        continue;
      }
      String slug = base;
      for (int n = 2; taken.containsKey(slug); n++) {
        slug = base + "-" + n;
      }
      taken.put(slug, name);
      tx.put(new Records.Category(name, slug, now, null));
      slugs.put(name, slug);
    }
    for (Map.Entry<String, String> entry : slugs.entrySet()) {
      String name = entry.getKey();
      String base = Slugs.of(name);
      if (!entry.getValue().equals(base)) {
        String holder = taken.get(base);
        Candidate c = where.apply(name);
        if (c != null) {
          problems.add(Problem.warning(c.file(), c.categoriesAt().line(), c.categoriesAt().column(),
              "categories: \"" + name + "\" and \"" + holder + "\" both make the URL slug \"" + base + "\"; \""
                  + name + "\" is at categories/" + entry.getValue() + "/"));
        }
      }
    }
    Set<String> inUse = slugs.keySet();
    for (Records.Category category : tx.categories()) {
      if (!inUse.contains(category.name()) && category.gone() == null) {
        tx.put(new Records.Category(category.name(), category.slug(), category.since(), now));
      }
    }
    return slugs;
  }

  private record Archives(List<Catalog.Archive> pages, List<Article> revised) {}

  /**
   * The archive pages: every full page as it was frozen, then the open page holding the rest of what
   * is older than the feed window. A page's token names its version: it changes whenever the bytes of
   * the page would (its members' versions, the page before it, the publication).
   */
  private Archives archives(Memory.Tx tx, Publication publication, List<Article> live, Map<String, Article> byId,
      Map<String, Instant> since, String shape, Instant shapeSince, Set<String> touched, Instant now) {
    List<Article> archived = live.subList(Math.min(publication.limit(), live.size()), live.size());
    List<Records.Page> frozen = new ArrayList<>(tx.pages());
    Map<String, Integer> inFrozen = frozenPageOf(frozen);
    Set<Integer> touchedPages = new HashSet<>();
    for (String id : touched) {
      Integer number = inFrozen.get(id);
      if (number != null) {
        touchedPages.add(number);
      }
    }
    List<Article> open = new ArrayList<>();
    for (int i = archived.size() - 1; i >= 0; i--) { // oldest first
      if (!inFrozen.containsKey(archived.get(i).id())) {
        open.add(archived.get(i));
      }
    }
    while (open.size() >= Catalog.ARCHIVE_PAGE_SIZE) {
      List<Article> members = new ArrayList<>(open.subList(0, Catalog.ARCHIVE_PAGE_SIZE));
      members.sort(Catalog.NEWEST_FIRST);
      Records.Page page = new Records.Page(frozen.size() + 1, members.stream().map(Article::id).toList(), now);
      tx.put(page);
      frozen.add(page);
      open = new ArrayList<>(open.subList(Catalog.ARCHIVE_PAGE_SIZE, open.size()));
    }
    int total = frozen.size() + (open.isEmpty() ? 0 : 1);
    List<Catalog.Archive> pages = new ArrayList<>();
    List<Article> revised = new ArrayList<>();
    Instant cutoff = now.minus(RETENTION);
    String older = "";
    Instant olderSince = shapeSince;
    for (Records.Page page : frozen) {
      boolean newer = page.number() < total;
      Built last = built.get(page.number());
      if (last != null && last.page() == page && last.newer() == newer && last.older().equals(older)
          && last.olderSince().equals(olderSince) && last.shape().equals(shape) && last.shapeSince().equals(shapeSince)
          && !touchedPages.contains(page.number())) {
        // The same members as the same objects with the same versions, after the same page: the same page. At
        // 100,000 articles, building all 2,000 pages again was 15 % of a reload's samples.
        pages.add(last.archive());
        for (Revision revision : last.revisions()) {
          if (revision.since().isAfter(cutoff)) {
            revised.add(revision.article());
          }
        }
        older = last.archive().token();
        olderSince = last.archive().since();
        continue;
      }
      List<Article> entries = new ArrayList<>();
      List<Revision> revisions = new ArrayList<>();
      Instant pageSince = later(shapeSince, olderSince);
      for (String id : page.members()) {
        Article article = byId.get(id);
        if (article != null) {
          entries.add(article);
          Instant versionSince = since.get(id);
          pageSince = later(pageSince, versionSince);
          if (versionSince.isAfter(page.frozen())) {
            revisions.add(new Revision(article, versionSince));
            if (versionSince.isAfter(cutoff)) {
              revised.add(article);
            }
          }
        } else {
          Records.Article record = tx.article(id);
          if (record != null && record.deleted() != null) {
            pageSince = later(pageSince, record.deleted());
          }
        }
      }
      entries.sort(Catalog.NEWEST_FIRST);
      String token = token(page.number(), newer, entries, since, older, shape);
      Catalog.Archive archive = new Catalog.Archive(page.number(), token, entries, pageSince, true);
      pages.add(archive);
      built.put(page.number(), new Built(page, older, olderSince, shape, shapeSince, newer, archive,
          List.copyOf(revisions)));
      older = token;
      olderSince = pageSince;
    }
    if (!open.isEmpty()) {
      open.sort(Catalog.NEWEST_FIRST);
      Instant pageSince = later(shapeSince, olderSince);
      for (Article article : open) {
        pageSince = later(pageSince, since.get(article.id()));
      }
      int number = frozen.size() + 1;
      pages.add(new Catalog.Archive(number, token(number, false, open, since, older, shape), open, pageSince, false));
    }
    revised.sort(Catalog.NEWEST_FIRST);
    return new Archives(pages, revised);
  }

  /**
   * The ids on the frozen pages, each with its page's number: those of last time while the pages are the same (the
   * memory hands back the same objects until one changes), else gathered again.
   */
  private Map<String, Integer> frozenPageOf(List<Records.Page> frozen) {
    boolean same = frozenSeen != null && frozen.size() == frozenSeen.size();
    for (int i = 0; same && i < frozen.size(); i++) {
      same = frozen.get(i) == frozenSeen.get(i);
    }
    if (!same) {
      Map<String, Integer> ids = new HashMap<>(capacity(frozen.size() * Catalog.ARCHIVE_PAGE_SIZE));
      for (Records.Page page : frozen) {
        Integer number = page.number();
        page.members().forEach(id -> ids.put(id, number));
      }
      frozenPageOf = ids;
    }
    frozenSeen = List.copyOf(frozen);
    return frozenPageOf;
  }

  /** A page's token: the one of last time when the page holds the same articles with the same dates, after the same page. */
  private String token(int number, boolean newer, List<Article> entries, Map<String, Instant> since, String older,
      String shape) {
    Tokened last = tokens.get(number);
    Article[] articles = entries.toArray(new Article[0]);
    Instant[] dates = new Instant[articles.length];
    for (int i = 0; i < articles.length; i++) {
      dates[i] = since.get(articles[i].id());
    }
    if (last != null && last.newer() == newer && last.older().equals(older) && last.shape().equals(shape)
        && Arrays.equals(last.since(), dates) && sameObjects(last.entries(), articles)) {
      return last.token();
    }
    String token = tokenOf(number, newer, entries, since, older, shape);
    tokens.put(number, new Tokened(newer, older, shape, articles, dates, token));
    return token;
  }

  private static boolean sameObjects(Object[] a, Object[] b) {
    if (a.length != b.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (a[i] != b[i]) {
        return false;
      }
    }
    return true;
  }

  /** Room for {@code n} entries in a hash map or set without growing. */
  private static int capacity(int n) {
    return (int) Math.min(Integer.MAX_VALUE, n * 4L / 3 + 1);
  }

  private static String tokenOf(int number, boolean newer, List<Article> entries, Map<String, Instant> since,
      String older, String shape) {
    StringBuilder inputs = new StringBuilder().append(number).append(newer ? "+" : "").append('\n').append(older)
        .append('\n').append(shape);
    for (Article article : entries) {
      inputs.append('\n').append(article.id()).append(' ').append(since.get(article.id()));
    }
    return digest(inputs.toString()).substring(0, 12);
  }

  /** Since when {@code key} has had this digest: kept while it is unchanged, now when it changes. */
  private static Instant remembered(Memory.Tx tx, String key, String digest, Instant now) {
    Records.Validator before = tx.validator(key);
    if (before != null && before.etag().equals(digest)) {
      return before.since();
    }
    Instant since = before != null && !now.isAfter(before.since()) ? before.since().plusSeconds(1) : now;
    tx.put(new Records.Validator(key, digest, since));
    return since;
  }

  private static Instant later(Instant a, Instant b) {
    return b != null && b.isAfter(a) ? b : a;
  }

  private static Instant earlier(Instant a, Instant b) {
    return a == null || b.isBefore(a) ? b : a;
  }

  static String digest(String... parts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part : parts) {
        sha.update(part.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
