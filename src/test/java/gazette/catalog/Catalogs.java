package gazette.catalog;

import gazette.article.Article;
import gazette.article.Position;
import gazette.article.Problem;
import gazette.article.Publication;
import gazette.article.PublicationParser;
import gazette.memory.Memory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Catalogs of articles parsed in a test, remembered as a new publication would remember them. */
public final class Catalogs {
  /** The fallback publication of https://news.example.org/ under another title: a change of publication. */
  public static final Publication RENAMED = PublicationParser.parse(Path.of("_feed.yaml"),
      "title: Renamed\nbase_url: https://news.example.org/\n".getBytes(StandardCharsets.UTF_8), null,
      URI.create("https://news.example.org/"))
      .publication().orElseThrow();

  private Catalogs() {}

  public static Catalog of(Publication publication, List<Article> articles, Instant now) {
    return of(publication, articles, List.of(), now);
  }

  public static Catalog of(Publication publication, List<Article> articles, List<Problem> problems, Instant now) {
    List<Permanence.Candidate> candidates = new ArrayList<>();
    for (Article article : articles) {
      candidates.add(new Permanence.Candidate(article, article.file(), article.file().toString(),
          Permanence.digest(article.file().toString(), article.title()), article.isPublishedAt(now), Position.START));
    }
    try (Memory memory = Memory.ephemeral()) {
      Permanence.Outcome outcome = new Permanence(memory).apply(publication, candidates, now);
      List<Problem> all = new ArrayList<>(problems);
      all.addAll(outcome.problems());
      return new Catalog(publication, Path.of("articles/_feed.yaml"), outcome.published(), all, Optional.empty(),
          outcome.continuity());
    }
  }
}
