package gazette.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check a restart makes before it serves the snapshot: exactly the article files it was made from, each
 * with the same stamp. Enough files that each folder is looked at on every core.
 */
class UnchangedTest {
  private static final int FILES = FolderScan.PARALLEL_FROM + 100;

  @TempDir
  Path root;

  private String publicationDigest;
  private Map<String, CatalogLoader.Stamp> stamps;

  @BeforeEach
  void folder() throws Exception {
    byte[] publication = "title: Daily\n".getBytes(StandardCharsets.UTF_8);
    Files.write(root.resolve("_feed.yaml"), publication);
    publicationDigest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(publication));
    for (int i = 0; i < FILES; i++) {
      Files.writeString(root.resolve("story-" + i + ".yaml"), "title: Story " + i + "\n");
    }
    Files.createDirectories(root.resolve("2024/01"));
    Files.writeString(root.resolve("2024/01/deep.yml"), "title: Deep\n");
    // Not articles, or not looked at: none of them is in the stamps, none of them changes the answer.
    Files.writeString(root.resolve("README.md"), "notes\n");
    Files.createSymbolicLink(root.resolve("LICENSE"), root.resolve("README.md"));
    Files.createDirectories(root.resolve(".git"));
    Files.writeString(root.resolve(".git/x.yaml"), "title: hidden\n");
    Files.createDirectories(root.resolve("_drafts"));
    Files.writeString(root.resolve("_drafts/draft.yaml"), "title: Draft\n");
    Files.writeString(root.resolve(".story-1.yaml.swp"), "swap\n");
    stamps = stampsNow();
  }

  /** Every article file's stamp, as if seen well after its last change (a stamp seen within 2 s proves nothing). */
  private Map<String, CatalogLoader.Stamp> stampsNow() throws IOException {
    Map<String, CatalogLoader.Stamp> now = new HashMap<>();
    Instant seenAt = Instant.now().plusSeconds(10);
    for (int i = 0; i < FILES; i++) {
      now.put("story-" + i + ".yaml", new CatalogLoader.Stamp(FileStamp.of(root.resolve("story-" + i + ".yaml")), seenAt));
    }
    now.put("2024/01/deep.yml", new CatalogLoader.Stamp(FileStamp.of(root.resolve("2024/01/deep.yml")), seenAt));
    return now;
  }

  private boolean unchanged() {
    return CatalogLoader.unchanged(root, publicationDigest, stamps);
  }

  @Test
  void theSameFilesWithTheSameStampsAreUnchanged() throws IOException {
    assertThat(unchanged()).isTrue();

    // What is not an article, or lies where articles are not read, does not count.
    Files.writeString(root.resolve(".git/y.yaml"), "title: also hidden\n");
    Files.writeString(root.resolve("_drafts/draft.yaml"), "title: Draft, edited\n");
    Files.writeString(root.resolve("notes.txt"), "more notes\n");
    assertThat(unchanged()).isTrue();
  }

  @Test
  void anEditedAddedOrDeletedArticleIsAChange() throws IOException {
    Files.writeString(root.resolve("story-300.yaml"), "title: Story 300, edited\n");
    assertThat(unchanged()).isFalse();
    stamps = stampsNow();
    assertThat(unchanged()).isTrue();

    Files.writeString(root.resolve("2024/01/new.yaml"), "title: New\n");
    assertThat(unchanged()).isFalse();
    Files.delete(root.resolve("2024/01/new.yaml"));
    assertThat(unchanged()).isTrue();

    Files.delete(root.resolve("2024/01/deep.yml"));
    assertThat(unchanged()).isFalse();
  }

  @Test
  void anArticleIsKnownByItsSuffixInAnyCase() throws IOException {
    // Names too short for the suffix, or with more after it, are not articles.
    for (String other : new String[] {"yml", ".yml", "x.ym", "story.yaml.bak", "story.yaml~"}) {
      Files.writeString(root.resolve(other), "title: Not an article\n");
    }
    assertThat(unchanged()).isTrue();

    for (String article : new String[] {"LOUD.YAML", "Mixed.Yml"}) {
      Files.writeString(root.resolve(article), "title: An article\n");
      assertThat(unchanged()).as(article).isFalse();
      Files.delete(root.resolve(article));
    }
    assertThat(unchanged()).isTrue();
  }

  @Test
  void anEditOfFeedYamlIsAChange() throws IOException {
    Files.writeString(root.resolve("_feed.yaml"), "title: Weekly\n");
    assertThat(unchanged()).isFalse();
  }

  @Test
  void anArticleThatIsALinkOrALinkToAFolderIsAChange() throws IOException {
    Files.move(root.resolve("story-7.yaml"), root.resolve("elsewhere.txt"));
    Files.createSymbolicLink(root.resolve("story-7.yaml"), root.resolve("elsewhere.txt"));
    assertThat(unchanged()).isFalse();
    Files.delete(root.resolve("story-7.yaml"));
    Files.move(root.resolve("elsewhere.txt"), root.resolve("story-7.yaml"));
    stamps = stampsNow();
    assertThat(unchanged()).isTrue();

    // The scan would report a link to a folder (it is never followed): no snapshot while it is there.
    Files.createSymbolicLink(root.resolve("more"), root.resolve("2024"));
    assertThat(unchanged()).isFalse();
  }
}
