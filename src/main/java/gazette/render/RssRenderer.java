package gazette.render;

import com.rometools.modules.itunes.EntryInformationImpl;
import com.rometools.modules.itunes.FeedInformationImpl;
import com.rometools.modules.mediarss.MediaEntryModuleImpl;
import com.rometools.modules.mediarss.types.MediaContent;
import com.rometools.modules.mediarss.types.Metadata;
import com.rometools.modules.mediarss.types.Thumbnail;
import com.rometools.modules.mediarss.types.UrlReference;
import com.rometools.rome.feed.module.DCModule;
import com.rometools.rome.feed.module.DCModuleImpl;
import com.rometools.rome.feed.module.Module;
import com.rometools.rome.feed.rss.Category;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Content;
import com.rometools.rome.feed.rss.Description;
import com.rometools.rome.feed.rss.Enclosure;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Image;
import com.rometools.rome.feed.rss.Item;
import gazette.article.Article;
import gazette.article.Author;
import gazette.article.Publication;
import gazette.catalog.Catalog;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * RSS 2.0 at {@code /feed.xml} and {@code /categories/{slug}/feed.xml}: summary as description, full
 * HTML as content:encoded, tag: ids as non-permalink guids, images and extra media as Media RSS, and
 * the iTunes tags podcast apps need when entries carry enclosures.
 */
public final class RssRenderer implements Renderer {
  static final Namespace ATOM = Namespace.getNamespace("atom", "http://www.w3.org/2005/Atom");

  private final Reuse reuse = new Reuse();

  @Override
  public synchronized List<Output> render(Catalog catalog) {
    List<Output> out = new ArrayList<>();
    for (Listing listing : Listing.of(catalog)) {
      out.add(reuse.get(listing.path(Listing.RSS), catalog.publication(), listing.entries(), listing.withoutEntries(),
          () -> listing(catalog, listing)));
    }
    reuse.finish();
    return out;
  }

  private static Output listing(Catalog catalog, Listing listing) {
    Publication publication = catalog.publication();
    URI self = listing.url(publication, Listing.RSS);
    byte[] body = Feeds.serialize(rss(publication, listing, self), listing.path(Listing.RSS));
    return new Output(listing.path(Listing.RSS), MediaTypes.RSS, body, Output.Caching.SHARED, self,
        publication.hub(), catalog.sourcesChanged(listing.entries()));
  }

  private static Channel rss(Publication publication, Listing spec, URI self) {
    List<Article> entries = spec.entries();
    Channel channel = new Channel("rss_2.0");
    channel.setTitle(spec.title());
    channel.setLink(spec.home().toString());
    channel.setDescription(spec.description());
    channel.setLanguage(publication.language());
    channel.setCopyright(publication.copyright());
    channel.setGenerator(Feeds.GENERATOR);
    channel.setTtl(publication.ttl());
    Catalog.lastUpdate(entries).map(Feeds::date).ifPresent(channel::setLastBuildDate);
    entries.stream().map(Article::published).max(Instant::compareTo).map(Feeds::date).ifPresent(channel::setPubDate);
    if (publication.logo() != null) {
      Image image = new Image();
      image.setUrl(publication.logo().toString());
      image.setTitle(spec.title());
      image.setLink(spec.home().toString());
      channel.setImage(image);
    }
    channel.getForeignMarkup().add(atomLink("self", self, "application/rss+xml"));
    if (publication.hub() != null) {
      channel.getForeignMarkup().add(atomLink("hub", publication.hub(), null));
    }
    if (spec.newestArchive() != null) {
      channel.getForeignMarkup().add(atomLink("prev-archive",
          publication.resolve(Feeds.archivePath(spec.newestArchive(), "xml")), "application/atom+xml"));
    }
    boolean podcast = entries.stream().anyMatch(a -> !a.enclosures().isEmpty());
    if (podcast) {
      channel.setModules(new ArrayList<>(List.of(podcastInformation(publication, spec))));
    }
    List<Item> items = new ArrayList<>();
    for (Article article : entries) {
      items.add(item(article, publication, podcast));
    }
    channel.setItems(items);
    return channel;
  }

  static Element atomLink(String rel, URI href, String type) {
    Element link = new Element("link", ATOM).setAttribute("href", href.toString()).setAttribute("rel", rel);
    if (type != null) {
      link.setAttribute("type", type);
    }
    return link;
  }

