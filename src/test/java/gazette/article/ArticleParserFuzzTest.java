package gazette.article;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Coverage-guided fuzzing of the article parser (Jazzer): whatever bytes a file holds, parsing gives an
 * article or problem lines, and an article's content converts and summarises, without an exception.
 * {@code mvn verify} fuzzes it for a bounded time; plain {@code mvn test} skips it.
 */
class ArticleParserFuzzTest {
  private static final Publication PUBLICATION = PublicationParser.fallback(URI.create("https://news.example.org/"));
  private static final Path FILE = Path.of("articles/2024-01-20-fuzzed.yaml");
  private final ContentCache contents = new ContentCache(8 << 20);

  @FuzzTest(maxDuration = "15s")
  void anyBytesGiveAnArticleOrProblems(byte[] bytes) {
    ArticleParser.Result result = new ArticleParser(PUBLICATION).parse(FILE, bytes);
    Optional<Article> article = result.article();
    if (article.isPresent() == !result.problems().isEmpty()) {
      throw new AssertionError("an article with problems, or neither: " + result);
    }
    for (Problem problem : result.problems()) {
      if (problem.toString().chars().anyMatch(c -> c < 0x20)) {
        throw new AssertionError("a control character in a printed problem: " + problem);
      }
    }
    article.ifPresent(a -> {
      String summary = contents.summary(a) + contents.html(a);
      for (int i = 0; i < summary.length(); i++) {
        if (Character.isSurrogate(summary.charAt(i))
            && !(Character.isHighSurrogate(summary.charAt(i)) && i + 1 < summary.length()
                && Character.isLowSurrogate(summary.charAt(++i)))) {
          throw new AssertionError("half a surrogate pair in " + a.file());
        }
      }
    });
  }
}
