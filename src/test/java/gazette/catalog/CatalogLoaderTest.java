package gazette.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import gazette.article.Article;
import gazette.article.Problem;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogLoaderTest {
  private static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");

  @TempDir
  Path dir;

  private CatalogLoader loader;

  @BeforeEach
  void publication() throws IOException {
    write("_feed.yaml", "title: Daily\nlimit: 2\n");
    loader = new CatalogLoader(dir, null, URI.create("https://news.example.org/"));
  }

  private void write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private static String article(String title, String published) {
    return "title: " + title + "\npublished: " + published + "\ncontent: Text of " + title + ".\n";
  }

  @Test
  void publishedArticlesComeNewestFirstAndTheFeedHoldsTheLimit() throws IOException {
    write("a.yaml", article("A", "2024-01-01"));
    write("b.yaml", article("B", "2024-03-01"));
    write("sub/c.yml", article("C", "2024-02-01"));

    Catalog catalog = loader.load(NOW);

    assertThat(catalog.articles()).map(Article::title).containsExactly("B", "C", "A");
    assertThat(catalog.feed()).map(Article::title).containsExactly("B", "C");
    assertThat(catalog.problems()).isEmpty();
  }

  @Test
  void draftsAndFutureArticlesAreNotPublished() throws IOException {
    write("a.yaml", article("A", "2024-01-01"));
    write("draft.yaml", article("Draft", "2024-01-02") + "draft: true\n");
    write("later.yaml", article("Later", "2024-07-01T08:00:00Z"));

    Catalog catalog = loader.load(NOW);

    assertThat(catalog.articles()).map(Article::title).containsExactly("A");
    assertThat(catalog.nextDue()).contains(Instant.parse("2024-07-01T08:00:00Z"));
    assertThat(loader.load(Instant.parse("2024-07-01T08:00:00Z")).articles()).map(Article::title)
        .containsExactly("Later", "A");
  }

  @Test
  void hiddenFilesBackupsAndOtherExtensionsAreIgnored() throws IOException {
    write("a.yaml", article("A", "2024-01-01"));
    write(".a.yaml.swp", "garbage: [");
    write("a.yaml~", "garbage: [");
    write("a.yaml.tmp", "garbage: [");
    write("_template.yaml", "garbage: [");
    write(".git/config.yaml", "garbage: [");
    write("notes.md", "# notes");

    Catalog catalog = loader.load(NOW);

    assertThat(catalog.articles()).map(Article::title).containsExactly("A");
    assertThat(catalog.problems()).isEmpty();
  }

  @Test
  void duplicateIdsAndSlugsAcrossFilesAreReportedOnTheLaterFile() throws IOException {
    write("a.yaml", article("A", "2024-01-01") + "slug: same\nid: urn:x:1\n");
    write("b.yaml", article("B", "2024-01-02") + "slug: same\nid: urn:x:1\n");

    Catalog catalog = loader.load(NOW);

    assertThat(catalog.articles()).map(Article::title).containsExactly("A");
    assertThat(catalog.problems()).map(Problem::toString).containsExactly(
        dir.resolve("b.yaml") + ":4:7: slug: \"same\" is already used by " + dir.resolve("a.yaml"),
        dir.resolve("b.yaml") + ":5:5: id: \"urn:x:1\" is already used by " + dir.resolve("a.yaml"));
  }

  @Test
  void duplicatesFollowEditsAndDeletesFileByFile() throws IOException {
    write("a.yaml", article("A", "2024-01-01") + "slug: same\n");
    write("b.yaml", article("B", "2024-01-02") + "slug: other\n");
    write("c.yaml", article("C", "2024-01-03") + "slug: third\n");
    loader.load(NOW);

    write("b.yaml", article("B", "2024-01-02") + "slug: same\n");
    Catalog clash = loader.refresh(Set.of(dir.resolve("b.yaml")), NOW);
    assertThat(clash.articles()).map(Article::title).containsExactly("C", "A");
    assertThat(clash.problems()).map(Problem::toString).containsExactly(
        dir.resolve("b.yaml") + ":4:7: slug: \"same\" is already used by " + dir.resolve("a.yaml"));

    Files.delete(dir.resolve("a.yaml"));
    Catalog resolved = loader.refresh(Set.of(dir.resolve("a.yaml")), NOW);
    assertThat(resolved.articles()).map(Article::title).containsExactly("C", "B");
    assertThat(resolved.problems()).map(Problem::toString).containsExactly(dir.resolve("b.yaml")
        + ":1:1: warning: id: this article was published as \"tag:news.example.org,2024-01-02:other\"; as written it"
        + " would get \"tag:news.example.org,2024-01-02:same\" where the memory is lost (gazette pin writes id: into the file)");
    assertThat(resolved.article("same")).map(Article::title).contains("B");

    write("c.yaml", article("C", "2024-01-03") + "slug: third\ndraft: true\n");
    Catalog drafted = loader.refresh(Set.of(dir.resolve("c.yaml")), NOW);
    assertThat(drafted.articles()).map(Article::title).containsExactly("B");
    assertThat(drafted.article("third")).isEmpty();
  }

  @Test
  void anEditIsDatedByTheReloadThatSawItWhateverTheFileTimes() throws IOException {
    write("a.yaml", article("A", "2024-01-01"));
    Files.setLastModifiedTime(dir.resolve("a.yaml"), FileTime.from(Instant.parse("2024-01-05T00:00:00Z")));
    Catalog first = loader.load(NOW);
    assertThat(first.since(first.articles().get(0))).isEqualTo(NOW);

    write("a.yaml", article("A, edited", "2024-01-01"));
    Files.setLastModifiedTime(dir.resolve("a.yaml"), FileTime.from(Instant.parse("2024-01-04T00:00:00Z")));
    Catalog edited = loader.refresh(Set.of(dir.resolve("a.yaml")), NOW.plusSeconds(60));
    assertThat(edited.since(edited.articles().get(0))).isEqualTo(NOW.plusSeconds(60));

    Files.setLastModifiedTime(dir.resolve("a.yaml"), FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
    Catalog touched = loader.refresh(Set.of(dir.resolve("a.yaml")), NOW.plusSeconds(120));
    assertThat(touched.since(touched.articles().get(0))).isEqualTo(NOW.plusSeconds(60));
  }

  @Test
  void brokenEditKeepsTheLastGoodVersionPublished() throws IOException {
    write("a.yaml", article("Good", "2024-01-01"));
    loader.load(NOW);

    write("a.yaml", "title: Broken\npublished: never\ncontent: x\n");
    Catalog broken = loader.load(NOW);

    assertThat(broken.articles()).map(Article::title).containsExactly("Good");
    assertThat(broken.problems()).map(Problem::toString).containsExactly(dir.resolve("a.yaml")
        + ":2:12: published: \"never\" is not a date (expected 2024-01-20 or 2024-01-20T10:00:00+04:00)");

    write("a.yaml", article("Fixed", "2024-01-01"));
    Catalog fixed = loader.load(NOW);

    assertThat(fixed.articles()).map(Article::title).containsExactly("Fixed");
    assertThat(fixed.problems()).isEmpty();
  }

  @Test
  void brokenPublicationKeepsTheLastGoodOne() throws IOException {
    write("a.yaml", article("A", "2024-01-01"));
    loader.load(NOW);

    write("_feed.yaml", "title: [oops\n");
    Catalog catalog = loader.load(NOW);

    assertThat(catalog.publication().title()).isEqualTo("Daily");
    assertThat(catalog.publicationInvalid()).isTrue();
    assertThat(catalog.articles()).map(Article::title).containsExactly("A");
  }

  @Test
  void missingPublicationIsAProblem() throws IOException {
    Files.delete(dir.resolve("_feed.yaml"));

    Catalog catalog = new CatalogLoader(dir, null, URI.create("https://news.example.org/")).load(NOW);

    assertThat(catalog.publicationInvalid()).isTrue();
    assertThat(catalog.problems()).map(Problem::toString).containsExactly(
        dir.resolve("_feed.yaml") + ":1:1: file is missing (a publication needs at least a title: line)");
  }

  @Test
  void deletedFileIsUnpublished() throws IOException {
    write("a.yaml", article("A", "2024-01-01"));
    write("b.yaml", article("B", "2024-01-02"));
    loader.load(NOW);

    Files.delete(dir.resolve("b.yaml"));

    assertThat(loader.load(NOW).articles()).map(Article::title).containsExactly("A");
  }
}
