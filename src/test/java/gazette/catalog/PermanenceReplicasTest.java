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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes on one memory (two replicas sharing a state folder): what one of them writes is seen by the
 * other's next pass, even when another user of the memory in that process (the site's validators, the hub
 * notifier) had the first transaction after the write.
 */
class PermanenceReplicasTest {
  private static final Publication PUBLICATION = PublicationParser.fallback(URI.create("https://news.example.org/"));
  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  @TempDir
  Path state;

  @Test
  void aDeletionByTheOtherReplicaIsTombstonedHereThoughAnotherTransactionSawTheWriteFirst() throws Exception {
    List<Permanence.Candidate> both = List.of(candidate("bridge"), candidate("harbour"));
    List<Permanence.Candidate> one = List.of(both.get(0));
    try (Memory here = Memory.open(state); Memory there = Memory.open(state)) {
      Permanence mine = new Permanence(here);
      Permanence theirs = new Permanence(there);
      mine.apply(PUBLICATION, both, NOW);
      theirs.apply(PUBLICATION, both, NOW);

      Permanence.Outcome deleted = theirs.apply(PUBLICATION, one, NOW.plusSeconds(10));
      assertThat(deleted.continuity().tombstones()).hasSize(1);
      String gone = deleted.continuity().tombstones().get(0).id();

      here.transact(tx -> tx.fact("born")); // another user of this process's memory reads first
      Permanence.Outcome seen = mine.apply(PUBLICATION, one, NOW.plusSeconds(20));

      assertThat(seen.continuity().tombstones()).extracting(Catalog.Tombstone::id).containsExactly(gone);
      assertThat(seen.continuity().tombstones()).isEqualTo(deleted.continuity().tombstones());
    }
  }

  private static Permanence.Candidate candidate(String name) {
    Article article = new ArticleParser(PUBLICATION).parse(Path.of("articles", name + ".yaml"),
        ("title: " + name + "\npublished: 2025-05-01T10:00:00Z\ncontent: Text.\n").getBytes(StandardCharsets.UTF_8))
        .article().orElseThrow();
    return new Permanence.Candidate(article, article.file(), name + ".yaml", Permanence.digest(name), true,
        Position.START);
  }
}
