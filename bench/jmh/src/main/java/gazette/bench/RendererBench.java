package gazette.bench;

import gazette.catalog.Catalog;
import gazette.catalog.CatalogLoader;
import gazette.render.AtomRenderer;
import gazette.render.HtmlRenderer;
import gazette.render.JsonFeedRenderer;
import gazette.render.OnDemand;
import gazette.render.RssRenderer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Each renderer, new every time so that nothing is reused from an earlier render, over a catalog of N synthetic articles shaped like the sample story (3 of 20
 * categories each, feed window 50), so a change that slows one renderer shows up alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RendererBench {
  @Param({"200"})
  int articles;

  Catalog catalog;

  @Setup
  public void load() throws IOException {
    Path dir = Files.createTempDirectory("gazette-jmh");
    Files.writeString(dir.resolve("_feed.yaml"), "title: Synthetic News\nid_authority: bench.example.org\n");
    String sample = Files.readString(ParserBench.SAMPLE);
    String content = sample.substring(sample.indexOf("content: |"));
    for (int i = 0; i < articles; i++) {
      Files.writeString(dir.resolve(String.format("story-%06d.yaml", i)),
          "title: Synthetic story " + i + "\npublished: " + LocalDateTime.of(2020, 1, 1, 0, 0).plusMinutes(i) + ":00Z\n"
              + "categories: [Topic " + (i % 20) + ", Topic " + ((i * 7 + 3) % 20) + ", Topic " + ((i * 13 + 5) % 20) + "]\n"
              + content);
    }
    catalog = new CatalogLoader(dir, null, URI.create("https://news.example.org/")).load(Instant.parse("2025-01-01T00:00:00Z"));
  }

  @Benchmark
  public Object rss() {
    return new RssRenderer().render(catalog);
  }

  @Benchmark
  public Object atom() {
    return new AtomRenderer().render(catalog);
  }

  @Benchmark
  public Object jsonFeed() {
    return new JsonFeedRenderer().render(catalog);
  }

  @Benchmark
  public Object html() {
    return new HtmlRenderer().render(catalog);
  }

  /** One Atom archive page of 50 articles, as rendered when first requested. */
  @Benchmark
  public Object archivePage() {
    return OnDemand.render(catalog, "/archive/1.xml").orElseThrow();
  }

  /** One article page, as rendered when first requested. */
  @Benchmark
  public Object articlePage() {
    return OnDemand.render(catalog, "/articles/story-000000").orElseThrow();
  }
}
