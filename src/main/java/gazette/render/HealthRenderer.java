package gazette.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import gazette.article.Problem;
import gazette.catalog.Catalog;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /health}: article count, every problem as {@code file:line:col: message}, and the last reload. */
final class HealthRenderer implements Renderer<HealthRenderer.Status> {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** What the status document says. */
  record Status(int articles, List<Problem> problems, Reload reload) {}

  @Override
  public Optional<Status> view(Route route, Catalog catalog, Reload reload) {
    // /health is public: files relative to the articles folder, never a path on the server.
    Path folder = catalog.publicationFile().getParent();
    return Optional.of(new Status(catalog.articles().size(),
        catalog.problems().stream().map(p -> p.relativeTo(folder)).toList(), reload));
  }

  @Override
  public Output render(Status status) {
    Map<String, Object> body = new LinkedHashMap<>();
    List<Problem> errors = status.problems().stream().filter(p -> !p.warning()).toList();
    body.put("status", errors.isEmpty() ? "ok" : "problems");
    body.put("articles", status.articles());
    body.put("problems", errors.stream().map(Problem::toString).toList());
    body.put("warnings", status.problems().stream().filter(Problem::warning).map(Problem::toString).toList());
    body.put("lastReload", status.reload().at().toString());
    body.put("reloadMillis", status.reload().took().toMillis());
    body.put("reloads", status.reload().count());
    try {
      return Output.page(new Route.Health(), MediaTypes.JSON, JSON.writeValueAsBytes(body), Output.Caching.REVALIDATE);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings and numbers always serialises", e);
    }
  }
}