  private static Item item(Article article, Publication publication, boolean podcast) {
    Item item = new Item();
    item.setTitle(article.title());
    item.setLink(article.link().toString());
    if (!article.summary().isEmpty()) {
      Description description = new Description();
      description.setValue(article.summary());
      item.setDescription(description);
    }
    if (!article.html().isEmpty()) {
      Content content = new Content();
      content.setType(Content.HTML);
      content.setValue(article.html());
      item.setContent(content);
    }
    Guid guid = new Guid();
    guid.setValue(article.id());
    guid.setPermaLink(article.id().equals(article.link().toString()));
    item.setGuid(guid);
    item.setPubDate(Feeds.date(article.published()));
    List<Author> authors = Feeds.authors(article, publication);
    List<String> creators = new ArrayList<>();
    for (Author author : authors) {
      if (author.email() != null && item.getAuthor() == null) {
        item.setAuthor(author.email() + " (" + author.name() + ")");
      } else {
        creators.add(author.name());
      }
    }
    List<Module> modules = new ArrayList<>();
    if (!creators.isEmpty()) {
      DCModule dc = new DCModuleImpl();
      dc.setCreators(creators);
      modules.add(dc);
    }
    List<Category> categories = new ArrayList<>();
    for (String name : article.categories()) {
      Category category = new Category();
      category.setValue(name);
      categories.add(category);
    }
    item.setCategories(categories);
    if (!article.enclosures().isEmpty()) {
      gazette.article.Enclosure first = article.enclosures().get(0);
      Enclosure enclosure = new Enclosure();
      enclosure.setUrl(first.url().toString());
      enclosure.setType(first.type());
      enclosure.setLength(first.length());
      item.setEnclosures(List.of(enclosure));
    }
    media(article).ifPresent(modules::add);
    if (podcast) {
      EntryInformationImpl itunes = new EntryInformationImpl();
      itunes.setAuthor(String.join(", ", authors.stream().map(Author::name).toList()));
      itunes.setSummary(article.summary());
      if (article.image() != null) {
        itunes.setImageUri(article.image().toString());
      }
      modules.add(itunes);
    }
    item.setModules(modules);
    return item;
  }

  /** Media RSS for the lead image and for every enclosure after the first (RSS allows one enclosure). */
  static java.util.Optional<Module> media(Article article) {
    List<MediaContent> contents = new ArrayList<>();
    if (article.image() != null) {
      MediaContent image = new MediaContent(new UrlReference(article.image()));
      image.setMedium("image");
      image.setType(Feeds.imageType(article.image()));
      contents.add(image);
    }
    for (int i = 1; i < article.enclosures().size(); i++) {
      gazette.article.Enclosure enclosure = article.enclosures().get(i);
      MediaContent media = new MediaContent(new UrlReference(enclosure.url()));
      media.setType(enclosure.type());
      media.setFileSize(enclosure.length());
      contents.add(media);
    }
    if (contents.isEmpty()) {
      return java.util.Optional.empty();
    }
    MediaEntryModuleImpl module = new MediaEntryModuleImpl();
    module.setMediaContents(contents.toArray(MediaContent[]::new));
    if (article.image() != null) {
      Metadata metadata = new Metadata();
      metadata.setThumbnail(new Thumbnail[] {new Thumbnail(article.image())});
      module.setMetadata(metadata);
    }
    return java.util.Optional.of(module);
  }

  private static FeedInformationImpl podcastInformation(Publication publication, Listing spec) {
    FeedInformationImpl itunes = new FeedInformationImpl();
    List<Author> authors = publication.authors();
    itunes.setAuthor(authors.isEmpty() ? publication.title()
        : String.join(", ", authors.stream().map(Author::name).toList()));
    itunes.setSummary(spec.description());
    itunes.setExplicit(false);
    authors.stream().filter(a -> a.email() != null).findFirst().ifPresent(owner -> {
      itunes.setOwnerName(owner.name());
      itunes.setOwnerEmailAddress(owner.email());
    });
    URI image = publication.logo() != null ? publication.logo() : publication.icon();
    if (image != null) {
      try {
        itunes.setImage(image.toURL());
      } catch (MalformedURLException e) {
        throw new IllegalStateException("the parser accepts only http(s) URLs: " + image, e);
      }
    }
    return itunes;
  }
}
