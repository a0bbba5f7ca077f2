package gazette.migrate;

import java.util.ArrayList;
import java.util.List;

/** What an import could not carry over, one line per thing: {@code source: what, and what became of it}. */
public final class Report {
  private final List<String> lines = new ArrayList<>();

  void add(String source, String what) {
    lines.add(source + ": " + what);
  }

  public List<String> lines() {
    return List.copyOf(lines);
  }
}
