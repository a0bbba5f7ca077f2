package gazette.bench;

import gazette.article.ArticleParser;
import gazette.article.ContentCache;
import gazette.article.Publication;
import gazette.article.PublicationParser;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Parsing the sample story (about 5 KB of Markdown). {@code yamlComposeOnly} is the baseline: the
 * SnakeYAML composition every parse starts with, so the ratio parse/compose shows Gazette's own cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ParserBench {
  static final Path SAMPLE = Path.of(System.getProperty("gazette.sample",
      "articles/2024-01-20-azerbaijan-us-ambassador-credentials.yaml"));

  byte[] bytes;
  String text;
  ArticleParser parser;

  @Setup
  public void read() throws IOException {
    bytes = Files.readAllBytes(SAMPLE);
    text = Files.readString(SAMPLE);
    Publication publication = PublicationParser.fallback(URI.create("https://news.example.org/"));
    parser = new ArticleParser(publication);
  }

  @Benchmark
  public Object parseArticle() {
    return parser.parse(SAMPLE, bytes, java.time.Instant.EPOCH);
  }

  /** Parsing and then converting the content to sanitised HTML, as the first output that shows it does. */
  @Benchmark
  public Object parseAndConvert() {
    // a new cache each time: the conversion is what is measured
    return new ContentCache().html(parser.parse(SAMPLE, bytes, java.time.Instant.EPOCH).article().orElseThrow());
  }

  @Benchmark
  public Object yamlComposeOnly() {
    LoaderOptions options = new LoaderOptions();
    return new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
  }
}
