package gazette.site;

import static org.assertj.core.api.Assertions.assertThat;

import gazette.catalog.Catalog;
import gazette.catalog.CatalogLoader;
import gazette.article.ContentCache;
import gazette.render.Output;
import gazette.render.Renderers;
import gazette.memory.Memory;
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
  /** File times far from the clock: nothing is dated by them. */
  private static final Instant SOURCES = Instant.parse("2024-05-01T00:00:00Z");

  @TempDir
  Path dir;

  private CatalogLoader loader;
  private final Renderers renderers = new Renderers(new ContentCache());
  private final Memory memory = Memory.ephemeral();

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
    return Site.render(catalog, renderers, memory, previous, now, new Site.Reloads(1, System.nanoTime()));
  }

  private static final Instant SECOND = Instant.parse("2024-06-01T12:00:00Z");

  private String archive(Site site, String extension) {
    Catalog.Archive page = site.catalog().archives().get(0);
    return "/archive/1-" + page.token() + "." + extension;
  }

  @Test
  void aFirstRenderIsDatedWhenItsBytesAreFirstServedNotByFileTimes() throws IOException {
    Site site = render(Optional.empty(), START);

    assertThat(site.find("/feed.xml").orElseThrow().lastModified()).isEqualTo(SECOND);
    assertThat(site.paths()).containsExactlyInAnyOrder("/feed.xml", "/atom.xml", "/feed.json", "/", "/articles/a",
        "/articles/b", archive(site, "xml"), archive(site, "json"), "/feed.xsl", "/style.css", "/health", "/page/1/",
        "/archive/", "/archive/2024/02/", "/archive/2024/01/", "/sitemap.xml", "/robots.txt", "/.gazette/404.html");
  }

  @Test
  void articleAndArchivePagesAreRenderedOnceOnRequest() throws IOException {
    Site site = render(Optional.empty(), START);
    String xml = archive(site, "xml");
    String json = archive(site, "json");

    for (String path : new String[] {"/articles/a", xml, json}) {
      assertThat(site.ready(path)).as(path).isNull();
    }
    assertThat(site.mustRender("/articles/a")).isTrue();
    Rendition page = site.find("/articles/a").orElseThrow();
    assertThat(site.mustRender("/articles/a")).isFalse();
    assertThat(site.find("/articles/a").orElseThrow()).isSameAs(page);
    assertThat(new String(page.identity(), java.nio.charset.StandardCharsets.UTF_8)).contains("<h1>Old</h1>");
    assertThat(page.etag()).isEqualTo(render(Optional.empty(), START).find("/articles/a").orElseThrow().etag());
    assertThat(page.lastModified()).isEqualTo(SECOND);
    assertThat(site.find(xml).orElseThrow().identity()).isNotEmpty();
    assertThat(site.find(json).orElseThrow().caching()).isEqualTo(Output.Caching.IMMUTABLE);
  }

  @Test
  void anArchivePageHasAStableNameThatLeadsToItsCurrentVersion() throws IOException {
    Site site = render(Optional.empty(), START);

    Rendition stable = site.find("/archive/1.xml").orElseThrow();

    assertThat(stable.status()).isEqualTo(301);
    assertThat(stable.location()).isEqualTo(URI.create("https://news.example.org" + archive(site, "xml")));
  }

  @Test
  void onlyCanonicalOnDemandPathsExist() throws IOException {
    Site site = render(Optional.empty(), START);

    for (String path : new String[] {"/articles/zzz", "/archive/0.xml", "/archive/2.xml", "/archive/1.atom",
        "/archive/1", "/archive/-1.json", "/archive/99999999999.xml", "/archive/2-0a1b2c3d4e5f.xml"}) {
      assertThat(site.find(path)).as(path).isEmpty();
    }
  }

  @Test
  void aTouchKeepsEveryEtagAndDate() throws IOException {
    Site first = render(Optional.empty(), START);

    Files.setLastModifiedTime(dir.resolve("a.yaml"), FileTime.from(START));
    Files.setLastModifiedTime(dir.resolve("b.yaml"), FileTime.from(START.plusSeconds(5)));
    Site second = render(Optional.of(first), START.plusSeconds(30));

    for (String path : new String[] {"/feed.xml", "/atom.xml", "/"}) {
      Rendition before = first.find(path).orElseThrow();
      Rendition after = second.find(path).orElseThrow();
      assertThat(after.etag()).as(path).isEqualTo(before.etag());
      assertThat(after.lastModified()).as(path).isEqualTo(before.lastModified());
    }
    assertThat(second.find("/articles/a").orElseThrow().lastModified()).isEqualTo(SECOND);
  }

  @Test
  void anEditedArticleDatesItsOwnPageByTheReloadThatSawIt() throws IOException {
    Site first = render(Optional.empty(), START);

    write("a.yaml", "title: Old, edited outside the feed window\npublished: 2024-01-01\ncontent: x\n");
    Site second = render(Optional.of(first), START.plusSeconds(30));

    assertThat(second.find("/articles/a").orElseThrow().etag()).isNotEqualTo(first.find("/articles/a").orElseThrow().etag());
    assertThat(second.find("/articles/a").orElseThrow().lastModified()).isEqualTo(SECOND.plusSeconds(30));
    assertThat(second.find("/articles/b").orElseThrow().lastModified()).isEqualTo(SECOND);
  }

  @Test
  void changedBytesGetANewEtagAndALaterDate() throws IOException {
    Site first = render(Optional.empty(), START);

    write("b.yaml", "title: New, corrected\npublished: 2024-02-01T10:00:00Z\ncontent: y\n");
    Site second = render(Optional.of(first), START.plusSeconds(30));

    Rendition before = first.find("/feed.xml").orElseThrow();
    Rendition after = second.find("/feed.xml").orElseThrow();
    assertThat(after.etag()).isNotEqualTo(before.etag());
    assertThat(after.lastModified()).isEqualTo(SECOND.plusSeconds(30)).isAfter(before.lastModified());
  }

  @Test
  void aSecondChangeWithinOneSecondStillMovesTheDateForward() throws IOException {
    Site first = render(Optional.empty(), START);
    write("b.yaml", "title: Change one\npublished: 2024-02-01T10:00:00Z\ncontent: y\n");
    Site second = render(Optional.of(first), START);

    write("b.yaml", "title: Change two\npublished: 2024-02-01T10:00:00Z\ncontent: y\n");
    Site third = render(Optional.of(second), START.plusMillis(100));

    assertThat(second.find("/feed.xml").orElseThrow().lastModified()).isEqualTo(SECOND.plusSeconds(1));
    assertThat(third.find("/feed.xml").orElseThrow().lastModified()).isEqualTo(SECOND.plusSeconds(2));
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
