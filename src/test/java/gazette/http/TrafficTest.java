package gazette.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The traffic thread: every record reaches the listeners in order, and they are told to write out at the end. */
class TrafficTest {
  private static Served served(int n) throws Exception {
    return new Served(n, InetAddress.getByName("192.0.2.1"), null, null, "GET", "/feed.xml", "", "HTTP/1.1", 304, 0,
        null, null, 0, false, false);
  }

  @Test
  void closingHandsOnEveryQueuedRecordThenLetsTheListenersWriteOut() throws Exception {
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    Traffic traffic = Traffic.start(TrustedProxies.NONE, List.of(new Traffic.Listener() {
      @Override
      public void served(Served served, String client) {
        events.add("served " + served.time());
      }

      @Override
      public void idle() {
        events.add("idle");
      }
    }));
    int records = 5000;
    for (int i = 0; i < records; i++) {
      traffic.add(served(i));
    }
    traffic.close();

    List<String> served = events.stream().filter(e -> e.startsWith("served ")).toList();
    assertThat(served).hasSize(records);
    for (int i = 0; i < records; i++) {
      assertThat(served.get(i)).isEqualTo("served " + i);
    }
    assertThat(events.get(events.size() - 1)).isEqualTo("idle");
  }
}
