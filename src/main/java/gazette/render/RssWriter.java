package gazette.render;

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
import gazette.article.Podcast;
import gazette.article.Publication;
import gazette.catalog.Catalog;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * RSS 2.0 at {@code /feed.xml} and {@code /categories/{slug}/feed.xml}: summary as description, full
 * HTML as content:encoded, tag: ids as non-permalink guids, images and extra media as Media RSS, and,
 * for a podcast, the tags podcast apps and directories read (see {@link Podcasting}).
 */
final class RssWriter implements FeedWriter {
  private static final Namespace ATOM = Namespace.getNamespace("atom", "http://www.w3.org/2005/Atom");

  @Override
  public byte[] write(FeedView feed, Entries entries) {
    // The podcast namespace once on the root, as podcast apps expect, not on each of its elements.
    return podcast(feed)
        ? Feeds.serialize(rss(feed, entries), root -> root.addNamespaceDeclaration(Podcasting.PODCAST))
        : Feeds.serialize(rss(feed, entries));
  }

  /** A podcast's tags when the publication says it is one (podcast: in _feed.yaml) and this feed has episodes. */
  private static boolean podcast(FeedView feed) {
    return !feed.publication().podcast().equals(Podcast.NONE)
        && feed.entries().stream().anyMatch(a -> !a.enclosures().isEmpty());
  }

  private static Channel rss(FeedView feed, Entries entries) {
    Publication publication = feed.publication();
    List<Article> articles = feed.entries();
    Channel channel = new Channel("rss_2.0");
    channel.setTitle(feed.title());
    channel.setLink(feed.home().toString());
    channel.setDescription(feed.description());
    channel.setLanguage(publication.language());
    channel.setCopyright(publication.copyright());
    channel.setGenerator(Feeds.GENERATOR);
    channel.setTtl(publication.ttl());
    Catalog.lastUpdate(articles).map(Feeds::date).ifPresent(channel::setLastBuildDate);
    articles.stream().map(Article::published).max(Instant::compareTo).map(Feeds::date).ifPresent(channel::setPubDate);
    boolean podcast = podcast(feed);
    // A podcast shows one picture everywhere, its artwork; other feeds show the logo.
    URI picture = podcast ? Podcasting.artwork(publication) : publication.logo();
    if (picture != null) {
      Image image = new Image();
      image.setUrl(picture.toASCIIString());
      image.setTitle(feed.title());
      image.setLink(feed.home().toString());
      image.setWidth(null); // its size is not known; RSS readers take 88 by 31 as the default
      image.setHeight(null);
      channel.setImage(image);
    }
    channel.getForeignMarkup().add(atomLink("self", feed.self(), Format.RSS.type()));
    if (publication.hub() != null) {
      channel.getForeignMarkup().add(atomLink("hub", publication.hub(), null));
    }
    if (feed.older() != null) {
      channel.getForeignMarkup().add(atomLink("prev-archive", feed.older(), Format.RSS.archives().type()));
    }
    if (podcast) {
      channel.getForeignMarkup().addAll(Podcasting.channel(publication, feed.self(),
          feed.route() instanceof Route.Feed f && f.category() == null));
    }
    List<Item> items = new ArrayList<>();
    for (Article article : articles) {
      items.add(item(article, publication, podcast, entries));
    }
    channel.setItems(items);
    return channel;
  }

  private static Element atomLink(String rel, URI href, String type) {
    Element link = new Element("link", ATOM).setAttribute("href", href.toString()).setAttribute("rel", rel);
    if (type != null) {
      link.setAttribute("type", type);
    }
    return link;
  }

  private static Item item(Article article, Publication publication, boolean podcast, Entries entries) {
    Item item = new Item();
    URI link = entries.link(article);
    String summary = entries.summary(article);
    String html = entries.html(article);
    item.setTitle(article.title());
    item.setLink(link.toString());
    if (!summary.isEmpty()) {
      Description description = new Description();
      // Readers take an RSS description as HTML: the plain summary is escaped once for that.
      description.setValue(Feeds.escapeHtml(summary));
      item.setDescription(description);
    }
    if (!html.isEmpty()) {
      Content content = new Content();
      content.setType(Content.HTML);
      content.setValue(html);
      item.setContent(content);
    }
    Guid guid = new Guid();
    guid.setValue(article.id());
    guid.setPermaLink(article.id().equals(link.toString()));
    item.setGuid(guid);
    item.setPubDate(Feeds.date(article.published()));
    List<Author> authors = Feeds.authors(article, publication);
    // One author element: RSS's <author> needs an email, so every name goes in one dc:creator.
    List<Module> modules = new ArrayList<>();
    if (!authors.isEmpty()) {
      DCModule dc = new DCModuleImpl();
      dc.setCreator(String.join(", ", authors.stream().map(Author::name).toList()));
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
    MediaRss.of(article).ifPresent(modules::add);
    if (podcast) {
      item.getForeignMarkup().addAll(Podcasting.item(article, authors));
    }
    item.setModules(modules);
    return item;
  }
}
