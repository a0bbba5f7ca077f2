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
import java.util.ArrayList;
import java.util.List;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * Atom 1.0: {@code /atom.xml}, {@code /categories/{slug}/atom.xml}, and the RFC 5005 archive pages
 * {@code /archive/{n}.xml} that hold every article older than the feed window, linked with
 * prev-archive, next-archive and current.
 */
public final class AtomRenderer implements Renderer {
  private static final Namespace HISTORY = Namespace.getNamespace("fh", "http://purl.org/syndication/history/1.0");

  private final Reuse reuse = new Reuse();

  @Override
  public synchronized List<Output> render(Catalog catalog) {
    List<Output> out = new ArrayList<>();
    for (Listing listing : Listing.of(catalog)) {
      out.add(reuse.get(listing.path(Listing.ATOM), catalog.publication(), listing.entries(), listing.withoutEntries(),
          () -> listing(catalog, listing)));
    }
    reuse.finish();
    return out;
  }

  private static Output listing(Catalog catalog, Listing listing) {
    Publication publication = catalog.publication();
    URI self = listing.url(publication, Listing.ATOM);
    Feed feed = feed(publication, listing.title(), listing.description(), listing.home(), listing.entries(), self);
    if (listing.newestArchive() != null) {
      feed.getOtherLinks().add(link("prev-archive",
          publication.resolve(Feeds.archivePath(listing.newestArchive(), "xml")), "application/atom+xml", 0));
    }
    return new Output(listing.path(Listing.ATOM), MediaTypes.ATOM, Feeds.serialize(feed, listing.path(Listing.ATOM)),
        Output.Caching.SHARED, self, publication.hub(), catalog.sourcesChanged(listing.entries()));
  }

  /** Archive page {@code n} of {@code total}; rendered on request (see {@link OnDemand}). */
  static Output archive(Catalog catalog, int n, int total, List<Article> page) {
    Publication publication = catalog.publication();
    URI self = publication.resolve(Feeds.archivePath(n, "xml"));
    Feed feed = feed(publication, publication.title() + " (archive " + n + ")", Feeds.description(publication),
        publication.baseUrl(), page, self);
    feed.getOtherLinks().add(link("current", publication.resolve(Listing.ATOM), "application/atom+xml", 0));
    if (n > 1) {
      feed.getOtherLinks().add(link("prev-archive", publication.resolve(Feeds.archivePath(n - 1, "xml")), "application/atom+xml", 0));
    }
    if (n < total) {
      feed.getOtherLinks().add(link("next-archive", publication.resolve(Feeds.archivePath(n + 1, "xml")), "application/atom+xml", 0));
    }
    feed.getForeignMarkup().add(new Element("archive", HISTORY));
    boolean full = page.size() == Catalog.ARCHIVE_PAGE_SIZE;
    return new Output("/" + Feeds.archivePath(n, "xml"), MediaTypes.ATOM, Feeds.serialize(feed, "/" + Feeds.archivePath(n, "xml")),
        full ? Output.Caching.IMMUTABLE : Output.Caching.SHARED, self, null, catalog.sourcesChanged(page));
  }

  private static Feed feed(Publication publication, String title, String subtitle, URI home, List<Article> entries,
      URI self) {
    Feed feed = new Feed("atom_1.0");
    feed.setId(self.toString());
    feed.setTitleEx(text(title));
    feed.setSubtitle(text(subtitle));
    // An empty feed has no newest entry; the epoch keeps its bytes stable rather than inventing a time.
    feed.setUpdated(Feeds.date(Catalog.lastUpdate(entries).orElse(Instant.EPOCH)));
    feed.setLanguage(publication.language());
    feed.setAlternateLinks(new ArrayList<>(List.of(link("alternate", home, "text/html", 0))));
    List<Link> links = new ArrayList<>();
    links.add(link("self", self, "application/atom+xml", 0));
    if (publication.hub() != null) {
      links.add(link("hub", publication.hub(), null, 0));
    }
    feed.setOtherLinks(links);
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
    List<Module> modules = new ArrayList<>();
    RssRenderer.media(article).ifPresent(modules::add);
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
