package gazette.render;

import com.rometools.rome.feed.atom.Category;
import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Generator;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.feed.module.Module;
import com.rometools.rome.feed.synd.SyndPerson;
import gazette.article.Article;
import gazette.article.Author;
import gazette.article.Enclosure;
import gazette.article.Publication;
import gazette.catalog.Catalog;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * Atom 1.0: {@code /atom.xml}, {@code /categories/{slug}/atom.xml}, and the RFC 5005 archive pages
 * {@code /archive/{n}-{token}.xml} that hold every article older than the feed window, each linked to
 * the next older one ({@code prev-archive}), to what follows it ({@code next-archive}) and to the
 * subscription feed ({@code current}). Entries deleted lately are listed as RFC 6721 tombstones.
 */
final class AtomWriter implements FeedWriter {
  private static final Namespace HISTORY = Namespace.getNamespace("fh", "http://purl.org/syndication/history/1.0");
  private static final Namespace TOMBSTONES = Namespace.getNamespace("at", "http://purl.org/atompub/tombstones/1.0");
  private static final String TYPE = "application/atom+xml";

  @Override
  public byte[] write(FeedView view, Entries entries) {
    Publication publication = view.publication();
    Feed feed = new Feed("atom_1.0");
    feed.setId(view.id());
    feed.setTitleEx(text(view.title()));
    feed.setSubtitle(text(view.description()));
    // An empty feed has no newest entry; the epoch keeps its bytes stable rather than inventing a time.
    feed.setUpdated(Feeds.date(Catalog.lastUpdate(view.entries()).orElse(Instant.EPOCH)));
    feed.setLanguage(publication.language());
    feed.setAlternateLinks(new ArrayList<>(List.of(link("alternate", view.home(), "text/html", 0))));
    List<Link> links = new ArrayList<>();
    links.add(link("self", view.self(), TYPE, 0));
    if (publication.hub() != null) {
      links.add(link("hub", publication.hub(), null, 0));
    }
    if (view.current() != null) {
      links.add(link("current", view.current(), TYPE, 0));
    }
    if (view.older() != null) {
      links.add(link("prev-archive", view.older(), TYPE, 0));
    }
    if (view.newer() != null) {
      links.add(link("next-archive", view.newer(), TYPE, 0));
    }
    feed.setOtherLinks(links);
    if (view.archive()) {
      feed.getForeignMarkup().add(new Element("archive", HISTORY));
    }
    for (Catalog.Tombstone tombstone : view.tombstones()) {
      feed.getForeignMarkup().add(new Element("deleted-entry", TOMBSTONES)
          .setAttribute("ref", tombstone.id())
          .setAttribute("when", DateTimeFormatter.ISO_INSTANT.format(tombstone.when())));
    }
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
    for (Article article : view.entries()) {
      out.add(entry(article, entries));
    }
    feed.setEntries(out);
    return Feeds.serialize(feed, root -> {
      // Every text construct says its language: the publication's, or an entry's own where it differs.
      root.setAttribute("lang", publication.language(), Namespace.XML_NAMESPACE);
      List<Element> written = root.getChildren("entry", root.getNamespace());
      for (int i = 0; i < written.size(); i++) {
        String language = view.entries().get(i).language();
        if (!language.equals(publication.language())) {
          written.get(i).setAttribute("lang", language, Namespace.XML_NAMESPACE);
        }
      }
    });
  }

  private static Entry entry(Article article, Entries entries) {
    Entry entry = new Entry();
    entry.setId(article.id());
    entry.setTitleEx(text(article.title()));
    entry.setUpdated(Feeds.date(article.updated()));
    entry.setPublished(Feeds.date(article.published()));
    if (!article.authors().isEmpty()) {
      entry.setAuthors(people(article.authors()));
    }
    entry.setAlternateLinks(List.of(link("alternate", entries.link(article), "text/html", 0)));
    List<Link> enclosures = new ArrayList<>();
    for (Enclosure enclosure : article.enclosures()) {
      enclosures.add(link("enclosure", enclosure.url(), enclosure.type(), enclosure.length()));
    }
    entry.setOtherLinks(enclosures);
    String summary = entries.summary(article);
    if (!summary.isEmpty()) {
      entry.setSummary(text(summary));
    }
    String html = entries.html(article);
    if (!html.isEmpty()) {
      Content content = new Content();
      content.setType(Content.HTML);
      content.setValue(html);
      entry.setContents(List.of(content));
    }
    List<Category> categories = new ArrayList<>();
    for (String name : article.categories()) {
      Category category = new Category();
      category.setTerm(name);
      categories.add(category);
    }
    entry.setCategories(categories);
    List<Module> modules = new ArrayList<>();
    MediaRss.of(article).ifPresent(modules::add);
    entry.setModules(modules);
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
