package gazette.site;

import gazette.article.Article;
import gazette.catalog.Catalog;
import gazette.catalog.Rename;
import gazette.render.Format;
import gazette.render.Route;
import gazette.render.Routes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Writes a Site to a folder that a static web server serves at the same URLs with the same bytes: every
 * page, feed, archive page (the kept versions too) and the stylesheet, each with a precompressed
 * {@code .gz} sibling when that is smaller and dated by its {@code Last-Modified}. A path without an
 * extension is written as {@code path.html}, a folder's page as {@code index.html}. Redirects and gone
 * pages are written as an nginx include, {@value #REDIRECTS}, beside the pages they answer for.
 *
 * <p>The output is a symbolic link to one build in {@code <output>.builds/}: a new build is written
 * beside the last one (files whose bytes did not change are hard links to the last build's, so their
 * times and inodes stay put), then the link is replaced in one rename, and the old build deleted. A
 * build that fails leaves the previous output as it was.
 */
public final class Export {
  /** Where the redirects and gone pages are written, under the output; a web server must not serve it. */
  public static final String REDIRECTS = ".gazette/redirects.nginx";
  private static final String GONE = ".gazette/gone";
  /** The page of every path with nothing there, for the web server's {@code error_page 404}. */
  public static final String NOT_FOUND = ".gazette/404.html";

  private Export() {}

  /** What one build did: files written anew, files kept from the last build, redirects and gone paths. */
  public record Result(Path build, int written, int unchanged, int redirects, int gone) {}

  public static Result write(Site site, Path output) throws IOException {
    Path builds = output.resolveSibling(output.getFileName() + ".builds");
    Files.createDirectories(builds);
    Path previous = Files.isSymbolicLink(output) ? builds.resolve(Files.readSymbolicLink(output).getFileName()) : null;
    if (previous == null && Files.exists(output, LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(output.toString(), null,
          "is not the output of a build (a link into " + builds.getFileName() + "/): move it away first");
    }
    // Readable by the web server's own user, as the files written into it are.
    Path build = Files.createTempDirectory(builds, "build-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    AtomicInteger written = new AtomicInteger();
    AtomicInteger unchanged = new AtomicInteger();
    int redirects = 0;
    int gone = 0;
    StringBuilder nginx = new StringBuilder("# Written by gazette build: the redirects and gone pages of this site.\n");
    String prefix = site.catalog().publication().baseUrl().getRawPath(); // the site may live below the host's root
    try {
      List<String> paths = new ArrayList<>(site.paths());
      paths.remove("/health"); // a live status document, not part of a static site
      paths.addAll(site.keptPaths());
      // Each path is rendered, compressed and written on its own: spread them over every core.
      try {
        order(site, paths).parallelStream().forEach(path -> {
          try {
            switch (export(site, path, previous, build)) {
              case WRITTEN -> written.incrementAndGet();
              case KEPT -> unchanged.incrementAndGet();
              case SKIPPED -> { }
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      for (String path : site.formerPaths()) {
        Rendition rendition = site.find(path).orElse(null);
        if (rendition == null) {
          continue;
        }
        if (rendition.status() == 301) {
          nginx.append("location = ").append(prefix).append(path.substring(1)).append(" { return 301 ").append(rendition.location().toASCIIString())
              .append("; }\n");
          redirects++;
        } else if (rendition.status() == 410) {
          Path body = build.resolve(GONE).resolve(file(path).substring(1));
          place(body, rendition.identity(), rendition, previous, build);
          nginx.append("location = ").append(prefix).append(path.substring(1)).append(" { error_page 410 ").append(prefix)
              .append(GONE).append(file(path)).append("; return 410; }\n");
          gone++;
        }
      }
      Rendition notFound = site.notFound();
      place(build.resolve(NOT_FOUND), notFound.identity(), notFound, previous, build);
      Path include = build.resolve(REDIRECTS);
      Files.createDirectories(include.getParent());
      Files.writeString(include, nginx, StandardCharsets.UTF_8);
      swap(output, build, builds);
    } catch (IOException | RuntimeException e) {
      try {
        deleteTree(build);
      } catch (IOException | RuntimeException cleanup) {
        e.addSuppressed(cleanup); // the build's own failure is what to report; the half build is left behind
      }
      throw e;
    }
    if (previous != null && !previous.equals(build)) {
      deleteTree(previous);
    }
    return new Result(build, written.get(), unchanged.get(), redirects, gone);
  }

  /**
   * The paths in the order they are written: each archive page (every format of it) followed by the pages
   * of the articles it carries, then the rest in path order. An article's content is converted once and
   * kept while it is used, however many more articles the site has than its content cache holds.
   */
  static List<String> order(Site site, List<String> paths) {
    Set<String> left = new TreeSet<>(paths);
    List<String> out = new ArrayList<>(left.size());
    for (Catalog.Archive archive : site.catalog().archives()) {
      for (Format format : Format.ALL) {
        if (format.paged()) {
          take(left, out, Routes.path(Routes.archive(archive, format)));
        }
      }
      for (Article article : archive.entries()) {
        take(left, out, Routes.path(new Route.ArticlePage(article.slug())));
      }
    }
    out.addAll(left);
    return out;
  }

  private static void take(Set<String> left, List<String> out, String path) {
    if (left.remove(path)) {
      out.add(path);
    }
  }

  /** What became of one path in a build. */
  private enum Placed { WRITTEN, KEPT, SKIPPED }

  /** Writes one path's bytes (and its gzip) into the build: written when any of them was written anew. */
  private static Placed export(Site site, String path, Path previous, Path build) throws IOException {
    Rendition rendition = site.find(path).orElseThrow(() -> new IllegalStateException("the site lists " + path
        + " but has nothing there"));
    if (rendition.status() != 200) {
      return Placed.SKIPPED; // a kept version's path can be the current one as well
    }
    Path file = build.resolve((site.staticPaths().contains(path) ? path : file(path)).substring(1));
    boolean fresh = place(file, rendition.identity(), rendition, previous, build);
    if (rendition.gzip() != null) {
      fresh |= place(file.resolveSibling(file.getFileName() + ".gz"), rendition.gzip(), rendition, previous, build);
    }
    return fresh ? Placed.WRITTEN : Placed.KEPT;
  }

  /** The file a path is served from, relative to the output, starting with {@code /}. */
  static String file(String path) {
    if (path.endsWith("/")) {
      return path + "index.html";
    }
    String name = path.substring(path.lastIndexOf('/') + 1);
    return name.contains(".") ? path : path + ".html";
  }

  /**
   * Puts bytes at {@code file} in the new build: a hard link to the last build's file when its bytes are
   * the same, else a new file. Either way it is dated by the rendition's Last-Modified. True when written anew.
   */
  private static boolean place(Path file, byte[] bytes, Rendition rendition, Path previous, Path build)
      throws IOException {
    Files.createDirectories(file.getParent());
    if (previous != null) {
      Path before = previous.resolve(build.relativize(file).toString());
      if (Files.isRegularFile(before, LinkOption.NOFOLLOW_LINKS) && Files.size(before) == bytes.length
          && Arrays.equals(Files.readAllBytes(before), bytes)
          && Files.getLastModifiedTime(before).toInstant().equals(rendition.lastModified())) {
        try {
          Files.createLink(file, before);
          return false;
        } catch (UnsupportedOperationException | IOException e) {
          // a file system without hard links: write a copy below
        }
      }
    }
    Files.write(file, bytes);
    Files.setLastModifiedTime(file, FileTime.from(rendition.lastModified()));
    return true;
  }

  /** Points the output at the new build in one rename of a symbolic link. */
  private static void swap(Path output, Path build, Path builds) throws IOException {
    Path link = builds.resolve("next-link");
    Files.deleteIfExists(link);
    Files.createSymbolicLink(link, output.getParent() == null ? builds.getFileName().resolve(build.getFileName())
        : output.getParent().relativize(build));
    Rename.over(link, output);
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
