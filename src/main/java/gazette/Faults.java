package gazette;

import gazette.article.Article;
import gazette.article.ContentCache;
import gazette.article.Problem;
import gazette.catalog.Catalog;
import gazette.memory.Memory;
import gazette.render.Renderers;
import gazette.render.Route;
import gazette.render.Routes;
import gazette.site.Site;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Articles whose output cannot be built, each left out with a problem line naming its file, so that one
 * article that trips a bug costs that article, never a reload. After a render fails, each article is
 * rendered alone (those new since the last good Site first) to find which fail; they stay left out for
 * as long as their files are unchanged. Used on the reload thread only.
 */
final class Faults {
  private static final Logger LOG = LoggerFactory.getLogger(Faults.class);

  private final ContentCache contents;
  /** Each failing article (a version of one file) and its problem line. */
  private final Map<Article, Problem> known = new HashMap<>();

  Faults(ContentCache contents) {
    this.contents = contents;
  }

  /** The catalog without the articles known to fail, with a problem line for each; forgets articles that are gone. */
  Catalog exclude(Catalog catalog) {
    if (known.isEmpty()) {
      return catalog;
    }
    Set<Article> present = Collections.newSetFromMap(new IdentityHashMap<>());
    present.addAll(catalog.articles());
    known.keySet().removeIf(article -> !present.contains(article));
    if (known.isEmpty()) {
      return catalog;
    }
    return catalog.without(known.keySet(), List.copyOf(known.values()));
  }

  /**
   * Renders each article of a catalog whose Site failed to render, alone, to find the ones at fault:
   * first those not in {@code previous} (the catalog of the last good Site, or null), then, if none of
   * them fails, all the others. True if any was found.
   */
  boolean find(Catalog catalog, Catalog previous, Instant now) {
    Set<Article> before = Collections.newSetFromMap(new IdentityHashMap<>());
    if (previous != null) {
      before.addAll(previous.articles());
    }
    List<Article> fresh = catalog.articles().stream().filter(a -> !before.contains(a)).toList();
    List<Article> old = catalog.articles().stream().filter(before::contains).toList();
    return probe(catalog, fresh, now) || probe(catalog, old, now);
  }

  private boolean probe(Catalog catalog, List<Article> articles, Instant now) {
    Map<Article, Problem> found = new ConcurrentHashMap<>();
    articles.parallelStream().forEach(article -> {
      Catalog alone = catalog.alone(article);
      try (Memory scratch = Memory.ephemeral()) {
        Site site = Site.render(alone, new Renderers(contents), scratch, Optional.empty(), now,
            new Site.Reloads(0, System.nanoTime()));
        if (article.page()) {
          site.find(Routes.path(new Route.ArticlePage(article.slug())));
        }
      } catch (RuntimeException | StackOverflowError e) {
        LOG.error("{} cannot be published: rendering it fails (a bug in Gazette)", Problem.escape(article.file().toString()), e);
        found.put(article, Problem.ofFile(article.file(), "cannot be published: " + e.getClass().getSimpleName()
            + " while rendering it (a bug in Gazette; please report it)"));
      }
    });
    known.putAll(found);
    return !found.isEmpty();
  }
}
