package gazette.render;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Outputs from the previous render of the eager routes, handed back when a route's view equals the
 * one they were rendered from, so a reload renders only what an edit touched. Views hold the very
 * Article objects the loader keeps for unchanged files, so comparing them is cheap. Safe for the
 * routes of one render to be rendered in parallel; renders themselves must not overlap.
 */
final class Reuse {
  private record Entry(Object view, Output output) {}

  private Map<Route, Entry> previous = new ConcurrentHashMap<>();
  private Map<Route, Entry> current = new ConcurrentHashMap<>();

  /** The output for a route: last render's when its view is equal, else a fresh one. */
  <V> Output get(Route route, V view, Function<V, Output> render) {
    Entry before = previous.get(route);
    Output output = before != null && before.view().equals(view) ? before.output() : render.apply(view);
    current.put(route, new Entry(view, output));
    return output;
  }

  /** Forgets every output: the next render renders every route afresh (the look changed under them all). */
  void forget() {
    previous = new ConcurrentHashMap<>();
  }

  /** Ends one render: what it did not ask for is forgotten. */
  void finish() {
    previous = current;
    current = new ConcurrentHashMap<>();
  }
}
