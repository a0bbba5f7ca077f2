package gazette;

import static org.assertj.core.api.Assertions.assertThat;

import gazette.http.FeedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An article's old URLs ({@code aliases:}, as an import writes them) answer 301 to where it is now, in serve and in build. */
class AliasesTest {
  private static final URI BASE = URI.create("https://news.example.org/");
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @TempDir
  Path dir;
  @TempDir
  Path state;
  @TempDir
  Path out;

  @Test
  void everyOldUrlOfAnArticleAnswers301ToItsPage() throws Exception {
    Files.writeString(dir.resolve("_feed.yaml"), "title: Daily\n");
    Files.writeString(dir.resolve("bridge.yaml"), """
        title: Bridge
        published: 2024-01-20
        aliases:
          - /posts/bridge/
          - https://old.example.org/2024/01/20/bridge.html
          - /articles/elsewhere
        content: x
        """);
    Files.writeString(dir.resolve("away.yaml"), """
        title: Away
        published: 2024-01-21
        link: https://elsewhere.example.com/away
        aliases: [/posts/away/]
        """);
    try (Gazette gazette = Gazette.load(new Gazette.Options(dir, BASE, BASE, 60, Clock.systemUTC(), null, state));
        FeedServer server = gazette.serve("127.0.0.1", 0)) {
      assertThat(gazette.catalog().problems()).extracting(Object::toString).containsExactly(dir.resolve("bridge.yaml")
          + ":6:5: warning: aliases: \"/articles/elsewhere\" is a URL Gazette serves itself, so it cannot redirect"
          + " here; remove it");
      for (String old : new String[] {"/posts/bridge/", "/2024/01/20/bridge.html"}) {
        HttpResponse<String> response = get(server, old);
        assertThat(response.statusCode()).as(old).isEqualTo(301);
        assertThat(response.headers().firstValue("Location")).as(old)
            .hasValue("https://news.example.org/articles/bridge");
      }
      assertThat(get(server, "/posts/away/").headers().firstValue("Location"))
          .hasValue("https://elsewhere.example.com/away");
      assertThat(get(server, "/posts/bridge").statusCode()).as("only the path written").isEqualTo(404);
      assertThat(get(server, "/articles/elsewhere").statusCode()).as("a Gazette URL is never taken over").isEqualTo(404);
    }
    assertThat(gazette.cli.Main.run(new String[] {"build", "--out", out.resolve("site").toString(), "--articles",
        dir.toString(), "--state-dir", state.toString(), "--no-cache", "--base-url", BASE.toString()},
        new java.io.PrintWriter(java.io.Writer.nullWriter()), new java.io.PrintWriter(java.io.Writer.nullWriter())))
        .isZero();
    assertThat(Files.readString(out.resolve("site").resolve(".gazette/redirects.nginx")))
        .contains("location = /posts/bridge/ { return 301 https://news.example.org/articles/bridge; }\n")
        .contains("location = /2024/01/20/bridge.html { return 301 https://news.example.org/articles/bridge; }\n")
        .contains("location = /posts/away/ { return 301 https://elsewhere.example.com/away; }\n");
  }

  @Test
  void anAliasThatCannotRedirectIsAWarningAtItsLine() throws Exception {
    Files.writeString(dir.resolve("_feed.yaml"), "title: Daily\n");
    Files.writeString(dir.resolve("a.yaml"), """
        title: A
        published: 2024-01-20
        aliases: [/posts/shared/, /media/logo.png]
        content: x
        """);
    Files.writeString(dir.resolve("b.yaml"), """
        title: B
        published: 2024-01-21
        content: x
        aliases:
          - /posts/own/
          - https://old.example.org/posts/shared/
        """);
    Path statics = out.resolve("static");
    Files.createDirectories(statics.resolve("media"));
    Files.write(statics.resolve("media/logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    try (Gazette gazette = Gazette.load(new Gazette.Options(dir, BASE, BASE, 60, Clock.systemUTC(), null, state,
            statics));
        FeedServer server = gazette.serve("127.0.0.1", 0)) {
      assertThat(gazette.catalog().problems()).extracting(Object::toString).containsExactly(
          dir.resolve("a.yaml") + ":3:27: warning: aliases: \"/media/logo.png\" is a file of the static folder,"
              + " which is served instead; remove one of them",
          dir.resolve("b.yaml") + ":6:5: warning: aliases: \"/posts/shared/\" is already an alias of "
              + dir.resolve("a.yaml") + ", which it redirects to; remove it from one of them");
      assertThat(gazette.catalog().errors()).isEmpty();
      assertThat(get(server, "/posts/shared/").headers().firstValue("Location"))
          .hasValue("https://news.example.org/articles/a");
      assertThat(get(server, "/posts/own/").headers().firstValue("Location"))
          .hasValue("https://news.example.org/articles/b");
      assertThat(get(server, "/media/logo.png").statusCode()).isEqualTo(200);
    }
    java.io.StringWriter said = new java.io.StringWriter();
    assertThat(gazette.cli.Main.run(new String[] {"check", "--articles", dir.toString(), "--state-dir",
        state.toString(), "--static", statics.toString()}, new java.io.PrintWriter(said), new java.io.PrintWriter(java.io.Writer.nullWriter())))
        .as("warnings do not fail check").isZero();
    assertThat(said.toString()).contains("a.yaml:3:27: warning: aliases: \"/media/logo.png\"")
        .contains("b.yaml:6:5: warning: aliases: \"/posts/shared/\"");
  }

  @Test
  @org.junit.jupiter.api.Timeout(60)
  void aFileReplacedByAFifoDoesNotHoldTheReloadThatWarnsOfItsAlias() throws Exception {
    Files.writeString(dir.resolve("_feed.yaml"), "title: Daily\n");
    String story = """
        title: %s
        published: 2024-01-2%d
        aliases: [/posts/shared/]
        content: x
        """;
    Files.writeString(dir.resolve("a.yaml"), story.formatted("A", 0));
    Path b = dir.resolve("b.yaml");
    Files.writeString(b, story.formatted("B", 1));
    try (Gazette gazette = Gazette.load(new Gazette.Options(dir, BASE, BASE, 60, Clock.systemUTC(), null, state))) {
      assertThat(gazette.catalog().problems()).extracting(Object::toString)
          .containsExactly(b + ":3:11: warning: aliases: \"/posts/shared/\" is already an alias of " + dir.resolve("a.yaml")
              + ", which it redirects to; remove it from one of them");
      Files.delete(b);
      assertThat(new ProcessBuilder("mkfifo", b.toString()).start().waitFor()).isZero();
      gazette.reload(); // b's last good article stays, so its alias is warned of again: no open may block on the FIFO
      assertThat(gazette.catalog().problems()).extracting(Object::toString)
          .anySatisfy(p -> assertThat(p).startsWith(b + ":1:1: warning: aliases: \"/posts/shared/\""));
    }
  }

  private static HttpResponse<String> get(FeedServer server, String path) throws IOException, InterruptedException {
    return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
