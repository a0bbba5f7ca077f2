package gazette.render;

import gazette.render.PageModel.Frame;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The inline style blocks of the HTML pages, as Content-Security-Policy hash sources ({@code 'sha256-…'}),
 * taken from the page head template itself so that a policy allowing exactly them can never fall behind
 * an edit of the template. Pages carry no other inline style and no script at all.
 */
public final class PageStyles {
  private static final Pattern STYLE = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL);
  private static final List<String> SOURCES = sources();

  private PageStyles() {}

  /** One {@code 'sha256-…'} source per inline style block a page carries. */
  public static List<String> hashSources() {
    return SOURCES;
  }

  /** The hash sources of the style blocks in some HTML. */
  static List<String> hashSources(String html) {
    List<String> out = new ArrayList<>();
    Matcher m = STYLE.matcher(html);
    while (m.find()) {
      try {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(m.group(1).getBytes(StandardCharsets.UTF_8));
        out.add("'sha256-" + Base64.getEncoder().encodeToString(hash) + "'");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java platform has SHA-256", e);
      }
    }
    return List.copyOf(out);
  }

  private static List<String> sources() {
    TemplateEngine templates = TemplateEngine.createPrecompiled(null, ContentType.Html,
        PageStyles.class.getClassLoader(), "gazette.render.templates");
    StringOutput head = new StringOutput();
    templates.render("head.jte", Map.of("frame", new Frame("", "", "", Words.of("en"), List.of(), List.of()), "title", ""), head);
    return hashSources(head.toString());
  }
}
