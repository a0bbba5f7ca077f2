package gazette.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bodies kept in a store file read back as written, from many threads, and the file leaves no trace in its folder. */
class BodyStoreTest {
  @TempDir
  Path dir;

  @Test
  void whatIsPutIsReadBackAndTheFileIsNotInItsFolder() throws Exception {
    try (BodyStore store = BodyStore.in(dir.resolve("cache"))) {
      byte[] first = bytes(1, 3000);
      byte[] second = bytes(2, 70_000);
      long a = store.put(first);
      long b = store.put(second);
      assertThat(store.get(a, first.length)).isEqualTo(first);
      assertThat(store.get(b, second.length)).isEqualTo(second);
      assertThat(store.size()).isEqualTo(first.length + second.length);
      try (Stream<Path> left = Files.list(dir.resolve("cache"))) {
        assertThat(left).as("unlinked as soon as it is open").isEmpty();
      }
    }
  }

  @Test
  void theSameBytesAreStoredOnce() throws Exception {
    try (BodyStore store = BodyStore.in(dir)) {
      byte[] body = bytes(3, 2000);
      long first = store.put(body);
      assertThat(store.put(body.clone())).isEqualTo(first);
      assertThat(store.size()).isEqualTo(body.length);
      assertThat(store.put(bytes(4, 2000))).isEqualTo(body.length);
    }
  }

  @Test
  void anInterruptedReaderDoesNotCloseTheStoreForOthers() throws Exception {
    try (BodyStore store = BodyStore.in(dir)) {
      byte[] body = bytes(5, 3000);
      long at = store.put(body);
      Thread reader = new Thread(() -> {
        Thread.currentThread().interrupt();
        store.get(at, body.length);
      });
      reader.start();
      reader.join();
      assertThat(store.get(at, body.length)).isEqualTo(body);
    }
  }

  @Test
  void aStoreThatCannotWriteSaysSoAndTheCallerKeepsItsBytes() throws Exception {
    BodyStore store = BodyStore.in(dir);
    store.close();
    assertThat(store.put(bytes(6, 1000))).isEqualTo(-1);
  }

  @Test
  void aBodyMadeAfterKeepInReadsBackItsSourceFromAnyThread() throws Exception {
    Body.keepIn(dir);
    StringBuilder text = new StringBuilder();
    Random random = new Random(7);
    for (int i = 0; i < 400; i++) {
      text.append("Paragraph ").append(random.nextInt()).append(" about Bakı and Ağdam, şəhər.\n\n");
    }
    long before = Body.storedBytes();
    Body body = Body.of(text.toString(), Content.Format.MARKDOWN, URI.create("https://news.example.org/"), null);
    assertThat(body.deflated().length).isGreaterThan(256);
    assertThat(Body.storedBytes() - before).as("kept in the store, not on the heap").isEqualTo(body.deflated().length);
    Thread[] readers = new Thread[4];
    String[] read = new String[readers.length];
    for (int i = 0; i < readers.length; i++) {
      int slot = i;
      readers[i] = new Thread(() -> read[slot] = body.source());
      readers[i].start();
    }
    for (Thread reader : readers) {
      reader.join();
    }
    assertThat(read).containsOnly(text.toString());
    Body restored = Body.restore(body.deflated(), body.length(), body.format(), body.base(), null);
    assertThat(restored.source()).isEqualTo(text.toString());
  }

  private static byte[] bytes(long seed, int n) {
    byte[] out = new byte[n];
    new Random(seed).nextBytes(out);
    return out;
  }
}
