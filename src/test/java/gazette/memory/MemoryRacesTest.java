package gazette.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two processes on one memory (two replicas): each decision is taken by one of them and seen by the other. */
class MemoryRacesTest {
  @TempDir
  Path dir;

  /**
   * Each replica, for each path, reads what the memory says and, when it says nothing, writes its own date,
   * as Site.stamp does; at the same moment. Both must end with the same date for every path: the one
   * written first.
   */
  @Test
  void twoReplicasDecidingAtOnceAgreeOnEveryDate() throws Exception {
    try (Memory a = Memory.open(dir); Memory b = Memory.open(dir)) {
      ExecutorService threads = Executors.newFixedThreadPool(2);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<Instant>>> seen = new ArrayList<>();
      int replica = 0;
      for (Memory memory : List.of(a, b)) {
        Instant own = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(replica++);
        seen.add(threads.submit(() -> {
          start.await();
          List<Instant> dates = new ArrayList<>();
          for (int i = 0; i < 200; i++) {
            String path = "/page/" + i;
            dates.add(memory.transact(tx -> {
              Records.Validator before = tx.validator(path);
              if (before != null) {
                return before.since();
              }
              tx.put(new Records.Validator(path, "\"e\"", own));
              return own;
            }));
          }
          return dates;
        }));
      }
      start.countDown();
      List<Instant> fromA = seen.get(0).get();
      List<Instant> fromB = seen.get(1).get();
      threads.shutdown();

      assertThat(fromA).isEqualTo(fromB);
    }
  }

  /** The replica test once started two replicas on a new state directory and got two memories. */
  @Test
  void replicasOpeningANewMemoryTogetherShareOne() throws Exception {
    for (int round = 0; round < 20; round++) {
      Path state = dir.resolve("state-" + round);
      ExecutorService threads = Executors.newFixedThreadPool(2);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Memory>> opened = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        opened.add(threads.submit(() -> {
          start.await();
          return Memory.open(state);
        }));
      }
      start.countDown();
      try (Memory a = opened.get(0).get(); Memory b = opened.get(1).get()) {
        a.transact(tx -> {
          tx.put(new Records.Validator("/feed.xml", "\"e\"", Instant.parse("2024-01-01T00:00:00Z")));
          return null;
        });
        Records.Validator seen = b.transact(tx -> tx.validator("/feed.xml"));
        assertThat(seen).as("round " + round).isNotNull();
      } finally {
        threads.shutdown();
      }
      try (var files = java.nio.file.Files.list(state)) {
        assertThat(files.map(f -> f.getFileName().toString()).toList()).as("round " + round)
            .noneMatch(name -> name.contains("damaged"));
      }
    }
  }
}
