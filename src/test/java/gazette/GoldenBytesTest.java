package gazette;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every URL of two fixture publications, byte for byte, against files kept in
 * {@code src/test/resources/golden/}: a change to what readers receive is a deliberate change to those
 * files ({@code mvn test -Dtest=GoldenBytesTest -Dgazette.golden.update=true} rewrites them; the diff
 * then shows what changed). {@code /health} is left out: it tells the time of the last reload.
 */
class GoldenBytesTest {
  private static final Path RESOURCES = Path.of("src", "test", "resources");
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

  @ParameterizedTest
  @ValueSource(strings = {"sample", "fixtures/features"})
  void everyUrlServesTheBytesRecordedForIt(String publication) throws IOException {
    Path folder = RESOURCES.resolve(publication);
    Path golden = RESOURCES.resolve("golden").resolve(folder.getFileName());
    Map<String, byte[]> served = served(folder);

    if (Boolean.getBoolean("gazette.golden.update")) {
      write(golden, served);
    }

    Map<String, byte[]> recorded = recorded(golden);
    assertThat(served.keySet()).containsExactlyElementsOf(recorded.keySet());
    for (Map.Entry<String, byte[]> entry : served.entrySet()) {
      assertThat(firstDifference(entry.getValue(), recorded.get(entry.getKey()))).as(entry.getKey()).isEmpty();
    }
  }

  /** Where two bodies first differ, with a little of each around it; empty when they are equal. */
  private static String firstDifference(byte[] served, byte[] recorded) {
    int i = 0;
    while (i < served.length && i < recorded.length && served[i] == recorded[i]) {
      i++;
    }
    if (i == served.length && i == recorded.length) {
      return "";
    }
    int from = Math.max(0, i - 60);
    return "at byte " + i + "\n  served:   " + excerpt(served, from, i + 60) + "\n  recorded: " + excerpt(recorded, from, i + 60);
  }

  private static String excerpt(byte[] body, int from, int to) {
    return new String(body, from, Math.max(0, Math.min(to, body.length) - from), StandardCharsets.UTF_8)
        .replace("\n", "\\n");
  }

  private static Map<String, byte[]> served(Path folder) throws IOException {
    URI base = URI.create("https://news.example.org/");
    try (Gazette gazette = Gazette.load(new Gazette.Options(folder, null, base, 60, CLOCK))) {
      assertThat(gazette.catalog().problems()).isEmpty();
      Map<String, byte[]> out = new TreeMap<>();
      for (String path : gazette.site().paths()) {
        if (!path.equals("/health")) {
          out.put(fileName(path), gazette.site().find(path).orElseThrow().identity());
        }
      }
      return out;
    }
  }

  /** A site path as a file under the golden folder: {@code /} and folders end in {@code index.html}. */
  private static String fileName(String path) {
    return path.endsWith("/") ? path.substring(1) + "index.html" : path.substring(1);
  }

  private static Map<String, byte[]> recorded(Path golden) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(golden)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        out.put(golden.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
      }
    }
    return out;
  }

  private static void write(Path golden, Map<String, byte[]> served) throws IOException {
    if (Files.exists(golden)) {
      List<Path> old = new ArrayList<>();
      try (Stream<Path> files = Files.walk(golden)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(old::add);
      }
      for (Path p : old) {
        Files.delete(p);
      }
    }
    for (Map.Entry<String, byte[]> entry : served.entrySet()) {
      Path file = golden.resolve(entry.getKey());
      Files.createDirectories(file.getParent());
      Files.write(file, entry.getValue());
    }
  }
}
