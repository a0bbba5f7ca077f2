package gazette.render;

import gazette.catalog.Catalog;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code /sitemap.xml} (sitemaps.org 0.9): every HTML page with content, each with the newest {@code updated}
 * among what it shows as {@code lastmod}. Past {@code perFile} pages, {@code /sitemap.xml} is a sitemap index
 * and the pages are listed by {@code /sitemap-1.xml}, {@code /sitemap-2.xml}, ...
 */
final class SitemapRenderer implements Renderer<SitemapRenderer.Document> {
  private static final String NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9";

  /** One {@code <url>} or {@code <sitemap>}: its location and when it last changed (null: not known). */
  record Entry(String loc, Instant lastmod) {}

  /** A sitemap file: an index of parts, or a set of page URLs. */
  record Document(Route.Sitemap route, boolean index, List<Entry> entries) {
    Document {
      entries = List.copyOf(entries);
    }
  }

  private final int perFile;
  /** The listing pages' dates found at the last reloads, found again only where a page's articles changed. */
  private final Routes.Newest newest = new Routes.Newest();

  /** @param perFile the most URLs one file lists ({@link Routes#SITEMAP_URLS} but in tests) */
  SitemapRenderer(int perFile) {
    this.perFile = perFile;
  }

  @Override
  public Optional<Document> view(Route route, Catalog catalog, Reload reload) {
    Route.Sitemap sitemap = (Route.Sitemap) route;
    Routes routes = Routes.of(catalog.publication());
    List<Routes.Listed> pages = Routes.listed(catalog, newest);
    int parts = (pages.size() + perFile - 1) / perFile;
    if (parts <= 1) {
      return sitemap.part() == 0 ? Optional.of(new Document(sitemap, false, entries(routes, pages))) : Optional.empty();
    }
    if (sitemap.part() == 0) {
      // The index names each part and its newest date: no page's URL is needed (a site of 100,000 articles
      // would make 100,000 of them at every reload).
      List<Entry> index = new ArrayList<>();
      for (int part = 1; part <= parts; part++) {
        Instant newest = pages.subList((part - 1) * perFile, Math.min(pages.size(), part * perFile)).stream()
            .map(Routes.Listed::updated).filter(t -> t != null).max(Instant::compareTo).orElse(null);
        index.add(new Entry(routes.url(new Route.Sitemap(part)).toASCIIString(), newest));
      }
      return Optional.of(new Document(sitemap, true, index));
    }
    return sitemap.part() <= parts
        ? Optional.of(new Document(sitemap, false, entries(routes, pages.subList((sitemap.part() - 1) * perFile,
            Math.min(pages.size(), sitemap.part() * perFile)))))
        : Optional.empty();
  }

  private static List<Entry> entries(Routes routes, List<Routes.Listed> pages) {
    List<Entry> entries = new ArrayList<>(pages.size());
    for (Routes.Listed listed : pages) {
      entries.add(new Entry(routes.url(listed.route()).toASCIIString(), listed.updated()));
    }
    return entries;
  }

  @Override
  public Output render(Document document) {
    String root = document.index() ? "sitemapindex" : "urlset";
    String item = document.index() ? "sitemap" : "url";
    StringBuilder xml = new StringBuilder(128 + document.entries().size() * 120)
        .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<").append(root).append(" xmlns=\"").append(NAMESPACE)
        .append("\">\n");
    for (Entry entry : document.entries()) {
      xml.append("  <").append(item).append("><loc>").append(escape(entry.loc())).append("</loc>");
      if (entry.lastmod() != null) {
        xml.append("<lastmod>").append(DateTimeFormatter.ISO_INSTANT.format(entry.lastmod().truncatedTo(ChronoUnit.SECONDS)))
            .append("</lastmod>");
      }
      xml.append("</").append(item).append(">\n");
    }
    xml.append("</").append(root).append(">\n");
    return Output.page(document.route(), MediaTypes.XML, xml.toString().getBytes(StandardCharsets.UTF_8),
        Output.Caching.SHARED);
  }

  /** The entity escaping sitemaps.org asks of a URL ({@code toASCIIString} has percent-encoded the rest). */
  private static String escape(String url) {
    return url.replace("&", "&amp;").replace("'", "&apos;").replace("\"", "&quot;").replace(">", "&gt;")
        .replace("<", "&lt;");
  }
}
