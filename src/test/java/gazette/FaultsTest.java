package gazette;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gazette.article.Article;
import gazette.article.ArticleCodec;
import gazette.article.ArticleParser;
import gazette.article.ContentCache;
import gazette.article.Problem;
import gazette.article.Publication;
import gazette.article.PublicationParser;
import gazette.catalog.Catalog;
import gazette.catalog.Catalogs;
import gazette.memory.Memory;
import gazette.render.Renderers;
import gazette.site.Site;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FaultsTest {
  private static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");
  private static final Publication PUBLICATION = PublicationParser.fallback(URI.create("https://news.example.org/"));
  private final ContentCache contents = new ContentCache();

  private static Article parse(String name, String title) {
    return new ArticleParser(PUBLICATION).parse(Path.of("articles", name),
        ("title: " + title + "\npublished: 2024-01-20\ncontent: " + "x".repeat(777) + "\n").getBytes(StandardCharsets.UTF_8))
        .article().orElseThrow();
  }

  /** A real article whose stored content length no longer matches its bytes, as a damaged parse cache could give. */
  private Article broken(String name) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ArticleCodec.write(parse(name, "Broken"), new ContentCache(), new DataOutputStream(out));
    byte[] bytes = out.toByteArray();
    byte[] length = ByteBuffer.allocate(4).putInt(777).array();
    for (int i = 0; i + 4 <= bytes.length; i++) {
      if (ByteBuffer.wrap(bytes, i, 4).getInt() == 777) {
        System.arraycopy(ByteBuffer.allocate(4).putInt(778).array(), 0, bytes, i, 4);
        return ArticleCodec.read(Path.of("articles", name), contents, new DataInputStream(new ByteArrayInputStream(bytes)));
      }
    }
    throw new AssertionError("no length " + java.util.Arrays.toString(length) + " in the encoded article");
  }

  private static Catalog catalog(List<Article> articles) {
    return Catalogs.of(PUBLICATION, articles, NOW);
  }

  @Test
  void anArticleThatCannotBeRenderedIsLeftOutWithAProblemNamingItsFile() throws IOException {
    Article good = parse("good.yaml", "Good");
    Catalog catalog = catalog(List.of(good, broken("broken.yaml")));
    assertThatThrownBy(() -> Site.render(catalog, new Renderers(contents), Memory.ephemeral(), Optional.empty(), NOW,
        new Site.Reloads(1, System.nanoTime()))).isInstanceOf(IllegalStateException.class);
    Faults faults = new Faults(contents);

    boolean found = faults.find(catalog, null, NOW);
    Catalog without = faults.exclude(catalog);

    assertThat(found).isTrue();
    assertThat(without.articles()).containsExactly(good);
    assertThat(without.problems()).map(Problem::toString).containsExactly(
        "articles/broken.yaml:1:1: cannot be published: IllegalStateException while rendering it (a bug in Gazette; please report it)");
    Site site = Site.render(without, new Renderers(contents), Memory.ephemeral(), Optional.empty(), NOW, new Site.Reloads(1, System.nanoTime()));
    assertThat(new String(site.find("/feed.xml").orElseThrow().identity(), StandardCharsets.UTF_8)).contains("<title>Good</title>");
  }

  @Test
  void aFaultIsForgottenWhenItsArticleIsGone() throws IOException {
    Article good = parse("good.yaml", "Good");
    Catalog catalog = catalog(List.of(good, broken("broken.yaml")));
    Faults faults = new Faults(contents);
    faults.find(catalog, null, NOW);

    Catalog fixed = faults.exclude(catalog(List.of(good, parse("broken.yaml", "Fixed"))));

    assertThat(fixed.articles()).map(Article::title).containsExactlyInAnyOrder("Good", "Fixed");
    assertThat(fixed.problems()).isEmpty();
  }

  @Test
  void aFailureNoArticleCausesIsNotBlamedOnAny() {
    Faults faults = new Faults(contents);

    assertThat(faults.find(catalog(List.of(parse("good.yaml", "Good"))), null, NOW)).isFalse();
  }
}
