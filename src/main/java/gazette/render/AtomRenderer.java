package gazette.render;

import com.rometools.rome.feed.atom.Category;
import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Generator;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.feed.synd.SyndPerson;
import gazette.article.Article;
import gazette.article.Author;
import gazette.article.Enclosure;
import gazette.article.Publication;
import gazette.catalog.Catalog;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Atom 1.0 at {@code /atom.xml}: the same entries as the RSS feed, with summary and full HTML content. */
public final class AtomRenderer implements Renderer {
  @Override
  public List<Output> render(Catalog catalog) {
    Publication publication = catalog.publication();
    List<Article> entries = catalog.feed();
    URI self = publication.resolve(Feeds.ATOM_PATH);
    byte[] body = Feeds.serialize(feed(publication, entries, self));
    return List.of(new Output(Feeds.ATOM_PATH, MediaTypes.ATOM, body, Output.Caching.SHARED, self,
        catalog.sourcesChanged(entries)));
  }

  static Feed feed(Publication publication, List<Article> entries, URI self) {
    Feed feed = new Feed("atom_1.0");
    feed.setId(self.toString());
    feed.setTitleEx(text(publication.title()));
    if (!publication.description().isEmpty()) {
      feed.setSubtitle(text(publication.description()));
    }
    // An empty feed has no newest entry; the epoch keeps its bytes stable rather than inventing a time.
    feed.setUpdated(Feeds.date(Catalog.lastUpdate(entries).orElse(Instant.EPOCH)));
    feed.setLanguage(publication.language());
    feed.setAlternateLinks(List.of(link("alternate", publication.baseUrl(), "text/html", 0)));
    feed.setOtherLinks(List.of(link("self", self, "application/atom+xml", 0)));
    feed.setAuthors(people(publication.authors().isEmpty()
        ? List.of(new Author(publication.title(), null, null))
        : publication.authors()));
    if (publication.icon() != null) {
      feed.setIcon(publication.icon().toString());
    }
    if (publication.logo() != null) {
      feed.setLogo(publication.logo().toString());
    }
    feed.setRights(publication.copyright());
    Generator generator = new Generator();
    generator.setValue(Feeds.GENERATOR);
    feed.setGenerator(generator);
    List<Entry> out = new ArrayList<>();
    for (Article article : entries) {
      out.add(entry(article));
    }
    feed.setEntries(out);
    return feed;
  }

  private static Entry entry(Article article) {
    Entry entry = new Entry();
    entry.setId(article.id());
    entry.setTitleEx(text(article.title()));
    entry.setUpdated(Feeds.date(article.updated()));
    entry.setPublished(Feeds.date(article.published()));
    if (!article.authors().isEmpty()) {
      entry.setAuthors(people(article.authors()));
    }
    entry.setAlternateLinks(List.of(link("alternate", article.link(), "text/html", 0)));
    List<Link> enclosures = new ArrayList<>();
    for (Enclosure enclosure : article.enclosures()) {
      enclosures.add(link("enclosure", enclosure.url(), enclosure.type(), enclosure.length()));
    }
    entry.setOtherLinks(enclosures);
    if (!article.summary().isEmpty()) {
      entry.setSummary(text(article.summary()));
    }
    if (!article.html().isEmpty()) {
      Content content = new Content();
      content.setType(Content.HTML);
      content.setValue(article.html());
      entry.setContents(List.of(content));
    }
    List<Category> categories = new ArrayList<>();
    for (String name : article.categories()) {
      Category category = new Category();
      category.setTerm(name);
      categories.add(category);
    }
    entry.setCategories(categories);
    return entry;
  }

  private static Content text(String value) {
    Content content = new Content();
    content.setType(Content.TEXT);
    content.setValue(value);
    return content;
  }

  private static Link link(String rel, URI href, String type, long length) {
    Link link = new Link();
    link.setRel(rel);
    link.setHref(href.toString());
    link.setType(type);
    link.setLength(length);
    return link;
  }

  private static List<SyndPerson> people(List<Author> authors) {
    List<SyndPerson> people = new ArrayList<>();
    for (Author author : authors) {
      Person person = new Person();
      person.setName(author.name());
      person.setEmail(author.email());
      if (author.url() != null) {
        person.setUri(author.url().toString());
      }
      people.add(person);
    }
    return people;
  }
}
