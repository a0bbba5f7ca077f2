package gazette.article;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Turns an article's {@code content} into the HTML every output shares: converted from its format,
 * sanitised (no scripts, styles or event handlers), with every {@code href}, {@code src} and
 * {@code srcset} made absolute against the base URL (and http(s) only, {@code srcset} candidates too),
 * written as ASCII, and free of characters XML forbids.
 */
final class Content {
  /** How {@code content} is written. */
  enum Format {
    MARKDOWN, HTML, TEXT;

    static Format named(String name) {
      return valueOf(name.toUpperCase(Locale.ROOT));
    }
  }

  static final int SUMMARY_LENGTH = 300;
  private static final Pattern GRAPHEME = Pattern.compile("\\X");

  private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create(), AutolinkExtension.create());
  private static final Parser MARKDOWN = Parser.builder().extensions(EXTENSIONS).build();
  private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS).build();
  private static final Safelist SAFELIST = Safelist.relaxed()
      .addTags("hr", "figure", "figcaption", "del", "ins", "s", "mark", "abbr", "picture", "source", "audio", "video", "time")
      .addAttributes("abbr", "title")
      .addAttributes("time", "datetime")
      .addAttributes("th", "align")
      .addAttributes("td", "align")
      .addAttributes("code", "class")
      .addAttributes("img", "srcset", "sizes", "loading", "width", "height")
      .addAttributes("source", "src", "srcset", "type", "media", "sizes")
      .addAttributes("audio", "src", "controls", "preload")
      .addAttributes("video", "src", "controls", "preload", "poster", "width", "height")
      .addProtocols("source", "src", "http", "https")
      .addProtocols("audio", "src", "http", "https")
      .addProtocols("video", "src", "http", "https")
      .addProtocols("video", "poster", "http", "https");

  private Content() {}

  /** An article body as HTML, and the plain-text summary drawn from its first paragraph. */
  record Rendered(String html, String summary) {}

  /** Converts, sanitises and absolutises in one pass over one parsed document. */
  static Rendered render(String source, Format format, URI base) {
    String raw = switch (format) {
      case MARKDOWN -> RENDERER.render(MARKDOWN.parse(source));
      case HTML -> source;
      case TEXT -> paragraphs(source);
    };
    // Cleaning against the base URL makes href/src absolute: the safelist resolves every URL it checks.
    Document clean = new Cleaner(SAFELIST).clean(Jsoup.parseBodyFragment(XmlText.clean(raw), base.toString()));
    clean.outputSettings(output());
    for (Element el : clean.select("[srcset]")) {
      String srcset = absoluteSrcset(el.attr("srcset"), base);
      if (srcset.isEmpty()) {
        el.removeAttr("srcset");
      } else {
        el.attr("srcset", srcset);
      }
    }
    for (Element el : clean.select("[href], [src], [poster]")) {
      for (String name : new String[] {"href", "src", "poster"}) {
        if (el.hasAttr(name)) {
          el.attr(name, Urls.ascii(el.attr(name)));
        }
      }
    }
    String html = clean.body().html().strip();
    for (Element img : clean.select("img")) {
      img.replaceWith(new TextNode(img.attr("alt")));
    }
    Element first = clean.selectFirst("p");
    String summary = shorten((first != null ? first.text() : clean.body().text()).strip(), SUMMARY_LENGTH);
    return new Rendered(html, summary);
  }

  /** Output settings are mutable and hold an encoder, so each document gets its own. */
  private static Document.OutputSettings output() {
    return new Document.OutputSettings().prettyPrint(false).charset("UTF-8").escapeMode(Entities.EscapeMode.xhtml);
  }

  /**
   * Cuts text near {@code limit} characters, at a space when there is one in the last third, else at the
   * last grapheme boundary before the limit: an emoji, a flag or a letter with its accents is kept whole
   * or left out whole, never split (a half surrogate pair is not text, and breaks every serialiser).
   */
  static String shorten(String text, int limit) {
    if (text.length() <= limit) {
      return text;
    }
    int cut = text.lastIndexOf(' ', limit);
    if (cut < limit * 2 / 3) {
      cut = graphemeBoundary(text, limit);
    }
    return text.substring(0, cut).stripTrailing() + "…";
  }

  /** The last extended grapheme cluster boundary (Unicode UAX #29, as {@code \X} matches) at or before {@code index}. */
  static int graphemeBoundary(String text, int index) {
    Matcher cluster = GRAPHEME.matcher(text);
    int boundary = 0;
    while (cluster.find() && cluster.end() <= index) {
      boundary = cluster.end();
    }
    if (boundary == 0) {
      // One cluster longer than the limit (a letter under thousands of marks): keep code points whole at least.
      boundary = Character.isLowSurrogate(text.charAt(index)) ? index - 1 : index;
    }
    return boundary;
  }

  private static String paragraphs(String text) {
    StringBuilder out = new StringBuilder();
    for (String paragraph : text.strip().split("\\R\\s*\\R")) {
      out.append("<p>")
          .append(Entities.escape(paragraph.strip()).replaceAll("\\R", "<br>"))
          .append("</p>\n");
    }
    return out.toString();
  }

  /**
   * Each candidate of a {@code srcset} made absolute and kept only if http(s). Candidates are split as
   * the HTML standard splits them: a URL is a run of non-space characters (a {@code data:} URL keeps its
   * comma), then descriptors up to the next comma.
   */
  private static String absoluteSrcset(String srcset, URI base) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    int n = srcset.length();
    while (i < n) {
      while (i < n && (Character.isWhitespace(srcset.charAt(i)) || srcset.charAt(i) == ',')) {
        i++;
      }
      int start = i;
      while (i < n && !Character.isWhitespace(srcset.charAt(i))) {
        i++;
      }
      if (start == i) {
        break;
      }
      String url = srcset.substring(start, i);
      String descriptor = "";
      if (url.endsWith(",")) {
        url = url.replaceAll(",+$", "");
      } else {
        int descriptorStart = i;
        int depth = 0;
        while (i < n && (srcset.charAt(i) != ',' || depth > 0)) {
          depth += srcset.charAt(i) == '(' ? 1 : srcset.charAt(i) == ')' ? -1 : 0;
          i++;
        }
        descriptor = srcset.substring(descriptorStart, i).strip();
      }
      try {
        URI resolved = base.resolve(new URI(Urls.ascii(url)));
        String scheme = resolved.getScheme() == null ? "" : resolved.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || resolved.getHost() == null) {
          continue; // http(s) only, as for src and href: no javascript:, data: or file: image
        }
        url = resolved.toASCIIString();
      } catch (URISyntaxException | IllegalArgumentException e) {
        continue; // an unparseable candidate would only break the reader's image choice
      }
      if (out.length() > 0) {
        out.append(", ");
      }
      out.append(url);
      if (!descriptor.isEmpty()) {
        out.append(' ').append(descriptor);
      }
    }
    return out.toString();
  }
}
