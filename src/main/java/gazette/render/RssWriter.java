package gazette.render;

import com.rometools.modules.itunes.EntryInformationImpl;
import com.rometools.modules.itunes.FeedInformationImpl;
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
final class RssWriter implements FeedWriter {
  private static final Namespace ATOM = Namespace.getNamespace("atom", "http://www.w3.org/2005/Atom");

  @Override
  public byte[] write(FeedView feed, Entries entries) {
    return Feeds.serialize(rss(feed, entries), feed.route());
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
    if (publication.logo() != null) {
      Image image = new Image();
      image.setUrl(publication.logo().toString());
      image.setTitle(feed.title());
      image.setLink(feed.home().toString());
      channel.setImage(image);
    }
    channel.getForeignMarkup().add(atomLink("self", feed.self(), Format.RSS.type()));
    if (publication.hub() != null) {
      channel.getForeignMarkup().add(atomLink("hub", publication.hub(), null));
    }
    if (feed.older() != null) {
      channel.getForeignMarkup().add(atomLink("prev-archive", feed.older(), Format.RSS.archives().type()));
    }
    boolean podcast = articles.stream().anyMatch(a -> !a.enclosures().isEmpty());
    if (podcast) {
      channel.setModules(new ArrayList<>(List.of(podcastInformation(publication, feed))));
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
      description.setValue(summary);
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
    MediaRss.of(article).ifPresent(modules::add);
    if (podcast) {
      EntryInformationImpl itunes = new EntryInformationImpl();
      itunes.setAuthor(String.join(", ", authors.stream().map(Author::name).toList()));
      itunes.setSummary(summary);
      if (article.image() != null) {
        itunes.setImageUri(article.image().toString());
      }
      modules.add(itunes);
    }
    item.setModules(modules);
    return item;
  }

  private static FeedInformationImpl podcastInformation(Publication publication, FeedView feed) {
    FeedInformationImpl itunes = new FeedInformationImpl();
    List<Author> authors = publication.authors();
    itunes.setAuthor(authors.isEmpty() ? publication.title()
        : String.join(", ", authors.stream().map(Author::name).toList()));
    itunes.setSummary(feed.description());
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
