package gazette.article;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Article content converted to HTML (and the summary drawn from it), converted on first use and kept in
 * memory bounded by size, so memory stays flat however many articles there are. One per running
 * publication: the loader fills it from the parse cache, the renderers read it.
 */
public final class ContentCache {
  /** Converted HTML kept across renders by default: every feed window of a large site several times over. */
  public static final long DEFAULT_BYTES = 64L << 20;

  /**
   * Summaries kept apart from the HTML, a quarter of its budget: a listing page shows fifty summaries and
   * no HTML, and a summary is at most a few hundred characters, so every summary of a site of tens of
   * thousands of articles stays while their HTML comes and goes. Without them, each listing an article
   * is on (its category pages, the numbered pages) would convert its whole content again.
   */
  private final Cache<Body, String> summaries;
  private final Cache<Body, Content.Rendered> converted;

  public ContentCache(long maxBytes) {
    this.converted = Caffeine.newBuilder()
        .weakKeys() // identity keys; an article that is gone frees its entry
        .maximumWeight(maxBytes)
        .weigher((Body body, Content.Rendered r) -> 64 + 2 * (r.html().length() + r.summary().length()))
        .build();
    this.summaries = Caffeine.newBuilder()
        .weakKeys()
        .maximumWeight(maxBytes / 4)
        .weigher((Body body, String summary) -> 64 + 2 * summary.length())
        .build();
  }

  public ContentCache() {
    this(DEFAULT_BYTES);
  }

  /** The article's content as sanitised HTML with every URL absolute; empty when it has none. */
  public String html(Article article) {
    Body body = article.body();
    return body.isEmpty() ? "" : converted(body).html();
  }

  /** The writer's summary, or plain text from the first paragraph cut near 300 characters. */
  public String summary(Article article) {
    Body body = article.body();
    if (body.writerSummary() != null) {
      return body.writerSummary();
    }
    if (body.isEmpty()) {
      return "";
    }
    String summary = summaries.getIfPresent(body);
    return summary != null ? summary : converted(body).summary();
  }

  private Content.Rendered converted(Body body) {
    return converted.get(body, b -> {
      Content.Rendered rendered = b.convert();
      summaries.put(b, rendered.summary());
      return rendered;
    });
  }

  /** The converted form if it is here now, else null: what a parse cache stores beside the source. */
  Content.Rendered ifPresent(Body body) {
    return converted.getIfPresent(body);
  }

  /** Puts back a converted form that a parse cache stored, so a restart need not convert it again. */
  void restore(Body body, String html, String summary) {
    converted.put(body, new Content.Rendered(html, summary));
    summaries.put(body, summary);
  }
}
