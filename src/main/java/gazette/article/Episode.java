package gazette.article;

import java.net.URI;
import java.util.Locale;

/**
 * What podcast apps show of an article that is an episode (it has enclosures): its length in seconds,
 * its number and season, whether it is a full episode, a trailer or a bonus, whether it is explicit,
 * and where its transcript and chapters are. Any field may be absent (null).
 */
public record Episode(Integer duration, Integer number, Integer season, String type, Boolean explicit,
    URI transcript, URI chapters) {

  public static final Episode NONE = new Episode(null, null, null, null, null, null, null);

  /** The media type of a transcript, from its file's extension (Podcasting 2.0 names these). */
  public String transcriptType() {
    String path = transcript == null || transcript.getPath() == null ? "" : transcript.getPath().toLowerCase(Locale.ROOT);
    if (path.endsWith(".vtt")) {
      return "text/vtt";
    }
    if (path.endsWith(".srt")) {
      return "application/x-subrip";
    }
    if (path.endsWith(".json")) {
      return "application/json";
    }
    if (path.endsWith(".html") || path.endsWith(".htm")) {
      return "text/html";
    }
    return "text/plain";
  }
}
