package gazette.cli;

import gazette.article.ArticleParser;
import gazette.article.PublicationParser;
import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/** What {@code serve} checks about where it listens, and how it says it cannot. */
final class Listening {
  private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::", "[::]", "0:0:0:0:0:0:0:0", "*");
  /** A base URL no publication has: seeing it means base_url is not in _feed.yaml. */
  private static final URI NONE = URI.create("http://gazette.invalid/");

  private Listening() {}

  /** The server could not listen where it was told to; the message says why and what to change. */
  static final class CannotListen extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CannotListen(String message) {
      super(message);
    }
  }

  /** Whether the address means every interface, so that the host part of the default base URL means nothing. */
  static boolean wildcard(String host) {
    return WILDCARDS.contains(host.trim());
  }

  /**
   * Whether {@code _feed.yaml} names its {@code base_url}. An unreadable or invalid file answers true: its
   * problems are reported with the others, and no link is served from it. So does anything but a regular file
   * of at most {@link ArticleParser#MAX_FILE_BYTES} (a link, a named pipe, a huge file), which the catalog
   * reads by its own rules and refuses with a message: read here, a pipe would wait for ever.
   */
  static boolean publicationNamesBaseUrl(Path articles) {
    Path file = articles.resolve("_feed.yaml");
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > ArticleParser.MAX_FILE_BYTES) {
        return true;
      }
      PublicationParser.Result result = PublicationParser.parse(file, Files.readAllBytes(file), null, NONE);
      return result.publication().map(p -> !p.baseUrl().getHost().equals(NONE.getHost())).orElse(true);
    } catch (IOException | RuntimeException e) {
      return true;
    }
  }

  /** One line on why listening on {@code host:port} failed, with the fix; never a stack trace. */
  static String why(String host, int port, Throwable failure) {
    String where = "cannot listen on " + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + ": ";
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
      if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
        return where + "no such host (give --host an address of this machine, such as 127.0.0.1 or 0.0.0.0)";
      }
      if (t instanceof BindException || message.contains("address already in use")
          || message.contains("permission denied") || message.contains("cannot assign requested address")) {
        if (message.contains("already in use")) {
          return where + "the port is in use by another program (stop it, or choose another port with --port)";
        }
        if (message.contains("permission denied") || message.contains("access denied")) {
          return where + "ports below 1024 need privileges (listen on --port 8080 behind a proxy, or grant the"
              + " service CAP_NET_BIND_SERVICE)";
        }
        if (message.contains("cannot assign requested address")) {
          return where + "no network interface of this machine has that address (check --host)";
        }
        return where + message;
      }
    }
    String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
    return where + message.toLowerCase(Locale.ROOT);
  }
}
