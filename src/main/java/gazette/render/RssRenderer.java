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
import gazette.article.Publication;
import gazette.catalog.Catalog;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdom2.Element;
import org.jdom2.Namespace;

/** RSS 2.0 at {@code /feed.xml}: summary as description, full HTML as content:encoded, tag: ids as non-permalink guids. */
public final class RssRenderer implements Renderer {
  private static final Namespace ATOM = Namespace.getNamespace("atom", "http://www.w3.org/2005/Atom");

  @Override
  public List<Output> render(Catalog catalog) {
    Publication publication = catalog.publication();
    List<Article> entries = catalog.feed();
    URI self = publication.resolve(Feeds.RSS_PATH);
    byte[] body = Feeds.serialize(channel(publication, entries, self));
    return List.of(new Output(Feeds.RSS_PATH, MediaTypes.RSS, body, Output.Caching.SHARED, self,
        catalog.sourcesChanged(entries)));
  }

  static Channel channel(Publication publication, List<Article> entries, URI self) {
    Channel channel = new Channel("rss_2.0");
    channel.setTitle(publication.title());
    channel.setLink(publication.baseUrl().toString());
    channel.setDescription(Feeds.description(publication));
    channel.setLanguage(publication.language());
    channel.setCopyright(publication.copyright());
    channel.setGenerator(Feeds.GENERATOR);
    channel.setTtl(publication.ttl());
    Catalog.lastUpdate(entries).map(Feeds::date).ifPresent(channel::setLastBuildDate);
    entries.stream().map(Article::published).max(Instant::compareTo).map(Feeds::date).ifPresent(channel::setPubDate);
    if (publication.logo() != null) {
      Image image = new Image();
      image.setUrl(publication.logo().toString());
      image.setTitle(publication.title());
      image.setLink(publication.baseUrl().toString());
      channel.setImage(image);
    }
    Element selfLink = new Element("link", ATOM)
        .setAttribute("href", self.toString())
        .setAttribute("rel", "self")
        .setAttribute("type", "application/rss+xml");
    channel.getForeignMarkup().add(selfLink);
    List<Item> items = new ArrayList<>();
    for (Article article : entries) {
      items.add(item(article, publication));
    }
    channel.setItems(items);
    return channel;
  }

  private static Item item(Article article, Publication publication) {
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
    List<String> creators = new ArrayList<>();
    for (Author author : Feeds.authors(article, publication)) {
      if (author.email() != null && item.getAuthor() == null) {
        item.setAuthor(author.email() + " (" + author.name() + ")");
      } else {
        creators.add(author.name());
      }
    }
    if (!creators.isEmpty()) {
      DCModule dc = new DCModuleImpl();
      dc.setCreators(creators);
      List<Module> modules = new ArrayList<>(item.getModules());
      modules.add(dc);
      item.setModules(modules);
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
    return item;
  }
}
