package gazette;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A program an interop test runs, where Debian installs it, and the package that does. */
public enum Tool {
  PYTHON("python3", "/usr/bin/python3", List.of()),
  FEEDPARSER("python3-feedparser", "/usr/bin/python3", List.of("/usr/bin/python3", "-c", "import feedparser")),
  NEWSBOAT("newsboat", "/usr/bin/newsboat", List.of()),
  JING("jing", "/usr/bin/jing", List.of()),
  XMLLINT("libxml2-utils", "/usr/bin/xmllint", List.of()),
  CHROMIUM("chromium", "/usr/bin/chromium", List.of()),
  NGINX("nginx-light", "/usr/sbin/nginx", List.of()),
  HUGO("hugo", "/usr/bin/hugo", List.of()),
  /** {@code @extractus/feed-extractor} from the npm registry, installed into src/test/node by {@code .ci/install}. */
  FEED_EXTRACTOR("nodejs and npm, then npm ci in src/test/node", "/usr/bin/node",
      List.of("/usr/bin/node", "src/test/node/read_feeds.mjs"));

  private final String debianPackage;
  private final Path program;
  private final List<String> probe;
  private Boolean present;

  Tool(String debianPackage, String program, List<String> probe) {
    this.debianPackage = debianPackage;
    this.program = Path.of(program);
    this.probe = probe;
  }

  public String debianPackage() {
    return debianPackage;
  }

  public Path program() {
    return program;
  }

  /** Whether the program is installed (and, for a library, importable). */
  public synchronized boolean present() {
    if (present == null) {
      present = Files.isExecutable(program) && (probe.isEmpty() || probeSucceeds());
    }
    return present;
  }

  private boolean probeSucceeds() {
    try {
      Process process = new ProcessBuilder(probe).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.to(new File("/dev/null"))).start();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
