package gazette.render;

import static org.assertj.core.api.Assertions.assertThat;

import gazette.catalog.Catalog;
import gazette.catalog.CatalogLoader;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;

/**
 * The sitemap past its size limit: an index of parts, each valid against the sitemaps.org schema, that list
 * every page once. The limit is 50,000 URLs; a small one here makes the fixture split.
 */
class SitemapRendererTest {
  private static final Pattern LOC = Pattern.compile("<loc>([^<]+)</loc>");
  private static final Reload RELOAD = new Reload(Instant.EPOCH, Duration.ZERO, 1);

  private static Catalog features() throws Exception {
    return new CatalogLoader(Path.of("src/test/resources/fixtures/features"), null, URI.create("http://127.0.0.1/"))
        .load(Instant.parse("2025-01-01T00:00:00Z"));
  }

  private static void validate(String schema, byte[] xml) throws Exception {
    SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
        .newSchema(Path.of("src/test/resources/sitemaps", schema).toFile())
        .newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
  }

  private static List<String> locs(byte[] xml) {
    List<String> out = new ArrayList<>();
    Matcher m = LOC.matcher(new String(xml, StandardCharsets.UTF_8));
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static byte[] render(SitemapRenderer renderer, Catalog catalog, int part) {
    return renderer.view(new Route.Sitemap(part), catalog, RELOAD).map(renderer::render).orElseThrow().body();
  }

  @Test
  void pastItsLimitTheSitemapIsAnIndexOfPartsThatListEveryPageOnce() throws Exception {
    Catalog catalog = features();
    Routes routes = Routes.of(catalog.publication());
    List<String> pages = Routes.pages(catalog).stream().map(r -> routes.url(r).toString()).toList();
    SitemapRenderer renderer = new SitemapRenderer(4);

    byte[] index = render(renderer, catalog, 0);

    validate("siteindex.xsd", index);
    int parts = (pages.size() + 3) / 4;
    assertThat(locs(index)).containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, parts)
        .mapToObj(n -> routes.url(new Route.Sitemap(n)).toString()).toList());
    assertThat(new String(index, StandardCharsets.UTF_8)).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n  <sitemap><loc>");
    List<String> listed = new ArrayList<>();
    for (int part = 1; part <= parts; part++) {
      byte[] xml = render(renderer, catalog, part);
      validate("sitemap.xsd", xml);
      assertThat(locs(xml)).hasSizeLessThanOrEqualTo(4);
      listed.addAll(locs(xml));
    }
    assertThat(listed).containsExactlyElementsOf(pages);
    assertThat(renderer.view(new Route.Sitemap(parts + 1), catalog, RELOAD)).isEmpty();
  }

  @Test
  void withinItsLimitTheSitemapIsOneValidFile() throws Exception {
    Catalog catalog = features();

    byte[] xml = render(new SitemapRenderer(Routes.SITEMAP_URLS), catalog, 0);

    validate("sitemap.xsd", xml);
    assertThat(locs(xml)).hasSize(Routes.pages(catalog).size()).contains("https://features.example.org/news/");
  }
}
