package gazette.render;

import com.rometools.modules.mediarss.MediaEntryModuleImpl;
import com.rometools.modules.mediarss.types.MediaContent;
import com.rometools.modules.mediarss.types.Metadata;
import com.rometools.modules.mediarss.types.Thumbnail;
import com.rometools.modules.mediarss.types.UrlReference;
import com.rometools.rome.feed.module.Module;
import gazette.article.Article;
import gazette.article.Enclosure;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Media RSS, shared by RSS and Atom: the lead image, and every enclosure after the first (RSS allows one enclosure). */
final class MediaRss {
  private MediaRss() {}

  static Optional<Module> of(Article article) {
    List<MediaContent> contents = new ArrayList<>();
    if (article.image() != null) {
      MediaContent image = new MediaContent(new UrlReference(article.image()));
      image.setMedium("image");
      image.setType(imageType(article.image()));
      contents.add(image);
    }
    for (int i = 1; i < article.enclosures().size(); i++) {
      Enclosure enclosure = article.enclosures().get(i);
      MediaContent media = new MediaContent(new UrlReference(enclosure.url()));
      media.setType(enclosure.type());
      media.setFileSize(enclosure.length());
      contents.add(media);
    }
    if (contents.isEmpty()) {
      return Optional.empty();
    }
    MediaEntryModuleImpl module = new MediaEntryModuleImpl();
    module.setMediaContents(contents.toArray(MediaContent[]::new));
    if (article.image() != null) {
      Metadata metadata = new Metadata();
      metadata.setThumbnail(new Thumbnail[] {new Thumbnail(article.image())});
      module.setMetadata(metadata);
    }
    return Optional.of(module);
  }

  /** A media type guessed from a URL's file extension, for images whose type the writer did not give. */
  static String imageType(URI image) {
    String path = image.getPath() == null ? "" : image.getPath().toLowerCase(Locale.ROOT);
    if (path.endsWith(".png")) {
      return "image/png";
    }
    if (path.endsWith(".gif")) {
      return "image/gif";
    }
    if (path.endsWith(".webp")) {
      return "image/webp";
    }
    if (path.endsWith(".svg")) {
      return "image/svg+xml";
    }
    if (path.endsWith(".avif")) {
      return "image/avif";
    }
    return "image/jpeg";
  }
}
