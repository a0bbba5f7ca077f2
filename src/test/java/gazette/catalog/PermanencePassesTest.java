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
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Passes of the memory over the same files, as reloads make them: an edited file keeps its id and gets a new
 * version date, a deleted one becomes a tombstone, and what did not change stays the very same object.
 */
class PermanencePassesTest {
  private static final Publication PUBLICATION = PublicationParser.fallback(URI.create("https://news.example.org/"));
  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  @Test
  void anEditKeepsItsIdAndADeletionMadeAtTheSameTimeIsTombstoned() {
    Permanence.Candidate bridge = candidate("bridge", "Bridge", "2025-05-01");
    Permanence.Candidate harbour = candidate("harbour", "Harbour", "2025-05-02");
    Permanence.Candidate market = candidate("market", "Market", "2025-05-03");
    try (Memory memory = Memory.ephemeral()) {
      Permanence permanence = new Permanence(memory);
      Permanence.Outcome first = permanence.apply(PUBLICATION, List.of(bridge, harbour, market), NOW);
      Article firstBridge = byTitle(first, "Bridge");
      String harbourId = byTitle(first, "Harbour").id();
      String marketId = byTitle(first, "Market").id();

      // The edit renames the slug, so the id its file alone would give changes; the one published stays.
      Permanence.Candidate edited = candidate("harbour", "Harbour rebuilt", "2025-05-02", "slug: new-harbour\n");
      Permanence.Outcome edit = permanence.apply(PUBLICATION, List.of(bridge, edited, market), NOW.plusSeconds(60));
      assertThat(byTitle(edit, "Harbour rebuilt").id()).isEqualTo(harbourId);
      assertThat(edit.continuity().since().get(harbourId)).isEqualTo(NOW.plusSeconds(60));
      assertThat(edit.continuity().tombstones()).isEmpty();
      assertThat(byTitle(edit, "Bridge")).isSameAs(firstBridge);

      Permanence.Candidate again = candidate("harbour", "Harbour again", "2025-05-02", "slug: new-harbour\n");
      Permanence.Outcome both = permanence.apply(PUBLICATION, List.of(bridge, again), NOW.plusSeconds(120));
      assertThat(byTitle(both, "Harbour again").id()).isEqualTo(harbourId);
      assertThat(both.continuity().tombstones()).extracting(Catalog.Tombstone::id).containsExactly(marketId);
      assertThat(both.continuity().tombstones().get(0).when()).isEqualTo(NOW.plusSeconds(120));
      assertThat(byTitle(both, "Bridge")).isSameAs(firstBridge);
    }
  }

  private static Article byTitle(Permanence.Outcome outcome, String title) {
    return outcome.published().stream().filter(a -> a.title().equals(title)).findFirst().orElseThrow();
  }

  private static Permanence.Candidate candidate(String name, String title, String date, String... more) {
    String text = "title: " + title + "\npublished: " + date + "T10:00:00Z\n" + String.join("", more) + "content: Text.\n";
    Article article = new ArticleParser(PUBLICATION).parse(Path.of("articles", name + ".yaml"),
        text.getBytes(StandardCharsets.UTF_8)).article().orElseThrow();
    return new Permanence.Candidate(article, article.file(), name + ".yaml", Permanence.digest(text), true,
        Position.START);
  }
}
