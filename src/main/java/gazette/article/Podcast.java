package gazette.article;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What podcast directories (Apple Podcasts, Spotify, Podcasting 2.0 apps) need of a publication whose
 * feeds carry episodes, from {@code podcast:} in {@code _feed.yaml}. Any field may be absent (null);
 * {@code check} says which ones a directory will refuse the podcast without.
 *
 * @param category and {@code subcategory}: from Apple's list ({@link #CATEGORIES})
 * @param artwork the square JPEG or PNG directories show
 * @param type {@code episodic} (newest first) or {@code serial} (in order)
 * @param owner who directories write to about the podcast: a name and an email
 * @param funding where listeners can support the show (Podcasting 2.0 {@code podcast:funding}), each with its text
 * @param locked whether other platforms may not import the feed (Podcasting 2.0 {@code podcast:locked})
 * @param guid the podcast's Podcasting 2.0 GUID, when it must not be the one derived from the feed URL
 */
public record Podcast(String category, String subcategory, URI artwork, Boolean explicit, String type,
    Author owner, List<Funding> funding, Boolean locked, String guid) {

  /** One way to support the show: a page and the words its link shows (null: a default). */
  public record Funding(URI url, String text) {}

  /** No podcast settings at all. */
  public static final Podcast NONE = new Podcast(null, null, null, null, null, null, List.of(), null, null);

  /** Apple Podcasts' categories and their subcategories, as its directory and the W3C validator know them. */
  public static final Map<String, List<String>> CATEGORIES = Map.ofEntries(
      Map.entry("Arts", List.of("Books", "Design", "Fashion & Beauty", "Food", "Performing Arts", "Visual Arts")),
      Map.entry("Business", List.of("Careers", "Entrepreneurship", "Investing", "Management", "Marketing", "Non-Profit")),
      Map.entry("Comedy", List.of("Comedy Interviews", "Improv", "Stand-Up")),
      Map.entry("Education", List.of("Courses", "How To", "Language Learning", "Self-Improvement")),
      Map.entry("Fiction", List.of("Comedy Fiction", "Drama", "Science Fiction")),
      Map.entry("Government", List.of()),
      Map.entry("History", List.of()),
      Map.entry("Health & Fitness", List.of("Alternative Health", "Fitness", "Medicine", "Mental Health", "Nutrition",
          "Sexuality")),
      Map.entry("Kids & Family", List.of("Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids")),
      Map.entry("Leisure", List.of("Animation & Manga", "Automotive", "Aviation", "Crafts", "Games", "Hobbies",
          "Home & Garden", "Video Games")),
      Map.entry("Music", List.of("Music Commentary", "Music History", "Music Interviews")),
      Map.entry("News", List.of("Business News", "Daily News", "Entertainment News", "News Commentary", "Politics",
          "Sports News", "Tech News")),
      Map.entry("Religion & Spirituality", List.of("Buddhism", "Christianity", "Hinduism", "Islam", "Judaism", "Religion",
          "Spirituality")),
      Map.entry("Science", List.of("Astronomy", "Chemistry", "Earth Sciences", "Life Sciences", "Mathematics",
          "Natural Sciences", "Nature", "Physics", "Social Sciences")),
      Map.entry("Society & Culture", List.of("Documentary", "Personal Journals", "Philosophy", "Places & Travel",
          "Relationships")),
      Map.entry("Sports", List.of("Baseball", "Basketball", "Cricket", "Fantasy Sports", "Football", "Golf", "Hockey",
          "Rugby", "Running", "Soccer", "Swimming", "Tennis", "Volleyball", "Wilderness", "Wrestling")),
      Map.entry("Technology", List.of()),
      Map.entry("True Crime", List.of()),
      Map.entry("TV & Film", List.of("After Shows", "Film History", "Film Interviews", "Film Reviews", "TV Reviews")));

  public Podcast {
    funding = List.copyOf(funding);
    if (subcategory != null) {
      Objects.requireNonNull(category, "a subcategory needs its category");
    }
  }
}
