package gazette.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ArticleCodecTest {
  private static final ContentCache CONTENTS = new ContentCache();
  /** What a restarted process has: only what the codec put back. */
  private final ContentCache restored = new ContentCache();
  private static final Path FILE = Path.of("articles/story.yaml");
  private static final Publication PUBLICATION = PublicationParser.fallback(URI.create("https://news.example.org/"));

  private static Article parse(String yaml) {
    return new ArticleParser(PUBLICATION).parse(FILE, yaml.getBytes(StandardCharsets.UTF_8)).article().orElseThrow();
  }

  private Article roundTrip(Article article) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ArticleCodec.write(article, CONTENTS, new DataOutputStream(bytes));
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
    Article read = ArticleCodec.read(FILE, restored, in);
    assertThat(in.read()).as("every byte written is read").isEqualTo(-1);
    return read;
  }

  @Test
  void everyFieldSurvivesTheRoundTrip() throws IOException {
    Article article = parse("""
        title: "Every field: ünïcode ✓"
        published: 2024-01-20T10:00:00+04:00
        updated: 2024-01-21T08:00:00Z
        id: urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427
        slug: every-field
        authors:
          - name: Ann Writer
            email: ann@example.org
            url: https://example.org/ann
          - Bob Editor
        summary: A summary.
        categories: [World, Politics]
        link: https://elsewhere.example.com/story
        image: /images/lead.jpg
        enclosures:
          - {url: /media/episode.mp3, type: audio/mpeg, length: 12345}
        draft: true
        language: az-Latn
        aliases: [/posts/every-field/]
        extra:
          rating: 5
          series: {name: Roads, parts: [1, 2]}
          empty:
        content: |
          First *paragraph* with [a link](/about).

          Second — with "quotes".
        """);

    Article read = roundTrip(article);
    assertThat(read.extra()).isEqualTo(article.extra()).hasSize(3);
    assertThat(read.extra().keySet()).containsExactly("rating", "series", "empty");

    assertThat(read).usingRecursiveComparison().ignoringFields("body").isEqualTo(article);
    assertThat(restored.html(read)).isEqualTo(CONTENTS.html(article)).contains("https://news.example.org/about");
    assertThat(restored.summary(read)).isEqualTo("A summary.");
    assertThat(read.body().source()).isEqualTo(article.body().source());
  }

  @Test
  void derivedSummaryLinkOnlyAndTextArticlesSurvive() throws IOException {
    Article derived = parse("title: T\npublished: 2024-01-20\ncontent: Just one paragraph here.\n");
    Article linkOnly = parse("title: L\npublished: 2024-01-20\nlink: https://elsewhere.example.com/x\n");
    Article text = parse("title: X\npublished: 2024-01-20\nformat: text\ncontent: \"1 < 2\\n\\nnext\"\n");
    CONTENTS.html(derived); // converted before writing: the HTML is stored with it

    Article read = roundTrip(derived);
    assertThat(restored.ifPresent(read.body())).as("stored converted, so a restart need not convert it").isNotNull();
    assertThat(restored.summary(read)).isEqualTo("Just one paragraph here.");
    assertThat(restored.html(roundTrip(linkOnly))).isEmpty();
    assertThat(roundTrip(linkOnly).page()).isFalse();
    assertThat(restored.html(roundTrip(text))).isEqualTo(CONTENTS.html(text)).isEqualTo("<p>1 &lt; 2</p>\n<p>next</p>");
  }
}
