package gazette.render;

import com.github.benmanes.caffeine.cache.Cache;
import gazette.article.Article;
import gazette.article.ContentCache;
import java.net.URI;
import java.util.function.Function;

/**
 * What a feed writer knows of its entries besides the Articles: their converted content, where they
 * point, and (for writers that reuse what they wrote for an unchanged article) a memo.
 */
final class Entries {
  private final ContentCache contents;
  private final Routes routes;
  private final Cache<Article, Object> memo;

  /** @param memo what this writer wrote per article under the same publication; null for none */
  Entries(ContentCache contents, Routes routes, Cache<Article, Object> memo) {
    this.contents = contents;
    this.routes = routes;
    this.memo = memo;
  }

  String html(Article article) {
    return contents.html(article);
  }

  String summary(Article article) {
    return contents.summary(article);
  }

  URI link(Article article) {
    return routes.link(article);
  }

  URI page(Article article) {
    return routes.page(article);
  }

  Routes routes() {
    return routes;
  }

  /** What {@code write} gives for this article, computed once while the article and publication are unchanged. */
  @SuppressWarnings("unchecked")
  <T> T memo(Article article, Function<Article, T> write) {
    return memo == null ? write.apply(article) : (T) memo.get(article, write::apply);
  }
}
