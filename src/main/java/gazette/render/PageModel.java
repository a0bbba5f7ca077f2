package gazette.render;

import gazette.article.Enclosure;
import java.util.List;
import java.util.Map;

/** The values the HTML templates ({@code src/main/jte}) are given: every text in them is escaped by the template engine. */
public final class PageModel {
  private PageModel() {}

  /**
   * What every page shows around its own content: the publication, the words of the page's language
   * (the publication's, or an article's own), the stylesheet's URL, the feeds its autodiscovery links
   * name, the archive's URL, the publication's {@code extra:} mapping from {@code _feed.yaml} (text,
   * lists, mappings), and in preview mode the script that reloads the page after a save ({@code reload},
   * null otherwise: no page carries a script outside preview mode).
   */
  public record Frame(String title, String description, String home, String style, Words words,
      List<FeedLink> feeds, List<CategoryLink> categories, String archive, Map<String, Object> extra,
      String reload) {
    /** The page's language tag, for {@code <html lang>}. */
    public String language() {
      return words.language();
    }

    /** {@code rtl} or {@code ltr}, for {@code <html dir>}. */
    public String direction() {
      return words.direction();
    }

    /** The same frame in another language. */
    Frame in(Words other) {
      return new Frame(title, description, home, style, other, feeds, categories, archive, extra, reload);
    }
  }

  /**
   * Links between the pages of a listing or of the archive's months, in reading order: {@code newer} (the
   * page before this one, {@code rel="prev"}) and {@code older} ({@code rel="next"}), null at either end.
   */
  public record Pager(String newer, String older) {}

  /** One year of the archive's index and its months, newest first. */
  public record ArchiveYear(int year, List<MonthLink> months) {}

  /** A month of the archive: its name, how many articles it has, and its page. */
  public record MonthLink(String name, int count, String href) {}

  /** An autodiscovery link to one feed. */
  public record FeedLink(String title, String type, String href) {}

  /**
   * What an article page tells link previews (Open Graph, Twitter cards) and search engines: its dates,
   * the card kind, and its schema.org NewsArticle as JSON-LD (escaped for a {@code <script>} element already).
   */
  public record Sharing(String siteName, String published, String modified, String card, String jsonLd) {}

  /** A link to a category's page. */
  public record CategoryLink(String name, String href) {}

  /**
   * One article as a page shows it; {@code html} is sanitised already, and empty on listing pages.
   * {@code language} and {@code direction} are null when the article is in the page's language, and its
   * own otherwise (for {@code lang} and {@code dir} on its title and summary in a listing). {@code status}
   * is null for a published article, and says "Draft" or "Scheduled for …" in a preview. {@code extra} is
   * the article's {@code extra:} mapping (text, lists, mappings), for templates to show.
   */
  public record Entry(String title, String url, String page, boolean external, String date, String datetime,
      String authors, List<CategoryLink> categories, String summary, String html, String image,
      List<Enclosure> enclosures, String language, String direction, String status,
      Map<String, Object> extra) {}
}
