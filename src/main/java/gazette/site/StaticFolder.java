package gazette.site;

import gazette.article.Problem;
import gazette.render.Route;
import gazette.render.Routes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The static folder ({@code static/} beside {@code articles/} unless configured): files served at the site's
 * root as they are, e.g. {@code static/media/bridge.jpg} at {@code /media/bridge.jpg}. Read by the rules of the
 * articles folder: hidden and {@code _}-prefixed names and editor backups are left out, a symbolic link is
 * followed only when it ends inside the folder, and no file is read past {@value #MAX_FILE_BYTES} bytes nor
 * the folder past {@value #MAX_TOTAL_BYTES} (every file is held in memory). A file whose size and time are
 * unchanged since the last scan is not read again.
 */
public final class StaticFolder {
  /** The largest static file served. */
  public static final int MAX_FILE_BYTES = 16 << 20;
  /** The most bytes of static files held in memory. */
  public static final long MAX_TOTAL_BYTES = 256L << 20;

  /** Default files Gazette makes when the folder has none: a static file at these paths replaces Gazette's. */
  private static final List<String> REPLACEABLE = List.of(Routes.path(new Route.Robots()), Routes.path(new Route.Favicon()));

  /** One static file: its URL path from the site's root, its bytes and media type. */
  public record File(String path, Path source, byte[] bytes, String mediaType) {}

  /** What a scan found: the files served, by path, and a problem line for every file that is not. */
  public record Scan(Map<String, File> files, List<Problem> problems) {
    public static final Scan EMPTY = new Scan(Map.of(), List.of());

    public Scan {
      files = Collections.unmodifiableMap(new TreeMap<>(files));
      problems = List.copyOf(problems);
    }

    /** Whether a static file replaces one of Gazette's defaults ({@code /robots.txt}, {@code /favicon.ico}). */
    public boolean replaces(Route route) {
      return files.containsKey(Routes.path(route));
    }
  }

  private record Seen(long size, FileTime modified, byte[] bytes) {}

  private final Path root;
  private Map<Path, Seen> last = Map.of();

  public StaticFolder(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  /** Reads the folder as it is now (nothing, when it does not exist); a file Gazette has a URL for is a problem, not served. */
  public synchronized Scan scan() throws IOException {
    if (!Files.isDirectory(root)) {
      last = Map.of();
      return Scan.EMPTY;
    }
    Path rootReal = root.toRealPath();
    Map<String, File> files = new HashMap<>();
    List<Problem> problems = new ArrayList<>();
    Map<Path, Seen> seen = new HashMap<>();
    List<Path> candidates = new ArrayList<>();
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        return dir.equals(root) || served(root.relativize(dir)) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (served(root.relativize(file))) {
          candidates.add(file);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        problems.add(Problem.ofFile(file, "cannot read: " + e.getClass().getSimpleName() + "; not served"));
        return FileVisitResult.CONTINUE;
      }
    });
    candidates.sort(null);
    long total = 0;
    for (Path file : candidates) {
      String path = "/" + root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
      try {
        Path source = file;
        if (Files.isSymbolicLink(file)) {
          source = file.toRealPath();
          if (!source.startsWith(rootReal)) {
            problems.add(Problem.ofFile(file, "symbolic link leads outside the static folder; not served"));
            continue;
          }
        }
        if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
          problems.add(Problem.ofFile(file, "not a regular file; not served"));
          continue;
        }
        if (REPLACEABLE.contains(path) == false && reserved(path)) {
          problems.add(Problem.ofFile(file, path + " is a URL of Gazette's own; the static file is not served (rename it)"));
          continue;
        }
        BasicFileAttributes attributes = Files.readAttributes(source, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.size() > MAX_FILE_BYTES) {
          problems.add(Problem.ofFile(file, "file is " + attributes.size() + " bytes, over the limit of " + MAX_FILE_BYTES
              + " for a static file; not served"));
          continue;
        }
        if (total + attributes.size() > MAX_TOTAL_BYTES) {
          problems.add(Problem.ofFile(file, "the static folder holds more than " + MAX_TOTAL_BYTES
              + " bytes; this file and those after it are not served"));
          continue;
        }
        Seen before = last.get(file);
        byte[] bytes = before != null && before.size() == attributes.size()
            && before.modified().equals(attributes.lastModifiedTime()) ? before.bytes() : read(source);
        if (bytes == null) {
          problems.add(Problem.ofFile(file, "file grew past the limit of " + MAX_FILE_BYTES + " bytes while it was read; not served"));
          continue;
        }
        total += bytes.length;
        seen.put(file, new Seen(attributes.size(), attributes.lastModifiedTime(), bytes));
        files.put(path, new File(path, file, bytes, mediaType(path)));
      } catch (NoSuchFileException e) {
        // deleted while the folder was read: the next scan will not see it either
      } catch (IOException e) {
        problems.add(Problem.ofFile(file, "cannot read: " + e.getClass().getSimpleName() + "; not served"));
      }
    }
    last = seen;
    return new Scan(files, problems);
  }

  /** At most {@link #MAX_FILE_BYTES} of a file, or null when it has more. */
  private static byte[] read(Path source) throws IOException {
    try (InputStream in = Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS)) {
      byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
      return bytes.length > MAX_FILE_BYTES ? null : bytes;
    }
  }

  /** Whether a path under the folder is served: no part hidden or {@code _}-prefixed, not an editor's backup. */
  static boolean served(Path relative) {
    for (Path part : relative) {
      String name = part.toString();
      if (name.startsWith(".") || name.startsWith("_")) {
        return false;
      }
    }
    String name = relative.getFileName().toString();
    return !name.endsWith("~") && !name.endsWith(".swp") && !name.endsWith(".tmp");
  }

  /**
   * Whether Gazette answers at a path, whatever the catalog (any spelling of one of its route kinds), or
   * {@code gazette build} writes a file there: {@code x.html} and {@code x/index.html} for a page, {@code x.gz}
   * beside a body.
   */
  static boolean reserved(String path) {
    if (Routes.parse(path).isPresent() || Routes.canonical(path).isPresent()) {
      return true;
    }
    if (path.endsWith(".gz")) {
      return reserved(path.substring(0, path.length() - ".gz".length()));
    }
    if (path.endsWith("/index.html")) {
      return reserved(path.substring(0, path.length() - "index.html".length()));
    }
    return path.endsWith(".html") && reserved(path.substring(0, path.length() - ".html".length()));
  }

  private static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("html", "text/html; charset=utf-8"), Map.entry("htm", "text/html; charset=utf-8"),
      Map.entry("css", "text/css; charset=utf-8"), Map.entry("js", "application/javascript; charset=utf-8"),
      Map.entry("json", "application/json; charset=utf-8"), Map.entry("xml", "text/xml; charset=utf-8"),
      Map.entry("txt", "text/plain; charset=utf-8"), Map.entry("svg", "image/svg+xml; charset=utf-8"),
      Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
      Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"), Map.entry("avif", "image/avif"),
      Map.entry("ico", "image/x-icon"), Map.entry("woff", "font/woff"), Map.entry("woff2", "font/woff2"),
      Map.entry("pdf", "application/pdf"), Map.entry("mp3", "audio/mpeg"), Map.entry("m4a", "audio/x-m4a"),
      Map.entry("ogg", "audio/ogg"), Map.entry("mp4", "video/mp4"), Map.entry("webm", "video/webm"),
      Map.entry("zip", "application/zip"));

  /**
   * The media type of a static file by its extension, as Debian's nginx {@code mime.types} names it (so a
   * build served by nginx sends the same), text types in UTF-8; anything else is {@code application/octet-stream}.
   */
  static String mediaType(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "application/octet-stream"
        : TYPES.getOrDefault(name.substring(dot + 1).toLowerCase(Locale.ROOT), "application/octet-stream");
  }
}
