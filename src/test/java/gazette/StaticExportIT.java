package gazette;

import static org.assertj.core.api.Assertions.assertThat;

import gazette.cli.Main;
import gazette.http.FeedServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gazette build} writes what {@code serve} sends: Debian's nginx, with the configuration shipped in
 * deploy/nginx/, serves the export with the same bodies, types, dates and redirects, for every URL.
 */
class StaticExportIT {
  private static final URI BASE = URI.create("https://news.example.org/");
  private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @TempDir
  Path work;

  private int build(Path articles, Path out, Path state) {
    StringWriter printed = new StringWriter();
    int code = Main.run(new String[] {"build", "--articles", articles.toString(), "--out", out.toString(),
        "--state-dir", state.toString(), "--cache-dir", work.resolve("cache").toString(),
        "--base-url", BASE.toString()}, new PrintWriter(printed), new PrintWriter(printed));
    assertThat(code).as(printed.toString()).isZero();
    return code;
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static HttpResponse<byte[]> get(String url, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  @NeedsTools(Tool.NGINX)
  void nginxServesTheBuildWithTheBytesTypesDatesAndRedirectsOfServe() throws Exception {
    Path articles = work.resolve("articles");
    copy(Path.of("src/test/resources/fixtures/features"), articles);
    Path statics = Files.createDirectories(work.resolve("static/media"));
    Files.write(statics.resolve("bridge.jpg"), new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16});
    Files.writeString(statics.resolve("site.css"), "body { color: #333; }\n".repeat(40));
    Files.writeString(statics.resolve("mark.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n");
    Path state = work.resolve("state");
    Path out = work.resolve("site");
    build(articles, out, state);
    Path unchangedFile = out.resolve("articles/story-1.html");
    Object inode = Files.getAttribute(unchangedFile, "unix:ino");

    // Changes between two builds: an archived article deleted, one renamed, one edited.
    Files.delete(articles.resolve("2024/2024-03-02-story-2.yaml"));
    Files.move(articles.resolve("2024/2024-03-04-story-4.yaml"), articles.resolve("2024/2024-03-04-fourth.yaml"));
    Files.writeString(articles.resolve("2024/2024-03-12-story-12.yaml"),
        Files.readString(articles.resolve("2024/2024-03-12-story-12.yaml")).replace("Paragraph of story 12", "Edited"));
    build(articles, out, state);
    assertThat(Files.getAttribute(out.resolve("articles/story-1.html"), "unix:ino")).as("an unchanged file is kept as it was").isEqualTo(inode);
    assertThat(out.resolve("articles/story-2.html")).doesNotExist();
    try (Stream<Path> builds = Files.list(work.resolve("site.builds"))) {
      assertThat(builds.count()).as("the last build only").isEqualTo(1);
    }

    int port = freePort();
    String server = Files.readString(Path.of("deploy/nginx/gazette.conf"))
        .replace("listen 80;", "listen 127.0.0.1:" + port + ";")
        .replace("/srv/gazette/site", out.toString());
    Files.writeString(work.resolve("server.conf"), server);
    Files.writeString(work.resolve("nginx.conf"), (isRoot() ? "user root;\n" : "") + """
        worker_processes 1;
        pid %s;
        error_log %s;
        events { worker_connections 64; }
        http {
          include /etc/nginx/mime.types;
          access_log off;
          client_body_temp_path %s;
          include %s;
        }
        """.formatted(work.resolve("nginx.pid"), work.resolve("error.log"), work.resolve("body"), work.resolve("server.conf")));
    Process nginx = new ProcessBuilder("/usr/sbin/nginx", "-c", work.resolve("nginx.conf").toString(), "-g", "daemon off;")
        .redirectErrorStream(true).redirectOutput(work.resolve("nginx.out").toFile()).start();
    try (Gazette gazette = Gazette.load(new Gazette.Options(articles, BASE, BASE, 60, Clock.systemUTC(), null, state));
        FeedServer served = gazette.serve("127.0.0.1", 0)) {
      String viaNginx = "http://127.0.0.1:" + port;
      String viaGazette = "http://127.0.0.1:" + served.port();
      awaitUp(viaNginx + "/feed.xml", work.resolve("nginx.out"));
      List<String> paths = new ArrayList<>(gazette.site().paths());
      paths.remove("/health");
      paths.addAll(gazette.site().keptPaths());
      paths.addAll(gazette.site().formerPaths());
      assertThat(gazette.site().keptPaths()).as("an archive version served before, now superseded").isNotEmpty();
      assertThat(gazette.site().formerPaths()).contains("/articles/story-2", "/articles/story-4");
      assertThat(paths).as("older pages, the archive, the sitemap and robots.txt are exported too")
          .contains("/page/1/", "/categories/world/page/1/", "/archive/", "/archive/2024/03/", "/sitemap.xml", "/robots.txt",
              "/media/bridge.jpg", "/media/site.css", "/media/mark.svg", "/favicon.ico");
      for (String path : paths) {
        HttpResponse<byte[]> expected = get(viaGazette + path);
        HttpResponse<byte[]> actual = get(viaNginx + path);
        assertThat(actual.statusCode()).as(path).isEqualTo(expected.statusCode());
        assertThat(actual.headers().firstValue("Location")).as(path).isEqualTo(expected.headers().firstValue("Location"));
        if (expected.statusCode() != 301) {
          assertThat(actual.body()).as(path).isEqualTo(expected.body());
          assertThat(actual.headers().firstValue("Content-Type")).as(path).isEqualTo(expected.headers().firstValue("Content-Type"));
        }
        if (expected.statusCode() == 200) {
          assertThat(actual.headers().firstValue("Last-Modified")).as(path).isEqualTo(expected.headers().firstValue("Last-Modified"));
          assertThat(actual.headers().firstValue("Cache-Control")).as(path).isEqualTo(expected.headers().firstValue("Cache-Control"));
          HttpResponse<byte[]> gzipped = get(viaNginx + path, "Accept-Encoding", "gzip");
          byte[] body = "gzip".equals(gzipped.headers().firstValue("Content-Encoding").orElse(""))
              ? new GZIPInputStream(new ByteArrayInputStream(gzipped.body())).readAllBytes() : gzipped.body();
          assertThat(body).as(path + " gzip").isEqualTo(expected.body());
        }
      }
      assertThat(paths).hasSizeGreaterThan(40);
      HttpResponse<byte[]> missingViaGazette = get(viaGazette + "/no/such/page");
      HttpResponse<byte[]> missingViaNginx = get(viaNginx + "/no/such/page");
      assertThat(missingViaNginx.statusCode()).isEqualTo(404).isEqualTo(missingViaGazette.statusCode());
      assertThat(missingViaNginx.body()).as("the site's own 404 page").isEqualTo(missingViaGazette.body());
      assertThat(missingViaNginx.headers().firstValue("Content-Type")).isEqualTo(missingViaGazette.headers().firstValue("Content-Type"));
    } finally {
      nginx.destroy();
      nginx.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static void awaitUp(String url, Path log) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (true) {
      try {
        get(url);
        return;
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("nginx did not start: " + Files.readString(log), e);
        }
        Thread.onSpinWait();
      }
    }
  }
}
