package gazette.site;

import static org.assertj.core.api.Assertions.assertThat;

import gazette.catalog.Catalog;
import gazette.catalog.CatalogLoader;
import gazette.article.ContentCache;
import gazette.render.Output;
import gazette.render.Renderers;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteTest {
  private static final Instant START = Instant.parse("2024-06-01T12:00:00.750Z");
  private static final Instant SOURCES = Instant.parse("2024-05-01T00:00:00Z");

  @TempDir
  Path dir;

  private CatalogLoader loader;
  private final Renderers renderers = new Renderers(new ContentCache());

  @BeforeEach
  void articles() throws IOException {
    write("_feed.yaml", "title: Daily\nlimit: 1\n");
    write("a.yaml", "title: Old\npublished: 2024-01-01\ncontent: x\n");
    write("b.yaml", "title: New\npublished: 2024-02-01T10:00:00Z\ncontent: y\n");
    loader = new CatalogLoader(dir, null, URI.create("https://news.example.org/"));
  }

  private void write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    Files.setLastModifiedTime(file, FileTime.from(SOURCES));
  }

  private Site render(Optional<Site> previous, Instant now) throws IOException {
    Catalog catalog = loader.load(now);
    return Site.render(catalog, renderers, previous, now, new Site.Reloads(1, System.nanoTime()));
  }

  @Test
  void firstRenderIsDatedByItsSourcesNotByTheStart() throws IOException {
    Site site = render(Optional.empty(), START);

    assertThat(site.find("/feed.xml").orElseThrow().lastModified()).isEqualTo(SOURCES);
    assertThat(site.paths()).containsExactlyInAnyOrder("/feed.xml", "/atom.xml", "/feed.json", "/", "/articles/a",
        "/articles/b", "/archive/1.xml", "/archive/1.json", "/feed.xsl", "/health");
  }

  @Test
  void articleAndArchivePagesAreRenderedOnceOnRequest() throws IOException {
    Site site = render(Optional.empty(), START);

    for (String path : new String[] {"/articles/a", "/archive/1.xml", "/archive/1.json"}) {
      assertThat(site.ready(path)).as(path).isNull();
    }
    assertThat(site.mustRender("/articles/a")).isTrue();
    Rendition page = site.find("/articles/a").orElseThrow();
    assertThat(site.mustRender("/articles/a")).isFalse();
    assertThat(site.find("/articles/a").orElseThrow()).isSameAs(page);
    assertThat(new String(page.identity(), java.nio.charset.StandardCharsets.UTF_8)).contains("<h1>Old</h1>");
    assertThat(page.etag()).isEqualTo(render(Optional.empty(), START).find("/articles/a").orElseThrow().etag());
    assertThat(page.lastModified()).isEqualTo(SOURCES);
    assertThat(site.find("/archive/1.xml").orElseThrow().identity()).isNotEmpty();
    assertThat(site.find("/archive/1.json").orElseThrow().caching()).isEqualTo(Output.Caching.SHARED);
  }

  @Test
  void onlyCanonicalOnDemandPathsExist() throws IOException {
    Site site = render(Optional.empty(), START);

    for (String path : new String[] {"/articles/", "/articles/zzz", "/archive/0.xml", "/archive/01.xml",
        "/archive/2.xml", "/archive/1.atom", "/archive/1", "/archive/-1.json", "/archive/99999999999.xml"}) {
      assertThat(site.find(path)).as(path).isEmpty();
    }
  }

  @Test
  void unchangedBytesKeepTheirEtagAndDate() throws IOException {
    Site first = render(Optional.empty(), START);

    write("a.yaml", "title: Old, edited outside the feed window\npublished: 2024-01-01\ncontent: x\n");
    Site second = render(Optional.of(first), START.plusSeconds(30));

    Rendition before = first.find("/feed.xml").orElseThrow();
    Rendition after = second.find("/feed.xml").orElseThrow();
    assertThat(after.etag()).isEqualTo(before.etag());
    assertThat(after.lastModified()).isEqualTo(before.lastModified());
    assertThat(second.find("/articles/a").orElseThrow().etag()).isNotEqualTo(first.find("/articles/a").orElseThrow().etag());
    assertThat(second.find("/articles/a").orElseThrow().lastModified()).isEqualTo(Instant.parse("2024-06-01T12:00:30Z"));
  }

  @Test
  void changedBytesGetANewEtagAndALaterDate() throws IOException {
    Site first = render(Optional.empty(), START);

    write("b.yaml", "title: New, corrected\npublished: 2024-02-01T10:00:00Z\ncontent: y\n");
    Site second = render(Optional.of(first), START);

    Rendition before = first.find("/feed.xml").orElseThrow();
    Rendition after = second.find("/feed.xml").orElseThrow();
    assertThat(after.etag()).isNotEqualTo(before.etag());
    assertThat(after.lastModified()).isEqualTo(Instant.parse("2024-06-01T12:00:00Z")).isAfter(before.lastModified());
  }

  @Test
  void aSecondChangeWithinOneSecondStillMovesTheDateForward() throws IOException {
    Site first = render(Optional.empty(), START);
    write("b.yaml", "title: Change one\npublished: 2024-02-01T10:00:00Z\ncontent: y\n");
    Site second = render(Optional.of(first), START);

    write("b.yaml", "title: Change two\npublished: 2024-02-01T10:00:00Z\ncontent: y\n");
    Site third = render(Optional.of(second), START.plusMillis(100));

    assertThat(third.find("/feed.xml").orElseThrow().lastModified())
        .isEqualTo(second.find("/feed.xml").orElseThrow().lastModified().plusSeconds(1));
  }

  @Test
  void gzipIsKeptOnlyWhenSmaller() throws IOException {
    Site site = render(Optional.empty(), START);

    Rendition feed = site.find("/feed.xml").orElseThrow();
    assertThat(feed.gzip()).isNotNull();
    assertThat(feed.gzip().length).isLessThan(feed.identity().length);
    assertThat(Site.gzip(new byte[] {1})).hasSizeGreaterThan(1);
  }
}
