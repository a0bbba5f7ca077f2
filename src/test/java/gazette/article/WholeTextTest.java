package gazette.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * The whole-text reader against SnakeYAML's own: for every YAML file among the test resources, texts
 * made to hit each rule of the reader, and thousands of mutations of them, the parser gives the same
 * events at the same lines, columns and indexes, or fails with the same problem at the same place.
 */
class WholeTextTest {
  private static final Path RESOURCES = Path.of("src/test/resources");

  /** Every event with its marks, then the failure if any: what a parse shows of its reader. */
  private static List<String> trace(StreamReader reader) {
    LoaderOptions options = new LoaderOptions();
    options.setProcessComments(true); // comments too: the scanner then reads every character it can
    options.setCodePointLimit(YamlMapping.MAX_FILE_BYTES);
    ParserImpl parser = new ParserImpl(reader, options);
    List<String> out = new ArrayList<>();
    try {
      while (true) {
        Event event = parser.getEvent();
        out.add(event + " " + where(event.getStartMark()) + "-" + where(event.getEndMark()));
        if (event.is(Event.ID.StreamEnd)) {
          break;
        }
      }
    } catch (MarkedYAMLException e) {
      out.add(e.getClass().getSimpleName() + ": " + e.getContext() + " " + where(e.getContextMark()) + " / "
          + e.getProblem() + " " + where(e.getProblemMark()));
    } catch (RuntimeException e) {
      out.add(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    return out;
  }

  private static String where(Mark mark) {
    return mark == null ? "-" : mark.getLine() + ":" + mark.getColumn() + "@" + mark.getIndex();
  }

  private static void same(String text) {
    List<String> stock = trace(new StreamReader(text));
    assertThat(trace(WholeText.of(text))).as("%s", text).isEqualTo(stock);
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8); // a lone surrogate becomes '?', as in a file
    String file = new String(utf8, StandardCharsets.UTF_8);
    WholeText fromBytes = WholeText.of(utf8);
    assertThat(fromBytes != null).as("read from bytes: %s", text).isEqualTo(StreamReader.isPrintable(file));
    if (fromBytes != null) {
      assertThat(trace(fromBytes)).as("from bytes: %s", text).isEqualTo(trace(new StreamReader(file)));
    }
  }

  private static final List<String> CRAFTED = List.of(
      "title: A\r\npublished: 2024-01-20\r\ncontent: |\r\n  one\r\n\r\n  two\r\n",
      "title: A\rpublished: 2024-01-20\rcontent: |\r  one\r\r  two\r",
      "title: A\r",
      "\uFEFFtitle: with a byte-order mark\ncontent: |\n  text\n",
      "title: \uD83D\uDE00 smile \uD83C\uDDE6\uD83C\uDDFF\ncontent: |\n  \uD83D\uDE00 one\n  two \uD83D\uDE00\nnext: x\n",
      "title: next line\u0085published: 2024\u2028x: y\u2029z: w\n",
      "title: A\ncontent: >-\n  folded\n  text\n\n  more\n\ttab: 1\n",
      "title: A\ncontent: |2+\n    indented\n  two\n\n\nnext: 1\n",
      "title: A\ncontent: |\n  one\n two\n",
      "title: A\ncontent: |\n    one\n  two\n",
      "title: A\ncontent: |\n  " + "x".repeat(3000) + "\n  " + "y".repeat(1022) + "\nsummary: " + "z".repeat(2050) + "\n",
      "title: 'it''s'\nx: \"esc \\u00e9 \\x41 \\t\"\ny: [a, {b: c}, 'd']\n? complex\n: value\n",
      "a: &x [1, 2]\nb: *x\nc: !!str 3\nd: !custom x\n",
      "title: bell \u0007 here\n",
      "title: A\ncontent: |\n  text with a \u0001 control\n",
      "title: A\n" + "content: |\n" + "  line\n".repeat(400) + "  bad \u0000 nul\n",
      "title: lone \uDC00 surrogate\n",
      "title: \uFFFE not a character\n",
      "%YAML 1.1\n---\ntitle: A\n...\n---\nb: 2\n",
      "title: A\n# a comment\ncontent: | # and here\n  text\n",
      "",
      "\n\n\n",
      "title",
      "title: [unclosed\n",
      "title: A\n  bad: indent\n",
      "title: \"unterminated\n");

  @Test
  void craftedTextsReadTheSame() {
    CRAFTED.forEach(WholeTextTest::same);
  }

  @Test
  void everyResourceReadsTheSame() throws IOException {
    List<String> texts = resources();
    assertThat(texts).hasSizeGreaterThan(50);
    texts.forEach(WholeTextTest::same);
  }

  /** Characters that matter to the reader or the scanner, inserted, deleted and swapped at random. */
  @Test
  void mutationsReadTheSame() throws IOException {
    String[] tricky = {"\n", "\r", "\r\n", "\t", " ", "  ", ":", "- ", "|", ">", "|-", "#", "'", "\"", "[", "]", "{",
        "}", ",", "&a", "*a", "!", "?", "%", "\uFEFF", "\u0085", "\u2028", "\uD83D\uDE00", "\u0001", "\u00e9", "\\",
        "---", "..."};
    List<String> seeds = new ArrayList<>(CRAFTED);
    seeds.addAll(resources().stream().filter(t -> t.length() < 4_000).limit(40).toList());
    Random random = new Random(20261128);
    for (int round = 0; round < 2_000; round++) {
      StringBuilder text = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
      for (int edits = 1 + random.nextInt(4); edits > 0; edits--) {
        int at = text.length() == 0 ? 0 : random.nextInt(text.length());
        switch (random.nextInt(3)) {
          case 0 -> text.insert(at, tricky[random.nextInt(tricky.length)]);
          case 1 -> text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(3)));
          default -> text.insert(at, text.substring(random.nextInt(at + 1), at));
        }
      }
      // Never split a surrogate pair: the text of a file decoded from UTF-8 has none alone.
      String mutated = new String(text.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
      same(mutated);
    }
  }

