package gazette.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryTest {
  private static final Instant T = Instant.parse("2024-01-20T06:00:00Z");

  @TempDir
  Path dir;

  private static Records.Article article(String id, String path) {
    return new Records.Article(id, path, "d1", "v1", "a-story", "A story", T, T, T, null);
  }

  private static List<Records.Article> articles(Memory memory) {
    return memory.transact(Memory.Tx::articles);
  }

  @Test
  void whatOneTransactionStoresIsThereAfterAReopen() throws IOException {
    try (Memory memory = Memory.open(dir)) {
      memory.transact(tx -> {
        tx.put(article("tag:x,2024-01-20:a", "a.yaml"));
        tx.put(new Records.Page(1, List.of("id-2", "id-1"), T));
        tx.fact("born", "2024-01-20");
        return null;
      });
    }

    try (Memory memory = Memory.open(dir)) {
      memory.transact(tx -> {
        assertThat(tx.article("tag:x,2024-01-20:a")).isEqualTo(article("tag:x,2024-01-20:a", "a.yaml"));
        assertThat(tx.pages()).containsExactly(new Records.Page(1, List.of("id-2", "id-1"), T));
        assertThat(tx.fact("born")).contains("2024-01-20");
        return null;
      });
    }
  }

  @Test
  void workThatThrowsKeepsNothing() throws IOException {
    try (Memory memory = Memory.open(dir)) {
      try {
        memory.transact(tx -> {
          tx.put(article("a", "a.yaml"));
          throw new IllegalStateException("boom");
        });
      } catch (IllegalStateException expected) {
        // the work failed
      }
      memory.transact(tx -> {
        assertThat(tx.article("a")).isNull();
        return null;
      });
    }
  }

  @Test
  void twoProcessesSharingTheFileSeeEachOthersWrites() throws IOException {
    try (Memory one = Memory.open(dir); Memory two = Memory.open(dir)) {
      one.transact(tx -> {
        tx.put(new Records.Validator("/feed.xml", "\"e1\"", T));
        return null;
      });

      Records.Validator seen = two.transact(tx -> tx.validator("/feed.xml"));

      assertThat(seen).isEqualTo(new Records.Validator("/feed.xml", "\"e1\"", T));
    }
  }

  @Test
  void aRowChangedBehindItsChecksumIsNeverTrusted() throws Exception {
    try (Memory memory = Memory.open(dir)) {
      memory.transact(tx -> {
        tx.put(article("a", "a.yaml"));
        return null;
      });
    }
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(Memory.FILE));
        Statement s = db.createStatement()) {
      s.executeUpdate("UPDATE articles SET title = 'A storY'");
    }

    try (Memory memory = Memory.open(dir)) {
      assertThat(articles(memory)).isEmpty();
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith(Memory.FILE + ".damaged-"));
    }
  }

  @Test
  void aFileThatIsNotADatabaseIsMovedAsideAndStartedAgain() throws IOException {
    Files.writeString(dir.resolve(Memory.FILE), "this is not a database, just text that someone wrote here\n".repeat(200));

    try (Memory memory = Memory.open(dir)) {
      memory.transact(tx -> {
        tx.put(article("a", "a.yaml"));
        return null;
      });
      assertThat(articles(memory)).hasSize(1);
    }
  }

  @Test
  void aCopyCanBeChangedWithoutChangingTheOriginal() throws IOException {
    try (Memory memory = Memory.open(dir)) {
      memory.transact(tx -> {
        tx.put(article("a", "a.yaml"));
        return null;
      });
    }

    try (Memory copy = Memory.copyOf(dir)) {
      assertThat(articles(copy)).extracting(Records.Article::id).containsExactly("a");
      copy.transact(tx -> {
        tx.put(article("b", "b.yaml"));
        return null;
      });
    }

    try (Memory memory = Memory.open(dir)) {
      assertThat(articles(memory)).extracting(Records.Article::id).containsExactly("a");
    }
  }

  @Test
  void keptDocumentsComeBackIntactOnce() throws IOException {
    try (Memory memory = Memory.open(dir)) {
      memory.keep("/archive/1-abc.xml", new Memory.Document("\"e\"", new byte[] {1, 2, 3}, T));
      memory.keep("/archive/1-abc.xml", new Memory.Document("\"other\"", new byte[] {9}, T.plusSeconds(5)));

      Memory.Document kept = memory.kept("/archive/1-abc.xml").orElseThrow();
      assertThat(kept.etag()).isEqualTo("\"e\"");
      assertThat(kept.gzip()).containsExactly(1, 2, 3);
      assertThat(memory.kept("/archive/2-def.xml")).isEmpty();
    }
  }
}
