package gazette.render;

import gg.jte.CodeResolver;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.TemplateException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How the HTML pages look: the templates that write them and the stylesheet they link
 * ({@code /style.css}). The bundled look is compiled into the jar; a theme's replaces parts of it. A
 * look never changes: a changed theme is a new look, so pages rendered with the old one are not reused.
 */
public final class Look {
  private static final Look BUNDLED = new Look("bundled", TemplateEngine.createPrecompiled(null, ContentType.Html,
      Look.class.getClassLoader(), "gazette.render.templates"), resource("/gazette/render/style.css"));

  /** The bundled templates, whose sources the jar carries under {@code gazette/render/jte/}. */
  /** The package a theme's templates are compiled into. */
  private static final String COMPILED_PACKAGE = "gg.jte.generated.ondemand";
  static final List<String> TEMPLATES = List.of("archive.jte", "article.jte", "category.jte", "feedpage.jte", "gone.jte",
      "head.jte", "home.jte", "month.jte", "notfound.jte", "pager.jte", "sitefooter.jte", "siteheader.jte");
  /** The theme's stylesheet, which replaces the bundled one. */
  public static final String STYLESHEET = "style.css";
  /** Where JTE's compile errors name a template and line: {@code home.jte:12}. */
  /** How JTE's own parser says what is wrong: {@code Failed to compile home.jte, error at line 5: Missing @endif}. */
  private static final Pattern PARSE = Pattern.compile("Failed to compile ([\\w./-]+\\.jte), error at line (\\d+): (.+)");
  private static final Pattern AT = Pattern.compile("([\\w./-]+\\.jte):(\\d+)");

  /** A theme that cannot be used: what is wrong, where (a file, and a 1-based line when known). */
  public static final class Broken extends Exception {
    private final Path file;
    private final int line;

    Broken(Path file, int line, String message, Throwable cause) {
      super(message, cause);
      this.file = file;
      this.line = line;
    }

    public Path file() {
      return file;
    }

    public int line() {
      return line;
    }
  }

  private final String name;
  private final TemplateEngine templates;
  private final byte[] css;

  Look(String name, TemplateEngine templates, byte[] css) {
    this.name = name;
    this.templates = templates;
    this.css = css;
  }

  /** The look compiled into Gazette. */
  public static Look bundled() {
    return BUNDLED;
  }

  /**
   * The look of a theme folder: its {@code style.css} instead of the bundled stylesheet, and each of its
   * {@code *.jte} templates instead of the bundled one of that name (templates it does not have stay
   * bundled). Its templates are read now and compiled at once, into {@code classes}: a template that does
   * not compile makes the whole theme {@link Broken}. Later edits of the files do not change this look.
   */
  public static Look theme(Path folder, Path classes) throws Broken {
    byte[] css = BUNDLED.css;
    Map<String, String> own = new TreeMap<>();
    try {
      Path stylesheet = folder.resolve(STYLESHEET);
      if (Files.isRegularFile(stylesheet)) {
        css = Files.readAllBytes(stylesheet);
      }
      if (Files.isDirectory(folder)) {
        try (Stream<Path> files = Files.list(folder)) {
          for (Path file : (Iterable<Path>) files.filter(f -> f.getFileName().toString().endsWith(".jte")).sorted()::iterator) {
            own.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
          }
        }
      }
    } catch (IOException e) {
      throw new Broken(folder, 0, "cannot read the theme: " + e.getMessage(), e);
    }
    if (own.isEmpty()) {
      return new Look("theme " + folder, BUNDLED.templates, css);
    }
    if (javax.tools.ToolProvider.getSystemJavaCompiler() == null) {
      throw new Broken(folder.resolve(own.keySet().iterator().next()), 1, "templates are compiled by a JDK, and this"
          + " Java is a runtime only: install one (apt-get install default-jdk-headless), or keep to style.css", null);
    }
    Map<String, String> sources = new TreeMap<>();
    for (String template : TEMPLATES) {
      sources.put(template, new String(resource("/gazette/render/jte/" + template), StandardCharsets.UTF_8));
    }
    sources.putAll(own);
    TemplateEngine engine = TemplateEngine.create(new Snapshot(sources), classes, ContentType.Html,
        Look.class.getClassLoader(), COMPILED_PACKAGE);
    engine.setClassPath(classPath());
    try {
      engine.precompileAll();
    } catch (TemplateException | IllegalStateException e) {
      Matcher parse = PARSE.matcher(e.getMessage() == null ? "" : e.getMessage());
      if (parse.find() && own.containsKey(parse.group(1))) {
        throw new Broken(folder.resolve(parse.group(1)), Integer.parseInt(parse.group(2)),
            "does not compile: " + parse.group(3).strip(), e);
      }
      String message = describe(e.getMessage());
      Matcher at = AT.matcher(e.getMessage() == null ? "" : e.getMessage());
      if (at.find() && own.containsKey(at.group(1))) {
        throw new Broken(folder.resolve(at.group(1)), Integer.parseInt(at.group(2)), message, e);
      }
      throw new Broken(folder, 0, message, e);
    }
    // Rendered from the compiled classes only: the engine that compiled them would compile a template again
    // at its first render when it judges it out of date, and pages are rendered on several threads at once,
    // so two javac runs in one folder could read each other's half-written sources.
    TemplateEngine compiled = TemplateEngine.createPrecompiled(classes, ContentType.Html, Look.class.getClassLoader(),
        COMPILED_PACKAGE);
    return new Look("theme " + folder, compiled, css);
  }

  /** What a template is compiled against: Gazette's classes (the page model) and JTE's runtime. */
  private static List<String> classPath() {
    List<String> out = new ArrayList<>();
    for (Class<?> c : List.of(Look.class, gg.jte.Content.class, TemplateEngine.class)) {
      try {
        String entry = new File(c.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
        if (!out.contains(entry)) {
          out.add(entry);
        }
      } catch (URISyntaxException | NullPointerException e) {
        throw new IllegalStateException("every class of Gazette and JTE comes from a file or folder", e);
      }
    }
    return out;
  }

  /**
   * What a JTE compile failure says, in one line: the Java compiler's error and the symbol it names
   * ({@code cannot find symbol: method titel()}), or JTE's own first line of explanation.
   */
  static String describe(String message) {
    if (message == null || message.isBlank()) {
      return "the theme's templates do not compile";
    }
    Matcher error = Pattern.compile("error: (.+)").matcher(message);
    if (error.find()) {
      Matcher symbol = Pattern.compile("symbol:\\s+(.+)").matcher(message);
      return "does not compile: " + error.group(1).strip() + (symbol.find() ? ": " + symbol.group(1).strip() : "");
    }
    for (String line : message.split("\n")) {
      if (!line.isBlank() && !line.strip().equals("Failed to compile template:") && !AT.matcher(line.strip()).matches()) {
        return "does not compile: " + line.strip();
      }
    }
    return "does not compile";
  }

  /** The templates of one look, read once: the engine sees no later edit of the files. */
  private record Snapshot(Map<String, String> sources) implements CodeResolver {
    @Override
    public String resolve(String name) {
      return sources.get(name);
    }

    @Override
    public long getLastModified(String name) {
      return 0;
    }

    @Override
    public List<String> resolveAllTemplateNames() {
      return List.copyOf(sources.keySet());
    }
  }

  TemplateEngine templates() {
    return templates;
  }

  byte[] css() {
    return css;
  }

  static byte[] bundledCss() {
    return BUNDLED.css;
  }

  static byte[] resource(String name) {
    try (InputStream in = Look.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("reading a resource of the jar", e);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
