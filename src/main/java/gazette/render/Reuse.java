package gazette.render;

import gazette.article.Article;
import gazette.article.Publication;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Outputs from the previous render, handed back when the same path is built from the very same
 * Article objects (the loader keeps an unchanged file's Article) under an equal publication, so a
 * reload renders only what an edit touched. Not thread-safe: each renderer owns one.
 */
final class Reuse {
  private record Entry(Publication publication, List<Article> articles, Object extra, Output output) {}

  private Map<String, Entry> previous = new HashMap<>();
  private Map<String, Entry> current = new HashMap<>();

  /** The output for {@code path}: last render's when its inputs are identical, else a fresh one. */
  Output get(String path, Publication publication, List<Article> articles, Object extra, Supplier<Output> render) {
    Entry before = previous.get(path);
    Output output = before != null && before.publication().equals(publication) && Objects.equals(before.extra(), extra)
        && sameInstances(before.articles(), articles) ? before.output() : render.get();
    current.put(path, new Entry(publication, List.copyOf(articles), extra, output));
    return output;
  }

  /** Ends one render: what it did not ask for is forgotten. */
  void finish() {
    previous = current;
    current = new HashMap<>();
  }

  private static boolean sameInstances(List<Article> a, List<Article> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i) != b.get(i)) {
        return false;
      }
    }
    return true;
  }
}
