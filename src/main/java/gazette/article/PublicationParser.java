package gazette.article;

import java.net.URI;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads {@code articles/_feed.yaml} into a {@link Publication}, collecting every problem. */
public final class PublicationParser {
  private static final Set<String> FIELDS = Set.of("title", "description", "base_url", "language", "author",
      "authors", "icon", "logo", "copyright", "timezone", "id_authority", "limit", "ttl", "hub", "podcast", "extra");
  private static final Set<String> PODCAST_FIELDS = Set.of("category", "subcategory", "artwork", "explicit", "type",
      "owner", "funding", "locked", "guid");
  private static final Set<String> PERSON_FIELDS = Set.of("name", "email");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  /** The longest {@code podcast:funding} text the Podcasting 2.0 namespace allows. */
  private static final int FUNDING_TEXT = 128;
  private static final Set<String> FUNDING_FIELDS = Set.of("url", "text");
  private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*");
  private static final Pattern AUTHORITY = Pattern.compile(
      "([A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*|[^@\\s,]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*)");

  private PublicationParser() {}

  /** The outcome: a publication when the file is valid, and every problem found either way. */
  public record Result(Optional<Publication> publication, List<Problem> problems) {
    public Result {
      problems = Problem.capped(problems.stream().sorted().toList());
    }
  }

  /**
   * @param override the base URL given on the command line, which wins over {@code base_url}; may be null
   * @param fallback the base URL when neither is given
   */
  public static Result parse(Path file, byte[] bytes, URI override, URI fallback) {
    List<Problem> problems = new ArrayList<>();
    Optional<YamlMapping> read = YamlMapping.read(file, bytes, FIELDS, problems);
    if (read.isEmpty()) {
      return new Result(Optional.empty(), problems);
    }
    YamlMapping fields = read.get();
    Optional<String> title = fields.requiredText("title");
    String description = fields.text("description").orElse("");
    URI base = override != null ? normalizeBase(override) : fields.url("base_url", null)
        .flatMap(u -> baseUrl(fields, u)).orElse(normalizeBase(fallback));
    String language = language(fields, "language").orElse("en");
    List<Author> authors = Authors.read(fields).orElse(List.of());
    URI icon = fields.url("icon", base).orElse(null);
    URI logo = fields.url("logo", base).orElse(null);
    String copyright = fields.text("copyright").orElse(null);
    ZoneId zone = fields.text("timezone").flatMap(z -> {
      try {
        return Optional.of(ZoneId.of(z));
      } catch (DateTimeException e) {
        fields.report("timezone", YamlMapping.quote(z) + " is not a time zone (expected an IANA name such as Europe/Paris, or UTC)");
        return Optional.empty();
      }
    }).orElse(ZoneId.of("UTC"));
    String authority = fields.text("id_authority").filter(a -> {
      if (AUTHORITY.matcher(a).matches()) {
        return true;
      }
      fields.report("id_authority", YamlMapping.quote(a) + " is not a domain name or email address");
      return false;
    }).orElse(null);
    int limit = fields.positiveInt("limit").orElse(Publication.DEFAULT_LIMIT);
    int ttl = fields.positiveInt("ttl").orElse(Publication.DEFAULT_TTL);
    URI hub = fields.url("hub", null).orElse(null);
    Podcast podcast = podcast(fields, base, logo);
    Map<String, Object> extra = fields.extra("extra");
    if (problems.stream().anyMatch(p -> !p.warning()) || title.isEmpty()) {
      return new Result(Optional.empty(), problems);
    }
    return new Result(Optional.of(new Publication(title.get(), description, base, language, authors, icon, logo,
        copyright, zone, authority, limit, ttl, hub, podcast, extra)), problems);
  }