  /**
   * Bytes are read straight only when they are well-formed UTF-8 of printable code points, and then as
   * the JDK decodes them; anything else (overlong forms, encoded surrogates, past U+10FFFF, cut short,
   * stray continuation bytes, controls) is left to the long way.
   */
  @Test
  void bytesAreReadStraightOnlyWhenTheyArePrintableUtf8() {
    Random random = new Random(15);
    byte[][] pieces = {{'a'}, {' '}, {'\n'}, {'\r'}, {'\t'}, {0x01}, {0x7F}, {(byte) 0xC2, (byte) 0x85}, {(byte) 0xC3, (byte) 0xA9},
        {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xC1, (byte) 0xBF}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
        {(byte) 0xE2, (byte) 0x80, (byte) 0x94}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
        {(byte) 0xEF, (byte) 0xBF, (byte) 0xBE}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80},
        {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
        {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0x80}, {(byte) 0xBF}, {(byte) 0xE2, (byte) 0x80},
        {(byte) 0xF0, (byte) 0x9F}, {(byte) 0xFF}};
    for (int round = 0; round < 20_000; round++) {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      for (int k = random.nextInt(6); k >= 0; k--) {
        out.writeBytes(pieces[random.nextInt(pieces.length)]);
      }
      byte[] bytes = out.toByteArray();
      String decoded;
      try {
        decoded = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
      } catch (java.nio.charset.CharacterCodingException e) {
        decoded = null;
      }
      WholeText whole = WholeText.of(bytes);
      boolean straight = decoded != null && StreamReader.isPrintable(decoded);
      assertThat(whole != null).as("%s", java.util.HexFormat.of().formatHex(bytes)).isEqualTo(straight);
      if (whole != null) {
        int[] expected = decoded.codePoints().toArray();
        for (int i = 0; i < expected.length; i++) {
          assertThat(whole.peek(i)).isEqualTo(expected[i]);
        }
        assertThat(whole.peek(expected.length)).isZero();
      }
    }
  }

  @Test
  void aPrintableTextGetsTheWholeTextReaderAndAnyOtherSnakeYamlsOwn() {
    assertThat(WholeText.of("title: caf\u00e9 \uD83D\uDE00\n")).isInstanceOf(WholeText.class);
    assertThat(WholeText.of("title: bell \u0007\n")).isNotInstanceOf(WholeText.class);
    assertThat(WholeText.of("title: \uFFFF\n")).isNotInstanceOf(WholeText.class);
  }

  private static List<String> resources() throws IOException {
    try (Stream<Path> files = Files.walk(RESOURCES)) {
      List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
      List<String> out = new ArrayList<>();
      for (Path p : yaml) {
        out.add(new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
      }
      return out;
    }
  }
}
