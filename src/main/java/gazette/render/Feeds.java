package gazette.render;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import gazette.article.Article;
import gazette.article.Author;
import gazette.article.Publication;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** What the RSS and Atom renderers share: paths, dates and ROME's serialiser. */
final class Feeds {
  static final String RSS_PATH = "/feed.xml";
  static final String ATOM_PATH = "/atom.xml";
  static final String GENERATOR = "Gazette";

  private Feeds() {}

  static byte[] serialize(WireFeed feed) {
    feed.setEncoding("UTF-8");
    try {
      return new WireFeedOutput().outputString(feed, true).getBytes(StandardCharsets.UTF_8);
    } catch (FeedException e) {
      throw new IllegalStateException("ROME rejected a feed built from validated articles", e);
    }
  }

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

  /** The description a feed must have: the publication's, or its title when it has none. */
  static String description(Publication publication) {
    return publication.description().isEmpty() ? publication.title() : publication.description();
  }
}
