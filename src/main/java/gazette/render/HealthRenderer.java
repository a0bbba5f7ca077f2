package gazette.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import gazette.article.Problem;
import gazette.catalog.Catalog;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /health}: article count, every problem as {@code file:line:col: message}, and the last reload. */
public final class HealthRenderer {
  public static final String PATH = "/health";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** When the site was last rebuilt, how long that took, and how many rebuilds there have been. */
  public record Reload(Instant at, Duration took, long count) {}

  public Output render(Catalog catalog, Reload reload) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", catalog.problems().isEmpty() ? "ok" : "problems");
    body.put("articles", catalog.articles().size());
    body.put("problems", catalog.problems().stream().map(Problem::toString).toList());
    body.put("lastReload", reload.at().toString());
    body.put("reloadMillis", reload.took().toMillis());
    body.put("reloads", reload.count());
    try {
      return Output.page(PATH, MediaTypes.JSON, JSON.writeValueAsBytes(body), Output.Caching.REVALIDATE, reload.at());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings and numbers always serialises", e);
    }
  }
}
