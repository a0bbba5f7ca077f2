package gazette.render;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import gazette.article.Article;
import gazette.article.Author;
import gazette.article.Publication;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.jdom2.CDATA;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Text;
import org.jdom2.output.Format;
import org.jdom2.output.LineSeparator;
import org.jdom2.output.XMLOutputter;

/** What the feed writers share: ROME's serialiser, dates, authors. */
final class Feeds {
  static final String GENERATOR = "Gazette";

  private Feeds() {}

  /**
   * XML bytes of a feed, as readers get them. There is no {@code <?xml-stylesheet?>}: a browser opening
   * a feed is sent an HTML page instead (see {@code http.Conditional#navigating}), so the instruction
   * would cost every poll its bytes and help no one.
   */
  static byte[] serialize(WireFeed feed) {
    return serialize(feed, root -> { });
  }

  /** The same, with {@code finish} given the document's root element before it is written. */
  static byte[] serialize(WireFeed feed, java.util.function.Consumer<Element> finish) {
    feed.setEncoding("UTF-8");
    try {
      Document document = new WireFeedOutput().outputJDom(feed);
      finish.accept(document.getRootElement());
      markupAsCdata(document.getRootElement());
      ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
      new XMLOutputter(Format.getPrettyFormat().setEncoding("UTF-8").setLineSeparator(LineSeparator.UNIX))
          .output(document, out);
      return out.toByteArray();
    } catch (FeedException e) {
      throw new IllegalStateException("ROME rejected a feed built from validated articles", e);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
  }

  /**
   * Writes HTML carried as text (RSS {@code content:encoded}, Atom {@code content type="html"}) as
   * CDATA: the same characters to every XML parser, with no escape per character, which was most of the
   * time spent writing a feed. Text holding {@code ]]>} cannot be CDATA and stays escaped.
   */
  private static void markupAsCdata(Element root) {
    // RSS: rss > channel > item > content:encoded; Atom: feed > entry > content
    Element channel = root.getChild("channel", root.getNamespace());
    for (Element entry : (channel != null ? channel : root).getChildren()) {
      for (Element field : entry.getChildren()) {
        boolean html = ("encoded".equals(field.getName()) && CONTENT.equals(field.getNamespaceURI()))
            || ("content".equals(field.getName()) && "html".equals(field.getAttributeValue("type")));
        if (html && field.getContentSize() == 1 && field.getContent(0) instanceof Text text
            && !(text instanceof CDATA) && !text.getText().contains("]]>")) {
          field.setContent(new CDATA(text.getText()));
        }
      }
    }
  }

  private static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";

  static Date date(Instant instant) {
    return Date.from(instant);
  }

  /** The authors to credit for an article: its own, or the publication's, or the publication itself. */
  static List<Author> authors(Article article, Publication publication) {
    if (!article.authors().isEmpty()) {
      return article.authors();
    }
    if (!publication.authors().isEmpty()) {
      return publication.authors();
    }
    return List.of(new Author(publication.title(), null, null));
  }

  /** Plain text as HTML shows it: {@code &}, {@code <} and {@code >} escaped. */
  static String escapeHtml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** The description a feed must have: the publication's, or its title when it has none. */
  static String description(Publication publication) {
    return publication.description().isEmpty() ? publication.title() : publication.description();
  }
}
