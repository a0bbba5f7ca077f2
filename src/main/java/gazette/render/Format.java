package gazette.render;

import java.util.List;
import java.util.Optional;

/**
 * One feed format Gazette publishes, declared once, the way Hugo declares its output formats: its name
 * and label, the file name of its feeds, its media type, the extension of its archive pages (null when
 * it has none: its feeds link to the archive of {@link #ATOM}), and its writer. Adding a format is one
 * entry in {@link #ALL} plus its writer; a browser opening any feed gets an HTML page about it.
 */
public record Format(String name, String label, String fileName, String mediaType, String archiveExtension,
    FeedWriter writer) {

  public static final Format RSS = new Format("rss", "RSS", "feed.xml", "application/rss+xml; charset=utf-8", null,
      new RssWriter());
  public static final Format ATOM = new Format("atom", "Atom", "atom.xml", "application/atom+xml; charset=utf-8", "xml",
      new AtomWriter());
  public static final Format JSON_FEED = new Format("json", "JSON Feed", "feed.json",
      "application/feed+json; charset=utf-8", "json", new JsonFeedWriter());

  /** Every format, in the order pages list them. */
  public static final List<Format> ALL = List.of(RSS, ATOM, JSON_FEED);

  /** Whether older entries are published as archive pages in this format. */
  public boolean paged() {
    return archiveExtension != null;
  }

  /** The format whose archive pages this format's feeds link to as {@code prev-archive}. */
  public Format archives() {
    return paged() ? this : ATOM;
  }

  /** The media type without parameters, as autodiscovery links name it. */
  public String type() {
    int semicolon = mediaType.indexOf(';');
    return semicolon < 0 ? mediaType : mediaType.substring(0, semicolon);
  }

  static Optional<Format> byFileName(String fileName) {
    for (Format format : ALL) {
      if (format.fileName.equals(fileName)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }

  static Optional<Format> byArchiveExtension(String extension) {
    for (Format format : ALL) {
      if (extension.equals(format.archiveExtension)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return name;
  }
}
