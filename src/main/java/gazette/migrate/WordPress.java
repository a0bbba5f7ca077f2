package gazette.migrate;

import gazette.article.Slugs;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * A WordPress export (WXR) as posts: each post keeps its {@code <guid>}, the id WordPress's feeds gave it,
 * and its {@code <link>}'s path as an alias. Content is HTML; paragraphs WordPress makes from blank lines
 * when it shows a post (wpautop) are made here too.
 */
public final class WordPress {
  private static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";
  private static final String DC = "http://purl.org/dc/elements/1.1/";
  private static final Pattern SHORTCODE = Pattern.compile(
      "\\[(?:(?:caption|gallery|embed|audio|video|playlist)\\b[^\\]]*|[a-z_][a-z0-9_-]*\\s+[a-z_-]+=[^\\]]*)\\]");
  private static final Pattern BLOCK = Pattern.compile("^\\s*<(p|div|h[1-6]|ul|ol|blockquote|pre|table|figure|hr|"
      + "!--)", Pattern.CASE_INSENSITIVE);

  private WordPress() {}

  public static List<Post> read(Path export, Report report) throws IOException {
    Document document;
    try (InputStream in = Files.newInputStream(export)) {
      document = builder().parse(in);
    } catch (SAXException e) {
      throw new IOException(export + " is not a WordPress export (WXR): " + e.getMessage());
    }
    List<Post> posts = new ArrayList<>();
    NodeList items = document.getElementsByTagName("item");
    int attachments = 0;
    for (int i = 0; i < items.getLength(); i++) {
      Element item = (Element) items.item(i);
      String type = wp(item, "post_type").orElse("post");
      String title = child(item, null, "title").orElse("");
      String source = "item " + (i + 1) + " (" + (title.isBlank() ? "untitled" : title) + ")";
      if (type.equals("attachment")) {
        attachments++;
        continue;
      }
      if (!type.equals("post")) {
        report.add(source, "a WordPress " + type + ", not a post: not imported");
        continue;
      }
      String status = wp(item, "status").orElse("publish");
      Optional<String> guid = child(item, null, "guid");
      Optional<OffsetDateTime> published = wp(item, "post_date_gmt").filter(d -> !d.startsWith("0000"))
          .flatMap(d -> Dates.parse(d, ZoneOffset.UTC))
          .or(() -> child(item, null, "pubDate").flatMap(d -> Dates.parse(d, ZoneOffset.UTC)));
      if (guid.isEmpty() || published.isEmpty() || title.isBlank()) {
        report.add(source, "not imported: it has no " + (guid.isEmpty() ? "guid" : published.isEmpty() ? "date"
            : "title"));
        continue;
      }
      List<String> categories = new ArrayList<>();
      List<String> tags = new ArrayList<>();
      NodeList cats = item.getElementsByTagName("category");
      for (int c = 0; c < cats.getLength(); c++) {
        Element cat = (Element) cats.item(c);
        String name = cat.getTextContent().strip();
        if (name.isEmpty()) {
          continue;
        }
        (cat.getAttribute("domain").equals("post_tag") ? tags : categories).add(name);
      }
      categories.remove("Uncategorized");
      String content = child(item, CONTENT, "encoded").orElse("");
      Source.unsupported(report, source + " content line ", content, 1, SHORTCODE, "shortcode");
      int meta = 0;
      NodeList children = item.getChildNodes();
      int comments = 0;
      for (int c = 0; c < children.getLength(); c++) {
        Node n = children.item(c);
        if (n.getLocalName() != null && isWp(n)) {
          if (n.getLocalName().equals("postmeta")) {
            String key = ((Element) n).getElementsByTagNameNS(n.getNamespaceURI(), "meta_key").item(0) == null ? ""
                : ((Element) n).getElementsByTagNameNS(n.getNamespaceURI(), "meta_key").item(0).getTextContent();
            meta += key.startsWith("_") ? 0 : 1; // WordPress's own bookkeeping starts with _
          } else if (n.getLocalName().equals("comment")) {
            comments++;
          }
        }
      }
      if (meta > 0) {
        report.add(source, meta + " custom " + (meta == 1 ? "field" : "fields") + " (postmeta) not carried over");
      }
      if (comments > 0) {
        report.add(source, comments + " " + (comments == 1 ? "comment" : "comments") + " not carried over");
      }
      List<String> aliases = new ArrayList<>();
      child(item, null, "link").map(WordPress::path).filter(p -> p.length() > 1).ifPresent(aliases::add);
      String slug = wp(item, "post_name").map(n -> Slugs.of(URLDecoder.decode(n, StandardCharsets.UTF_8))).filter(s -> !s.isEmpty()).orElse(Slugs.of(title));
      String excerpt = child(item, "http://wordpress.org/export/1.2/excerpt/", "encoded")
          .or(() -> child(item, "http://wordpress.org/export/1.1/excerpt/", "encoded")).orElse(null);
      boolean draft = !(status.equals("publish") || status.equals("future"));
      posts.add(new Post(source, guid.get(), title.strip(), published.get(), null, slug.isEmpty() ? "post" : slug,
          child(item, DC, "creator").map(List::of).orElse(List.of()), categories, tags,
          excerpt == null || excerpt.contains("<") ? null : excerpt, null, draft, "html", autop(content), aliases,
          Map.of()));
    }
    if (attachments > 0) {
      report.add(export.getFileName().toString(), attachments + " media " + (attachments == 1 ? "file" : "files")
          + " (attachments) not copied: the content still links to them on the old site");
    }
    return posts;
  }

  /** WordPress's paragraphs: text between blank lines becomes a paragraph, a single line break a {@code <br>}. */
  static String autop(String html) {
    StringBuilder out = new StringBuilder();
    for (String chunk : html.replace("\r\n", "\n").strip().split("\n\\s*\n")) {
      String c = chunk.strip();
      if (c.isEmpty()) {
        continue;
      }
      out.append(out.length() > 0 ? "\n" : "");
      out.append(BLOCK.matcher(c).find() ? c : "<p>" + c.replace("\n", "<br>\n") + "</p>");
    }
    return out.toString();
  }

  private static String path(String link) {
    try {
      String p = new URI(link.strip()).getPath();
      return p == null ? "" : p;
    } catch (java.net.URISyntaxException e) {
      return "";
    }
  }

  private static boolean isWp(Node n) {
    return n.getNamespaceURI() != null && n.getNamespaceURI().startsWith("http://wordpress.org/export/");
  }

  private static Optional<String> wp(Element item, String name) {
    NodeList children = item.getChildNodes();
    for (int c = 0; c < children.getLength(); c++) {
      Node n = children.item(c);
      if (name.equals(n.getLocalName()) && isWp(n)) {
        return Optional.of(n.getTextContent().strip()).filter(s -> !s.isEmpty());
      }
    }
    return Optional.empty();
  }

  /** A direct child's text: {@code namespace} null for RSS's own elements. */
  private static Optional<String> child(Element item, String namespace, String name) {
    NodeList children = item.getChildNodes();
    for (int c = 0; c < children.getLength(); c++) {
      Node n = children.item(c);
      if (name.equals(n.getLocalName()) && java.util.Objects.equals(namespace, n.getNamespaceURI())) {
        return Optional.of(n.getTextContent()).filter(s -> !s.isBlank());
      }
    }
    return Optional.empty();
  }

  /** A namespace-aware parser that reads no DTD and no external entity. */
  private static DocumentBuilder builder() throws IOException {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      return factory.newDocumentBuilder();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's parser has these features", e);
    }
  }
}
