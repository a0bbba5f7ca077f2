package gazette.http;

import gazette.render.Route;
import gazette.render.Routes;
import java.util.Locale;
import java.util.Optional;

/** The kind of URL a request asked for: a bounded label for metrics, whatever paths clients send. */
enum RouteKind {
  HOME, FEED, CATEGORY_FEED, CATEGORY_PAGE, ARTICLE, ARCHIVE, STYLESHEET, HEALTH, METRICS, STATS, OTHER;

  private final String label = name().toLowerCase(Locale.ROOT);

  String label() {
    return label;
  }

  static RouteKind of(String path) {
    if (path.equals(Operations.METRICS)) {
      return METRICS;
    }
    if (path.equals(Operations.STATS)) {
      return STATS;
    }
    Optional<Route> route = Routes.parse(path);
    if (route.isEmpty()) {
      return OTHER;
    }
    Route r = route.get();
    if (r instanceof Route.Feed feed) {
      return feed.category() == null ? FEED : CATEGORY_FEED;
    }
    if (r instanceof Route.Home) {
      return HOME;
    }
    if (r instanceof Route.CategoryPage) {
      return CATEGORY_PAGE;
    }
    if (r instanceof Route.ArticlePage) {
      return ARTICLE;
    }
    if (r instanceof Route.Archive) {
      return ARCHIVE;
    }
    if (r instanceof Route.Stylesheet || r instanceof Route.Style) {
      return STYLESHEET;
    }
    if (r instanceof Route.Health) {
      return HEALTH;
    }
    return OTHER;
  }

  /** Pages rendered on request and kept in a bounded cache. */
  boolean onDemand() {
    return this == ARTICLE || this == ARCHIVE;
  }
}
