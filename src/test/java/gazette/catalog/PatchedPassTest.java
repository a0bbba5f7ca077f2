package gazette.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import gazette.article.Article;
import gazette.article.ArticleParser;
import gazette.article.Position;
import gazette.article.Publication;
import gazette.article.PublicationParser;
import gazette.memory.Memory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A pass where few files changed patches the pass before: what it hands out is, field by field, what a pass that
 * decides everything again gives. Each step says whether it was patched, so a step that stops being patched (or
 * starts being patched where it must not) fails too.
 */
class PatchedPassTest {
  private static final Publication PUBLICATION = PublicationParser.fallback(URI.create("https://news.example.org/"));
  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  private static final int FILES = 300;

  private Instant now = NOW;

  @Test
  void everyPassIsWhatAPassFromScratchGives() {
    List<Permanence.Candidate> files = new ArrayList<>();
    for (int i = 0; i < FILES; i++) {
      files.add(candidate(i, "Story " + i, day(i), ""));
    }
    try (Memory kept = Memory.ephemeral(); Memory fresh = Memory.ephemeral()) {
      Permanence patching = new Permanence(kept);
      Permanence again = new Permanence(fresh);
      same(patching, again, PUBLICATION, files, false);

      // A title edit in the feed, then one on the oldest archive page (a revision).
      files.set(299, candidate(299, "Story 299, corrected", day(299), ""));
      same(patching, again, PUBLICATION, files, true);
      files.set(2, candidate(2, "Story 2, corrected", day(2), ""));
      Permanence.Outcome revised = same(patching, again, PUBLICATION, files, true);
      assertThat(revised.continuity().revised()).extracting(Article::title).containsExactly("Story 2, corrected");

      // A new date that moves the article among the others (its file keeps its place), and one that keeps its place.
      files.set(150, candidate(150, "Story 150", day(10).plusSeconds(1), ""));
      Permanence.Outcome moved = same(patching, again, PUBLICATION, files, true);
      assertThat(moved.published().indexOf(byTitle(moved, "Story 150"))).as("after days 11 to 299 but 150")
          .isEqualTo(FILES - 12);
      files.set(151, candidate(151, "Story 151", day(151).plusSeconds(1), ""));
      same(patching, again, PUBLICATION, files, true);

      // Categories: a new one, one with nothing to make a URL of (a warning at its place), then that file edited with
      // its categories elsewhere in it, and an edit with the same categories at the same place.
      files.set(40, candidate(40, "Story 40", day(40), "categories: [Harbour]\n"));
      Permanence.Outcome harbour = same(patching, again, PUBLICATION, files, true);
      assertThat(harbour.continuity().categorySlugs()).containsEntry("Harbour", "harbour");
      files.set(41, candidate(41, "Story 41", day(41), "categories: [\"!!!\"]\n", new Position(3, 1)));
      Permanence.Outcome warned = same(patching, again, PUBLICATION, files, true);
      assertThat(warned.problems()).anyMatch(p -> p.line() == 3 && p.message().contains("!!!"));
      files.set(41, candidate(41, "Story 41, longer", day(41), "categories: [\"!!!\"]\n", new Position(5, 3)));
      Permanence.Outcome rewarned = same(patching, again, PUBLICATION, files, true);
      assertThat(rewarned.problems()).anyMatch(p -> p.line() == 5 && p.message().contains("!!!"));
      files.set(40, candidate(40, "Story 40, again", day(40), "categories: [Harbour]\n"));
      same(patching, again, PUBLICATION, files, true);

      // A new slug: the id stays, with a warning that the file alone would now give another.
      files.set(60, candidate(60, "Story 60", day(60), "slug: sixty\n"));
      Permanence.Outcome slug = same(patching, again, PUBLICATION, files, true);
      assertThat(slug.problems()).anyMatch(p -> p.message().startsWith("id: this article was published as"));

      // An id written in: the file takes another id, which only a pass from scratch decides.
      files.set(70, candidate(70, "Story 70", day(70), "id: urn:uuid:70\n"));
      same(patching, again, PUBLICATION, files, false);
      // Then the same id written into a second file: it is refused there, and the pass after cannot patch that one.
      files.set(71, candidate(71, "Story 71", day(71), "id: urn:uuid:70\n"));
      Permanence.Outcome clash = same(patching, again, PUBLICATION, files, false);
      assertThat(clash.problems()).anyMatch(p -> p.message().contains("already used by another article"));
      files.set(72, candidate(72, "Story 72, edited", day(72), ""));
      same(patching, again, PUBLICATION, files, false);
      files.set(71, candidate(71, "Story 71", day(71), ""));
      same(patching, again, PUBLICATION, files, false);
      files.set(72, candidate(72, "Story 72, edited again", day(72), ""));
      same(patching, again, PUBLICATION, files, true);

      // A deletion and an addition change the files published: decided again.
      files.remove(80);
      same(patching, again, PUBLICATION, files, false);
      files.add(candidate(FILES, "Story " + FILES, day(FILES), ""));
      same(patching, again, PUBLICATION, files, false);

      // As many changed files as a patch takes, then one more.
      for (int i = 0; i < Permanence.PATCH_LIMIT; i++) {
        edit(files, candidate(100 + i, "Story " + (100 + i) + ", batch", day(100 + i), ""));
      }
      same(patching, again, PUBLICATION, files, true);
      for (int i = 0; i <= Permanence.PATCH_LIMIT; i++) {
        edit(files, candidate(100 + i, "Story " + (100 + i) + ", second batch", day(100 + i), ""));
      }
      same(patching, again, PUBLICATION, files, false);

      // Nothing changed, and time enough for the revisions to stop being recent; then another publication.
      now = now.plus(Permanence.RETENTION).plus(Duration.ofDays(1));
      Permanence.Outcome quiet = same(patching, again, PUBLICATION, files, true);
      assertThat(quiet.continuity().revised()).isEmpty();
      same(patching, again, Catalogs.RENAMED, files, false);
      edit(files, candidate(5, "Story 5, renamed publication", day(5), ""));
      same(patching, again, Catalogs.RENAMED, files, true);
    }
  }

