package gazette.site;

import gazette.article.Article;
import gazette.article.ArticleParser;
import gazette.article.Position;
import gazette.article.Problem;
import gazette.catalog.Catalog;
import gazette.render.Routes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The old URLs in {@code aliases:} that cannot redirect to their article: a URL Gazette serves itself, a
 * file of the static folder (served instead), or an alias another article names first (by file path, as
 * {@link Catalog#aliased} decides). Each is a warning at the alias's line: the article is still published.
 */
public final class AliasCheck {
  private AliasCheck() {}

  /** {@code catalog} with the static folder's problems and these warnings added. */
  public static Catalog withSiteProblems(Catalog catalog, StaticFolder.Scan scan) {
    List<Problem> more = new ArrayList<>(scan.problems());
    more.addAll(problems(catalog, scan.files().keySet()));
    return more.isEmpty() ? catalog : catalog.without(Set.of(), more);
  }

  /** @param statics the paths the static folder serves */
  public static List<Problem> problems(Catalog catalog, Set<String> statics) {
    List<Problem> problems = new ArrayList<>();
    Map<String, Path> first = new HashMap<>();
    // Only the few articles with aliases are sorted: the paths of 100,000 articles are slow to compare.
    List<Article> byFile = catalog.articles().stream().filter(a -> !a.aliases().isEmpty())
        .sorted(Comparator.comparing(Article::file)).toList();
    for (Article article : byFile) {
      for (String alias : article.aliases()) {
        String why;
        Path owner = first.putIfAbsent(alias, article.file());
        if (Routes.parse(alias).isPresent() || Routes.canonical(alias).isPresent()) {
          why = "is a URL Gazette serves itself, so it cannot redirect here; remove it";
        } else if (statics.contains(alias)) {
          why = "is a file of the static folder, which is served instead; remove one of them";
        } else if (owner != null) {
          why = "is already an alias of " + owner + ", which it redirects to; remove it from one of them";
        } else {
          continue;
        }
        Position at = at(article.file(), alias);
        problems.add(Problem.warning(article.file(), at.line(), at.column(),
            "aliases: " + Problem.quote(alias) + " " + why));
      }
    }
    return problems;
  }

  /**
   * Read again only for a warning: the parse cache keeps no alias positions. Only a regular file is opened
   * (where a link leads): a file replaced by a FIFO since it was parsed would block the reload on open.
   */
  private static Position at(Path file, String alias) {
    Path real;
    try {
      real = file.toRealPath();
    } catch (IOException e) {
      return Position.START;
    }
    if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
      return Position.START;
    }
    try (InputStream in = Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS)) {
      byte[] bytes = in.readNBytes(ArticleParser.MAX_FILE_BYTES + 1);
      return bytes.length > ArticleParser.MAX_FILE_BYTES ? Position.START : ArticleParser.aliasAt(file, bytes, alias);
    } catch (IOException e) {
      return Position.START;
    }
  }
}
