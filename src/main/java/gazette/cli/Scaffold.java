package gazette.cli;

import gazette.article.Article;
import gazette.article.Slugs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

/** The text of the files {@code init} and {@code new} write: YAML a writer can read, with comments that say what each field does. */
final class Scaffold {
  /** The longest slug {@code new} derives from a title: a file name a person can still read. */
  static final int MAX_SLUG = 60;
  /** Authorities that name no publication: an id under them would be shared by every test server. */
  private static final Set<String> NOBODY = Set.of("localhost", "127.0.0.1", "[::1]", "::1", "0.0.0.0");

  private Scaffold() {}

  /** The slug of a title, cut at a hyphen near {@value #MAX_SLUG} characters; empty when it has no letter or digit. */
  static String slug(String title) {
    String slug = Slugs.of(title);
    if (slug.length() <= MAX_SLUG) {
      return slug;
    }
    int cut = slug.lastIndexOf('-', MAX_SLUG);
    return slug.substring(0, cut > 0 ? cut : MAX_SLUG);
  }

  /**
   * The id a new article is given: {@code tag:{authority},{date}:{slug}} as the publication would derive it,
   * or a {@code urn:uuid:} when the publication has no authority of its own yet (no {@code id_authority},
   * no {@code base_url}, nothing remembered).
   */
  static String id(String authority, Instant published, ZoneId zone, String slug) {
    if (authority == null || NOBODY.contains(authority)) {
      return "urn:uuid:" + UUID.randomUUID();
    }
    return Article.defaultId(authority, published, zone, slug);
  }

  /** The name of a new article's file: {@code YYYY-MM-DD-slug.yaml}, the date in the publication's zone. */
  static String fileName(Instant published, ZoneId zone, String slug) {
    return LocalDate.ofInstant(published, zone) + "-" + slug + ".yaml";
  }

  /** A new article: pinned id, title, the time now (to the second, with the zone's offset), a draft. */
  static String article(String id, String title, Instant now, ZoneId zone, boolean draft, String content) {
    ZonedDateTime published = now.truncatedTo(ChronoUnit.SECONDS).atZone(zone);
    return "# A Gazette article: `gazette check` lists any problem as file:line:column.\n"
        + "# The id is pinned: it is what feed readers know this story by, so keep it as it is.\n"
        + "id: " + quoted(id) + "\n"
        + "title: " + quoted(title) + "\n"
        + "published: " + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(published) + "\n"
        + (draft ? "# While draft is true the article is in no feed and on no page; remove the line to publish it.\n"
            + "draft: true\n" : "")
        + "# categories: [News]\n"
        + "# summary: One or two sentences for feed readers (default: the first paragraph).\n"
        + "# image: /media/lead.jpg\n"
        + "# Every line of the content is indented by two spaces; write Markdown.\n"
        + "content: |\n"
        + content.lines().map(l -> l.isEmpty() ? "" : "  " + l).reduce((a, b) -> a + "\n" + b).orElse("") + "\n";
  }

  /** The publication file, every field explained; the optional ones commented out. */
  static String feed(String title, String baseUrl, String language, ZoneId zone) {
    String authority = baseUrl == null ? null : java.net.URI.create(baseUrl).getHost();
    return "# The publication: what every feed and page says about itself. Gazette reads this file\n"
        + "# (articles/_feed.yaml) at start and whenever it changes; `gazette check` lists any problem.\n"
        + "\n"
        + "# The name of the publication, shown by feed readers and at the top of every page.\n"
        + "title: " + quoted(title) + "\n"
        + "\n"
        + "# One sentence about it, for feed readers and search engines.\n"
        + "description: " + quoted("News from " + title) + "\n"
        + "\n"
        + "# The address the site is published at; every link in the feeds starts with it.\n"
        + "# `gazette serve --base-url URL` wins over it.\n"
        + (baseUrl == null ? "# base_url: https://news.example.org/\n" : "base_url: " + baseUrl + "\n")
        + "\n"
        + "# The name under which article ids are made (tag:AUTHORITY,DATE:SLUG): a domain or email you own.\n"
        + "# Set it once and never change it, even when the site moves; it defaults to the host of base_url.\n"
        + (authority == null ? "# id_authority: news.example.org\n" : "id_authority: " + authority + "\n")
        + "\n"
        + "# The language of the articles (a BCP 47 tag such as en, az, ru, tr); an article may set its own.\n"
        + "language: " + language + "\n"
        + "\n"
        + "# The time zone of dates written without a time (published: 2024-01-20), and of `gazette new`.\n"
        + "timezone: " + zone.getId() + "\n"
        + "\n"
        + "# Who writes, when an article names nobody: a name, {name, email, url}, or a list of them.\n"
        + "# authors: [{name: The Desk, email: desk@example.org}]\n"
        + "\n"
        + "# Images for feed readers: a small square icon and a wider logo (relative to base_url, or absolute).\n"
        + "# icon: /icon.png\n"
        + "# logo: /logo.png\n"
        + "\n"
        + "# copyright: © The Desk, CC BY 4.0\n"
        + "\n"
        + "# How many of the newest articles each feed carries (older ones stay in the archive), and how many\n"
        + "# minutes a feed reader may wait before asking again.\n"
        + "limit: 50\n"
        + "ttl: 15\n"
        + "\n"
        + "# A WebSub hub told of every change, so readers that subscribe there hear at once.\n"
        + "# hub: https://pubsubhubbub.appspot.com/\n"
        + "\n"
        + "# Your own data for page templates (frame.extra()): text, lists and mappings.\n"
        + "# extra:\n"
        + "#   motto: All the news\n";
  }

  /** Writes a file that must not exist yet; false when something is there already. */
  static boolean create(Path file, String text) throws IOException {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      return true;
    } catch (java.nio.file.FileAlreadyExistsException e) {
      return false;
    }
  }

  /** A YAML double-quoted scalar: backslashes, quotes and control characters escaped. */
  static String quoted(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\x%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