  /** One pass of each: the patching one as reloads run it, the other forgetting everything first. */
  private Permanence.Outcome same(Permanence patching, Permanence again, Publication publication,
      List<Permanence.Candidate> files, boolean patched) {
    now = now.plusSeconds(60);
    int before = patching.patches();
    Permanence.Outcome outcome = patching.apply(publication, List.copyOf(files), now);
    again.forget();
    Permanence.Outcome expected = again.apply(publication, List.copyOf(files), now);
    assertThat(patching.patches() - before).as("passes patched").isEqualTo(patched ? 1 : 0);
    assertThat(described(outcome)).isEqualTo(described(expected));
    return outcome;
  }

  /** Everything an outcome says, as text: articles in order, problems, and every field of its continuity. */
  private static Map<String, Object> described(Permanence.Outcome outcome) {
    Continuity c = outcome.continuity();
    Map<String, Object> all = new TreeMap<>();
    all.put("published", outcome.published().stream()
        .map(a -> a.id() + " " + a.title() + " " + a.published() + " " + a.slug() + " " + a.categories()).toList());
    all.put("problems", outcome.problems().stream().map(Object::toString).sorted().toList());
    all.put("since", new TreeMap<>(c.since()));
    all.put("since of each", outcome.published().stream().map(a -> a.id() + " " + c.since().get(a.id())).toList());
    all.put("categorySlugs", new TreeMap<>(c.categorySlugs()));
    all.put("archives", c.archives().stream().map(page -> page.number() + " " + page.token() + " " + page.full()
        + " " + page.since() + " " + page.entries().stream().map(a -> a.id() + " " + a.title()).toList()).toList());
    all.put("tombstones", c.tombstones());
    all.put("revised", c.revised().stream().map(a -> a.id() + " " + a.title()).toList());
    all.put("slugOwners", new TreeMap<>(c.slugOwners()));
    all.put("deletedAt", new TreeMap<>(c.deletedAt()));
    all.put("goneCategories", new TreeMap<>(c.goneCategories()));
    all.put("shapeSince", c.shapeSince());
    all.put("frameSince", c.frameSince());
    all.put("born", c.born());
    all.put("authority", c.authority());
    all.put("nextExpiry", String.valueOf(c.nextExpiry()));
    return all;
  }

  /** Puts a file's new version where the file is. */
  private static void edit(List<Permanence.Candidate> files, Permanence.Candidate edited) {
    files.replaceAll(c -> c.path().equals(edited.path()) ? edited : c);
  }

  private static Article byTitle(Permanence.Outcome outcome, String title) {
    return outcome.published().stream().filter(a -> a.title().equals(title)).findFirst().orElseThrow();
  }

  private static Instant day(int n) {
    return LocalDate.of(2024, 1, 1).plusDays(n).atTime(10, 0).toInstant(java.time.ZoneOffset.UTC);
  }

  private static Permanence.Candidate candidate(int n, String title, Instant published, String more) {
    return candidate(n, title, published, more, Position.START);
  }

  private static Permanence.Candidate candidate(int n, String title, Instant published, String more,
      Position categoriesAt) {
    String name = "story-" + n;
    String text = "title: " + title + "\npublished: " + published + "\n" + more + "content: Text.\n";
    Article article = new ArticleParser(PUBLICATION).parse(Path.of("articles", name + ".yaml"),
        text.getBytes(StandardCharsets.UTF_8)).article().orElseThrow();
    return new Permanence.Candidate(article, article.file(), name + ".yaml", Permanence.digest(text), true,
        categoriesAt);
  }
}
