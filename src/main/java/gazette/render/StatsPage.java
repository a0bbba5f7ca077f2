package gazette.render;

import gazette.memory.Audience;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The subscriber statistics as a page ({@code /stats}: a table per feed and a chart of the last
 * {@value #DAYS} days drawn as SVG on the server, no script) and as text ({@code gazette stats}).
 */
public final class StatsPage {
  public static final int DAYS = 90;
  static final int WIDTH = 720;
  static final int HEIGHT = 160;
  private static final TemplateEngine TEMPLATES =
      TemplateEngine.createPrecompiled(null, ContentType.Html, StatsPage.class.getClassLoader(), "gazette.render.templates");

  /** One bar of the chart: a day, its two stacked parts and where they are drawn. */
  public record Bar(String title, int x, int width, int announcedY, int announcedHeight, int othersY, int othersHeight) {}

  /** One feed as the page shows it. */
  public record FeedView(String path, long announced, long others, LocalDate day, List<Audience.Report> latest,
      List<Bar> bars, long most) {}

  private StatsPage() {}

  /** The page for these feeds (each with {@value #DAYS} days, the last one today). */
  public static byte[] html(String title, List<Audience.Feed> feeds, LocalDate today) {
    List<FeedView> views = new ArrayList<>();
    for (Audience.Feed feed : feeds) {
      views.add(view(feed));
    }
    Utf8ByteOutput out = new Utf8ByteOutput();
    TEMPLATES.render("stats.jte", java.util.Map.of("title", title, "today", today.toString(), "feeds", views, "width", WIDTH,
        "height", HEIGHT), out);
    java.io.ByteArrayOutputStream copy = new java.io.ByteArrayOutputStream(out.getContentLength());
    try {
      out.writeTo(copy);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("writing to memory cannot fail", e);
    }
    return copy.toByteArray();
  }

  private static FeedView view(Audience.Feed feed) {
    long most = Math.max(1, feed.days().stream().mapToLong(Audience.Day::total).max().orElse(1));
    int width = WIDTH / Math.max(1, feed.days().size());
    List<Bar> bars = new ArrayList<>();
    int x = 0;
    for (Audience.Day day : feed.days()) {
      int announced = (int) (day.announced() * HEIGHT / most);
      int others = (int) (day.others() * HEIGHT / most);
      bars.add(new Bar(day.day() + ": " + day.announced() + " announced by aggregators, " + day.others()
          + " other clients", x, Math.max(1, width - 1), HEIGHT - announced, announced,
          HEIGHT - announced - others, others));
      x += width;
    }
    Audience.Day last = feed.last();
    return new FeedView(feed.path(), last.announced(), last.others(), last.day(), feed.latest(), bars, most);
  }

  /** The text {@code gazette stats} prints. */
  public static String text(List<Audience.Feed> feeds) {
    StringBuilder out = new StringBuilder();
    if (feeds.isEmpty()) {
      return "no feed has been polled yet\n";
    }
    for (Audience.Feed feed : feeds) {
      Audience.Day last = feed.last();
      Audience.Day before = feed.days().size() > 1 ? feed.days().get(feed.days().size() - 2) : null;
      out.append(gazette.article.Problem.escape(feed.path())).append(": ").append(last.announced()).append(" subscribers announced by aggregators; ")
          .append(last.others()).append(" other clients today")
          .append(before == null ? "" : ", " + before.others() + " yesterday").append('\n');
      for (Audience.Report report : feed.latest()) {
        // Escaped: what an agent wrote, shown on a terminal (older files may hold what today's patterns refuse).
        out.append(String.format("  %-16s %10d  %s%s%n", gazette.article.Problem.escape(report.aggregator()),
            report.subscribers(), report.day(),
            report.feedId().isEmpty() ? "" : "  feed-id " + gazette.article.Problem.escape(report.feedId())));
      }
    }
    return out.toString();
  }
}
