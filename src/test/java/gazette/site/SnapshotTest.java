package gazette.site;

import static org.assertj.core.api.Assertions.assertThat;

import gazette.Gazette;
import gazette.catalog.CatalogLoader;
import gazette.catalog.FileStamp;
import gazette.http.FeedServer;
import gazette.memory.Memory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snapshot file (its bytes and framing) and a restored Site as the server answers from it. */
class SnapshotTest {
  private static final URI BASE = URI.create("https://news.example.org/");

  @TempDir
  Path dir;
  private Path articles;

  @BeforeEach
  void publication() throws IOException {
    articles = Files.createDirectories(dir.resolve("articles"));
    Files.writeString(articles.resolve("_feed.yaml"), "title: Daily\n");
    Files.writeString(articles.resolve("a.yaml"), "title: A\npublished: 2024-01-01\ncategories: [Town]\ncontent: x\n");
  }

  private Gazette load() throws IOException {
    return Gazette.load(new Gazette.Options(articles, BASE, BASE, 60, Clock.systemUTC(), null, dir.resolve("state")));
  }

  private static Snapshot.Inputs inputs() {
    Instant t = Instant.parse("2024-05-01T10:00:00.123456789Z");
    return new Snapshot.Inputs("key", "digest", "none", t.plusSeconds(3600), new Memory.Shape(7, "fact:born=x\n"),
        Map.of("a.yaml", new CatalogLoader.Stamp(new FileStamp(10, t, t, 42), t.plusSeconds(5))), Set.of(),
        Set.of("/feed.xml"));
  }

  @Test
  void whatIsWrittenIsReadBackByteForByte() throws IOException {
    try (Gazette gazette = load()) {
      Path file = dir.resolve("cache/a.site");
      Snapshot.write(file, inputs(), gazette.site().eager());
      Snapshot.Kept kept = Snapshot.read(file).orElseThrow();
      assertThat(kept.inputs()).isEqualTo(inputs());
      assertThat(Snapshot.differences(Site.restored(kept.renditions()), gazette.site())).isEmpty();
      assertThat(kept.renditions().keySet()).contains("/feed.xml", "/", "/categories/town/feed.xml")
          .doesNotContain("/health");
    }
  }

  @Test
  void aDamagedOrForeignFileIsNoSnapshot() throws IOException {
    try (Gazette gazette = load()) {
      Path file = dir.resolve("cache/a.site");
      Snapshot.write(file, inputs(), gazette.site().eager());
      byte[] bytes = Files.readAllBytes(file);
      bytes[bytes.length / 2] ^= 1;
      Files.write(file, bytes);
      assertThat(Snapshot.read(file)).isEmpty();
      Files.writeString(file, "not a snapshot");
      assertThat(Snapshot.read(file)).isEmpty();
      Files.delete(file);
      assertThat(Snapshot.read(file)).isEmpty();
    }
  }

  @Test
  void aFileNestingBrowserPagesWithoutEndIsNoSnapshotNotAStackOverflow() throws IOException {
    Path file = dir.resolve("cache/crafted.site");
    Files.createDirectories(file.getParent());
    // Framed as Gazette frames it, with a valid checksum: a feed with its browser page reads back...
    Files.write(file, nestedBrowserPages(1));
    assertThat(Snapshot.read(file).orElseThrow().renditions().get("/feed.xml").browser()).isNotNull();
    // ...but not 200,000 browser pages, each inside the one before, as no Gazette writes them.
    Files.write(file, nestedBrowserPages(200_000));
    assertThat(Snapshot.read(file)).isEmpty();
  }

  /** A snapshot file of one rendition, /feed.xml, with browser pages {@code depth} deep. */
  private static byte[] nestedBrowserPages(int depth) throws IOException {
    java.io.ByteArrayOutputStream payload = new java.io.ByteArrayOutputStream();
    java.io.DataOutputStream out = new java.io.DataOutputStream(payload);
    for (String s : new String[] {"key", "digest", "none"}) {
      out.writeInt(s.length());
      out.writeBytes(s);
    }
    out.writeLong(Long.MIN_VALUE); // no next due
    out.writeInt(0);
    out.writeLong(7); // the memory's revision
    out.writeInt(0); // and its facts, none
    out.writeInt(0); // no article files
    out.writeInt(0); // no static files
    out.writeInt(0); // nothing dated
    out.writeInt(1); // one rendition
    out.writeInt("/feed.xml".length());
    out.writeBytes("/feed.xml");
    for (int i = 0; i <= depth; i++) {
      out.writeInt(200);
      out.writeInt(-1); // no location
      for (String field : new String[] {"text/html", "<p>x</p>"}) { // media type, identity
        out.writeInt(field.length());
        out.writeBytes(field);
      }
      out.writeInt(-1); // no gzip
      out.writeInt(3); // etag
      out.writeBytes("\"e\"");
      out.writeLong(0); // last modified
      out.writeByte(0); // caching
      out.writeInt(-1); // self
      out.writeInt(-1); // hub
      out.writeBoolean(i < depth); // a browser page follows
    }
    out.flush();
    byte[] body = payload.toByteArray();
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(body);
    java.io.ByteArrayOutputStream framed = new java.io.ByteArrayOutputStream();
    java.io.DataOutputStream frame = new java.io.DataOutputStream(framed);
    frame.writeInt(0x475a5353);
    frame.writeInt(1);
    frame.writeInt(body.length);
    frame.writeInt((int) crc.getValue());
    frame.write(body);
    return framed.toByteArray();
  }

  @Test
  void aRestoredSiteAnswersItsPathsAndAsksTheRestToComeBack() throws Exception {
    try (Gazette gazette = load()) {
      Site restored = Site.restored(gazette.site().eager());
      assertThat(restored.complete()).isFalse();
      try (FeedServer server = FeedServer.start("127.0.0.1", 0, () -> restored, 60)) {
        HttpClient client = HttpClient.newHttpClient();
        String origin = "http://127.0.0.1:" + server.port();
        HttpResponse<byte[]> feed = client.send(HttpRequest.newBuilder(URI.create(origin + "/feed.xml")).build(),
            HttpResponse.BodyHandlers.ofByteArray());
        Rendition rendered = gazette.site().find("/feed.xml").orElseThrow();
        assertThat(feed.statusCode()).isEqualTo(200);
        assertThat(feed.body()).isEqualTo(rendered.identity());
        assertThat(feed.headers().firstValue("etag")).contains(rendered.etag());
        HttpResponse<String> notModified = client.send(HttpRequest.newBuilder(URI.create(origin + "/feed.xml"))
            .header("If-None-Match", rendered.etag()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(notModified.statusCode()).isEqualTo(304);
        for (String path : new String[] {"/articles/a", "/health", "/no/such/page"}) {
          HttpResponse<String> later = client.send(HttpRequest.newBuilder(URI.create(origin + path)).build(),
              HttpResponse.BodyHandlers.ofString());
          assertThat(later.statusCode()).as(path).isEqualTo(503);
          assertThat(later.headers().firstValue("retry-after")).as(path).contains("1");
        }
      }
    }
  }
}
