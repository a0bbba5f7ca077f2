package gazette.render;

import static org.assertj.core.api.Assertions.assertThat;

import gazette.catalog.Catalog;
import gazette.catalog.CatalogLoader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoutesTest {
  private static final Routes ROUTES = new Routes(URI.create("https://news.example.org/daily/"));

  private static Catalog features() throws IOException {
    return new CatalogLoader(Path.of("src/test/resources/fixtures/features"), null, URI.create("http://127.0.0.1/"))
        .load(Instant.parse("2025-01-01T00:00:00Z"));
  }

  @Test
  void everyRouteOfACatalogParsesBackFromItsPath() throws IOException {
    Catalog catalog = features();
    List<Route> routes = new ArrayList<>(Routes.eager(catalog));
    routes.addAll(Routes.onDemand(catalog));

    assertThat(routes).hasSizeGreaterThan(30);
    for (Route route : routes) {
      assertThat(Routes.parse(Routes.path(route))).as(Routes.path(route)).contains(route);
    }
  }

  @Test
  void eachFormatHasItsFeedsAtItsFileNameAndArchivesWhenPaged() {
    for (Format format : Format.ALL) {
      assertThat(Routes.path(Route.Feed.main(format))).isEqualTo("/" + format.fileName());
      assertThat(Routes.path(new Route.Feed("world", format))).isEqualTo("/categories/world/" + format.fileName());
    }
    assertThat(Routes.parse("/archive/3-0a1b2c3d4e5f.xml")).contains(new Route.Archive(3, "0a1b2c3d4e5f", Format.ATOM));
    assertThat(Routes.parse("/archive/3-0a1b2c3d4e5f.json")).contains(new Route.Archive(3, "0a1b2c3d4e5f", Format.JSON_FEED));
    assertThat(Routes.parse("/archive/3.xml")).as("a page's stable name").contains(new Route.Archive(3, null, Format.ATOM));
    assertThat(Format.RSS.archives()).isEqualTo(Format.ATOM);
  }

  @Test
  void listingPagesTheArchiveTheSitemapAndRobotsHaveTheirOwnPaths() {
    assertThat(Routes.parse("/page/2/")).contains(new Route.ListingPage(null, 2));
    assertThat(Routes.parse("/categories/world/page/12/")).contains(new Route.ListingPage("world", 12));
    assertThat(Routes.parse("/categories/page/")).as("a category named page").contains(new Route.CategoryPage("page"));
    assertThat(Routes.parse("/archive/")).contains(new Route.ArchiveIndex());
    assertThat(Routes.parse("/archive/2024/01/")).contains(new Route.ArchiveMonth(2024, 1));
    assertThat(Routes.parse("/archive/1.xml")).as("archive feeds keep theirs").contains(new Route.Archive(1, null, Format.ATOM));
    assertThat(Routes.parse("/sitemap.xml")).contains(new Route.Sitemap(0));
    assertThat(Routes.parse("/sitemap-3.xml")).contains(new Route.Sitemap(3));
    assertThat(Routes.parse("/robots.txt")).contains(new Route.Robots());
    assertThat(Routes.parse("/favicon.ico")).contains(new Route.Favicon());
    assertThat(Routes.path(new Route.Static("/media/bridge.jpg"))).isEqualTo("/media/bridge.jpg");
    assertThat(Routes.parse("/media/bridge.jpg")).as("static files are not Gazette's routes").isEmpty();
    assertThat(Routes.canonical("/page/2")).contains("/page/2/");
    assertThat(Routes.canonical("/archive/2024/01")).contains("/archive/2024/01/");
  }

  @Test
  void urlsAreAbsoluteUnderTheBase() {
    assertThat(ROUTES.url(new Route.CategoryPage("world"))).isEqualTo(URI.create("https://news.example.org/daily/categories/world/"));
    assertThat(ROUTES.url(new Route.ArticlePage("a-story"))).isEqualTo(URI.create("https://news.example.org/daily/articles/a-story"));
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({"//feed.xml, /feed.xml", "/categories/world, /categories/world/",
      "/articles/a-story/, /articles/a-story", "/feed.xml/, /feed.xml", "/archive//1.xml, /archive/1.xml"})
  void aNonCanonicalSpellingNamesItsCanonicalOne(String path, String canonical) {
    assertThat(Routes.canonical(path)).contains(canonical);
    assertThat(Routes.canonical(canonical)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "feed.xml", "//feed.xml", "/articles/", "/articles/Upper", "/articles/a/", "/articles/a/b",
      "/categories/world", "/categories//feed.xml", "/categories/world/rss.xml", "/archive/0.xml", "/archive/01.xml",
      "/archive/1.atom", "/archive/1", "/archive/-1.json", "/archive/99999999999.xml", "/archive/1.xml/",
      "/archive/1-.xml", "/archive/1-XYZ.xml", "/archive/1-ab-cd.xml",
      "/feed.xml/", "/health/", "/../_feed.yaml", "/articles/../_feed.yaml",
      "/page/", "/page/0/", "/page/01/", "/page/1", "/page/x/", "/page/1/2/", "/categories/world/page/0/",
      "/categories/world/page/", "/archive/2024/", "/archive/2024/1/", "/archive/2024/13/", "/archive/0000/01/",
      "/archive/2024/00/", "/archive/2024/01", "/archive/24/01/", "/sitemap-0.xml", "/sitemap-01.xml", "/sitemap-.xml",
      "/sitemap.xml/", "/robots.txt/"})
  void onlyTheCanonicalSpellingOfARouteParses(String path) {
    assertThat(Routes.parse(path)).isEmpty();
  }
}