  /** {@code podcast:}: what podcast directories need; every field is optional, and each is checked as written. */
  private static Podcast podcast(YamlMapping fields, URI base, URI logo) {
    if (fields.isList("podcast")) {
      fields.report("podcast", "is one mapping of settings (podcast: {category: News, ...}), not a list");
      return Podcast.NONE;
    }
    List<YamlMapping> found = fields.mappings("podcast", PODCAST_FIELDS);
    if (found.isEmpty()) {
      return Podcast.NONE;
    }
    YamlMapping p = found.get(0);
    String category = p.text("category").filter(c -> {
      if (Podcast.CATEGORIES.containsKey(c)) {
        return true;
      }
      p.report("category", YamlMapping.quote(c) + " is not an Apple Podcasts category (expected one of "
          + String.join(", ", new java.util.TreeSet<>(Podcast.CATEGORIES.keySet())) + ")");
      return false;
    }).orElse(null);
    String subcategory = p.text("subcategory").filter(s -> {
      if (category == null) {
        p.report("subcategory", "needs a category");
        return false;
      }
      if (Podcast.CATEGORIES.get(category).contains(s)) {
        return true;
      }
      List<String> known = Podcast.CATEGORIES.get(category);
      p.report("subcategory", YamlMapping.quote(s) + " is not a subcategory of " + category
          + (known.isEmpty() ? " (it has none)" : " (expected one of " + String.join(", ", known) + ")"));
      return false;
    }).orElse(null);
    URI artwork = p.url("artwork", base).orElse(null);
    // Written or not, a podcast is explicit or not: false unless it says so (and never equal to NONE).
    Boolean explicit = p.bool("explicit").orElse(Boolean.FALSE);
    String type = p.text("type").filter(t -> {
      if (t.equals("episodic") || t.equals("serial")) {
        return true;
      }
      p.report("type", YamlMapping.quote(t) + " is not a podcast type (expected episodic or serial)");
      return false;
    }).orElse(null);
    Author owner = null;
    if (p.isList("owner")) {
      p.report("owner", "is one person ({name: ..., email: ...}): directories write to one owner");
    }
    for (YamlMapping o : p.mappings("owner", PERSON_FIELDS)) {
      Optional<String> name = o.requiredText("name");
      Optional<String> email = o.requiredText("email").filter(e -> {
        if (EMAIL.matcher(e).matches()) {
          return true;
        }
        o.report("email", YamlMapping.quote(e) + " is not an email address (directories write to it)");
        return false;
      });
      if (name.isPresent() && email.isPresent()) {
        owner = new Author(name.get(), email.get(), null);
      }
    }
    List<Podcast.Funding> funding = new ArrayList<>();
    for (YamlMapping f : p.mappings("funding", FUNDING_FIELDS)) {
      if (!f.has("url")) {
        f.missing("url");
      }
      Optional<URI> url = f.url("url", base);
      String text = f.text("text").orElse(null);
      if (text != null && text.length() > FUNDING_TEXT) {
        f.warn("text", "is " + text.length() + " characters: podcast apps show at most " + FUNDING_TEXT
            + " (Podcasting 2.0)");
      }
      url.ifPresent(u -> funding.add(new Podcast.Funding(u, text)));
    }
    Boolean locked = p.bool("locked").orElse(null);
    String guid = p.text("guid").filter(g -> {
      if (UUID.matcher(g).matches()) {
        return true;
      }
      p.report("guid", YamlMapping.quote(g) + " is not a UUID (expected the GUID an earlier host gave the podcast)");
      return false;
    }).orElse(null);
    // What a directory refuses a podcast without, said now rather than by a rejection mail.
    if (category == null && !p.has("category")) {
      p.warn("category", "is missing: Apple Podcasts lists a podcast under a category (category: News)");
    }
    URI shown = artwork != null ? artwork : logo;
    if (shown == null && !p.has("artwork")) {
      p.warn("artwork", "is missing: Apple Podcasts and Spotify refuse a podcast without artwork (artwork: /cover.jpg,"
          + " a square JPEG or PNG of 1400 to 3000 pixels)");
    } else if (shown != null && !shown.getPath().toLowerCase(Locale.ROOT).matches(".*\\.(jpe?g|png)")) {
      p.warn("artwork", YamlMapping.quote(shown.toString()) + " is not a JPEG or PNG: Apple Podcasts takes no other artwork");
    }
    if (owner == null && fields.has("podcast") && !p.has("owner")
        && Authors.read(fields).orElse(List.of()).stream().noneMatch(a -> a.email() != null)) {
      p.warn("owner", "is missing: directories write to the owner's email (owner: {name: ..., email: ...})");
    }
    return new Podcast(category, subcategory, artwork, explicit, type, owner, funding, locked, guid);
  }

  /** A publication with every default, used to keep checking articles when {@code _feed.yaml} is broken. */
  public static Publication fallback(URI base) {
    URI b = normalizeBase(base);
    return new Publication("Gazette", "", b, "en", List.of(), null, null, null, ZoneId.of("UTC"), null,
        Publication.DEFAULT_LIMIT, Publication.DEFAULT_TTL, null, Podcast.NONE, Map.of());
  }

  static Optional<String> language(YamlMapping fields, String key) {
    return fields.text(key).filter(l -> {
      if (LANGUAGE.matcher(l).matches()) {
        return true;
      }
      fields.report(key, YamlMapping.quote(l) + " is not a language tag (expected en, en-GB, az-Latn ...)");
      return false;
    }).map(l -> Locale.forLanguageTag(l).toLanguageTag());
  }

  private static Optional<URI> baseUrl(YamlMapping fields, URI url) {
    if (url.getRawQuery() != null || url.getRawFragment() != null) {
      fields.report("base_url", YamlMapping.quote(url.toString()) + " must not have a query or fragment");
      return Optional.empty();
    }
    return Optional.of(normalizeBase(url));
  }

  /** The same URL with a path that ends in a slash, so that relative site paths resolve beneath it. */
  public static URI normalizeBase(URI url) {
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    if (!path.endsWith("/")) {
      path = path + "/";
    }
    return URI.create(Urls.ascii(url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getRawAuthority() + path))
        .normalize();
  }
}
