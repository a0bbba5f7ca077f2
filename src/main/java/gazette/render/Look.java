package gazette.render;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * How the HTML pages look: the templates that write them and the stylesheet they link
 * ({@code /style.css}). The bundled look is compiled into the jar; a theme's replaces parts of it. A
 * look never changes: a changed theme is a new look, so pages rendered with the old one are not reused.
 */
public final class Look {
  private static final Look BUNDLED = new Look("bundled", TemplateEngine.createPrecompiled(null, ContentType.Html,
      Look.class.getClassLoader(), "gazette.render.templates"), resource("/gazette/render/style.css"));

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
