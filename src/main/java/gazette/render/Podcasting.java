package gazette.render;

import gazette.article.Article;
import gazette.article.Author;
import gazette.article.Episode;
import gazette.article.Podcast;
import gazette.article.Publication;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * The tags podcast apps and directories read, for an RSS feed whose entries carry enclosures: Apple's
 * iTunes tags as Apple Podcasts and Spotify require them today, and Podcasting 2.0's core tags. A feed
 * without enclosures gets none of them.
 */
final class Podcasting {
  static final Namespace ITUNES = Namespace.getNamespace("itunes", "http://www.itunes.com/dtds/podcast-1.0.dtd");
  static final Namespace PODCAST = Namespace.getNamespace("podcast", "https://podcastindex.org/namespace/1.0");
  /** The namespace of Podcasting 2.0 GUIDs (UUID v5 of the feed URL). */
  private static final UUID GUID_NAMESPACE = UUID.fromString("ead4c236-bf58-58c6-a2c6-a6b28d128cb6");

  private Podcasting() {}

  /** The artwork directories show: the podcast's own, else the publication's logo; null when there is none. */
  static URI artwork(Publication publication) {
    return publication.podcast().artwork() != null ? publication.podcast().artwork() : publication.logo();
  }

  /** The podcast's owner: as written, else the first of the publication's authors with an email. */
  static Author owner(Publication publication) {
    if (publication.podcast().owner() != null) {
      return publication.podcast().owner();
    }
    return publication.authors().stream().filter(a -> a.email() != null).findFirst().orElse(null);
  }

  /**
   * The channel's tags. {@code main} says whether this is the publication's own feed: a {@code guid} set
   * in {@code _feed.yaml} names that podcast only, and every other feed (a category's) is a podcast of its
   * own to directories, with the GUID derived from its own URL.
   */
  static List<Element> channel(Publication publication, URI feedUrl, boolean main) {
    Podcast podcast = publication.podcast();
    List<Element> out = new ArrayList<>();
    List<Author> authors = publication.authors();
    out.add(text(ITUNES, "author", authors.isEmpty() ? publication.title()
        : String.join(", ", authors.stream().map(Author::name).toList())));
    Author owner = owner(publication);
    if (owner != null) {
      out.add(new Element("owner", ITUNES)
          .addContent(text(ITUNES, "name", owner.name()))
          .addContent(text(ITUNES, "email", owner.email())));
    }
    URI artwork = artwork(publication);
    if (artwork != null) {
      out.add(new Element("image", ITUNES).setAttribute("href", artwork.toASCIIString()));
    }
    if (podcast.category() != null) {
      Element category = new Element("category", ITUNES).setAttribute("text", podcast.category());
      if (podcast.subcategory() != null) {
        category.addContent(new Element("category", ITUNES).setAttribute("text", podcast.subcategory()));
      }
      out.add(category);
    }
    out.add(text(ITUNES, "explicit", Boolean.TRUE.equals(podcast.explicit()) ? "true" : "false"));
    if (podcast.type() != null) {
      out.add(text(ITUNES, "type", podcast.type()));
    }
    out.add(text(PODCAST, "guid", podcast.guid() != null && main ? podcast.guid() : guid(feedUrl).toString()));
    if (podcast.locked() != null) {
      Element locked = text(PODCAST, "locked", podcast.locked() ? "yes" : "no");
      if (owner != null) {
        locked.setAttribute("owner", owner.email());
      }
      out.add(locked);
    }
    for (Podcast.Funding funding : podcast.funding()) {
      out.add(text(PODCAST, "funding", funding.text() != null ? funding.text() : "Support us")
          .setAttribute("url", funding.url().toASCIIString()));
    }
    return out;
  }

  static List<Element> item(Article article, List<Author> authors) {
    Episode episode = article.episode();
    List<Element> out = new ArrayList<>();
    if (!authors.isEmpty()) {
      out.add(text(ITUNES, "author", String.join(", ", authors.stream().map(Author::name).toList())));
    }
    if (article.image() != null && jpegOrPng(article.image())) {
      out.add(new Element("image", ITUNES).setAttribute("href", article.image().toASCIIString()));
    }
    if (episode.duration() != null) {
      out.add(text(ITUNES, "duration", Integer.toString(episode.duration())));
    }
    if (episode.number() != null) {
      out.add(text(ITUNES, "episode", Integer.toString(episode.number())));
    }
    if (episode.season() != null) {
      out.add(text(ITUNES, "season", Integer.toString(episode.season())));
    }
    if (episode.type() != null) {
      out.add(text(ITUNES, "episodeType", episode.type()));
    }
    if (episode.explicit() != null) {
      out.add(text(ITUNES, "explicit", episode.explicit() ? "true" : "false"));
    }
    if (episode.transcript() != null) {
      out.add(new Element("transcript", PODCAST).setAttribute("url", episode.transcript().toASCIIString())
          .setAttribute("type", episode.transcriptType()));
    }
    if (episode.chapters() != null) {
      out.add(new Element("chapters", PODCAST).setAttribute("url", episode.chapters().toASCIIString())
          .setAttribute("type", "application/json+chapters"));
    }
    return out;
  }

  /** Apple Podcasts takes JPEG and PNG artwork only. */
  static boolean jpegOrPng(URI image) {
    String path = image.getPath() == null ? "" : image.getPath().toLowerCase(Locale.ROOT);
    return path.endsWith(".jpg") || path.endsWith(".jpeg") || path.endsWith(".png");
  }

  /**
   * The Podcasting 2.0 GUID of a feed: a UUID v5 in the podcast namespace of its URL without the scheme
   * and trailing slashes, so every app derives the same one.
   */
  static UUID guid(URI feedUrl) {
    String name = feedUrl.toASCIIString().replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "").replaceAll("/+$", "");
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(ByteBuffer.allocate(16).putLong(GUID_NAMESPACE.getMostSignificantBits())
          .putLong(GUID_NAMESPACE.getLeastSignificantBits()).array());
      byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
      hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
      hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
      ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
      return new UUID(bytes.getLong(), bytes.getLong());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-1", e);
    }
  }

  private static Element text(Namespace namespace, String name, String value) {
    return new Element(name, namespace).setText(value);
  }
}
