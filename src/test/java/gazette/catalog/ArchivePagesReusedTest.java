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
import org.junit.jupiter.api.Test;

/**
 * A pass keeps the archive pages none of whose members changed as they were built: the pages it hands out are
 * those a pass that decides everything again gives, with the same tokens, members, dates and revisions, after
 * edits in a frozen page and in the feed, a deletion, additions that freeze a new page, a changed publication
 * and time enough for revisions to stop being recent.
 */
class ArchivePagesReusedTest {
  private static final Publication PUBLICATION = PublicationParser.fallback(URI.create("https://news.example.org/"));
  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  @Test
  void unchangedPagesAreReusedAndEveryPageIsWhatAPassFromScratchGives() {
    List<Permanence.Candidate> files = new ArrayList<>();
    for (int i = 0; i < 180; i++) {
      files.add(candidate(i, "Story " + i));
    }
    try (Memory kept = Memory.ephemeral(); Memory fresh = Memory.ephemeral()) {
      Permanence reusing = new Permanence(kept);
      Permanence again = new Permanence(fresh);
      Instant now = NOW;
      Permanence.Outcome first = same(reusing, again, PUBLICATION, files, now);
      assertThat(first.continuity().archives()).as("two frozen pages and an open one").hasSize(3);
      Catalog.Archive oldest = first.continuity().archives().get(0);

      // An edit in the feed: every archive page is the very same object.
      files.set(179, candidate(179, "Story 179, corrected"));
      now = now.plusSeconds(60);
      Permanence.Outcome feedEdit = same(reusing, again, PUBLICATION, files, now);
      assertThat(feedEdit.continuity().archives().get(0)).isSameAs(oldest);

      // An edit on the oldest page: it and every page after it change (each names the one before).
      files.set(3, candidate(3, "Story 3, corrected"));
      now = now.plusSeconds(60);
      Permanence.Outcome archiveEdit = same(reusing, again, PUBLICATION, files, now);
      assertThat(archiveEdit.continuity().archives().get(0).token()).isNotEqualTo(oldest.token());
      assertThat(archiveEdit.continuity().revised()).extracting(Article::title).containsExactly("Story 3, corrected");

      // A deletion on the second page, then additions enough to freeze a third.
      files.remove(60);
      now = now.plusSeconds(60);
      same(reusing, again, PUBLICATION, files, now);
      for (int i = 180; i < 240; i++) {
        files.add(candidate(i, "Story " + i));
      }
      now = now.plusSeconds(60);
      Permanence.Outcome added = same(reusing, again, PUBLICATION, files, now);
      assertThat(added.continuity().archives().stream().filter(Catalog.Archive::full)).hasSize(3);

      // Exactly four full pages and no open one, then one more article: the last full page now has one after it.
      for (int i = 240; i < 250; i++) { // 199 archived: the deleted one stays out of its frozen page
        files.add(candidate(i, "Story " + i));
      }
      now = now.plusSeconds(60);
      Permanence.Outcome exact = same(reusing, again, PUBLICATION, files, now);
      assertThat(exact.continuity().archives()).hasSize(4).allMatch(Catalog.Archive::full);
      files.add(candidate(250, "Story 250"));
      now = now.plusSeconds(60);
      same(reusing, again, PUBLICATION, files, now);

      // Another process changed the memory: the pass that reads it all again deletes every member of the oldest
      // page, and with nothing on it decided again, only forgetting what was built keeps it from being kept.
      files.removeIf(c -> Integer.parseInt(c.path().replaceAll("\\D", "")) < 50);
      reusing.forget();
      now = now.plusSeconds(60);
      same(reusing, again, PUBLICATION, files, now);

      // Another publication, then a quiet pass long after: the revision is no longer recent.
      now = now.plusSeconds(60);
      same(reusing, again, Catalogs.RENAMED, files, now);
      now = now.plus(Permanence.RETENTION).plus(Duration.ofDays(1));
      Permanence.Outcome later = same(reusing, again, Catalogs.RENAMED, files, now);
      assertThat(later.continuity().revised()).isEmpty();
    }
  }

  /** One pass of each: the reusing one as reloads run it, the other forgetting everything first. */
  private static Permanence.Outcome same(Permanence reusing, Permanence again, Publication publication,
      List<Permanence.Candidate> files, Instant now) {
    Permanence.Outcome outcome = reusing.apply(publication, List.copyOf(files), now);
    again.forget();
    Permanence.Outcome expected = again.apply(publication, List.copyOf(files), now);
    assertThat(pages(outcome)).isEqualTo(pages(expected));
    assertThat(outcome.continuity().revised()).extracting(Article::id)
        .isEqualTo(expected.continuity().revised().stream().map(Article::id).toList());
    return outcome;
  }

  /** Each page as text: number, token, whether full, date, and its members' ids and titles in order. */
  private static List<String> pages(Permanence.Outcome outcome) {
    return outcome.continuity().archives().stream().map(page -> page.number() + " " + page.token() + " "
        + page.full() + " " + page.since() + " " + page.entries().stream().map(a -> a.id() + " " + a.title()).toList())
        .toList();
  }

  private static Permanence.Candidate candidate(int day, String title) {
    String name = "story-" + day;
    String text = "title: " + title + "\npublished: " + LocalDate.of(2024, 1, 1).plusDays(day) + "T10:00:00Z\n"
        + "content: Text.\n";
    Article article = new ArticleParser(PUBLICATION).parse(Path.of("articles", name + ".yaml"),
        text.getBytes(StandardCharsets.UTF_8)).article().orElseThrow();
    return new Permanence.Candidate(article, article.file(), name + ".yaml", Permanence.digest(text), true,
        Position.START);
  }
}
