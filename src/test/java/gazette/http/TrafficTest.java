package gazette.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

  @Test
  void aRecordAddedAfterTheThreadWentToSleepWakesIt() throws Exception {
    LinkedBlockingQueue<Long> seen = new LinkedBlockingQueue<>();
    CountDownLatch idle = new CountDownLatch(1);
    Traffic traffic = Traffic.start(TrustedProxies.NONE, List.of(new Traffic.Listener() {
      @Override
      public void served(Served served, String client) {
        seen.add(served.time());
      }

      @Override
      public void idle() {
        idle.countDown();
      }
    }));
    try {
      assertThat(idle.await(10, TimeUnit.SECONDS)).isTrue(); // nothing queued: napped, then went to wait
      for (int i = 1; i <= 3; i++) {
        traffic.add(served(i));
        assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo(i);
        Thread.sleep(Traffic.NAP_NANOS * Traffic.NAPS / 1_000_000 * 4); // long enough to be waiting again
      }
    } finally {
      traffic.close();
    }
  }

  @Test
  void aFullQueueMakesTheAddingThreadWaitAndLosesNothing() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<Long> seen = Collections.synchronizedList(new ArrayList<>());
    Traffic traffic = Traffic.start(TrustedProxies.NONE, List.of(new Traffic.Listener() {
      @Override
      public void served(Served served, String client) {
        try {
          release.await(); // a listener stuck on a slow disk
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        seen.add(served.time());
      }
    }));
    int records = Traffic.CAPACITY * 2;
    AtomicInteger added = new AtomicInteger();
    Thread io = new Thread(() -> {
      for (int i = 0; i < records; i++) {
        traffic.add(unchecked(i));
        added.incrementAndGet();
      }
    });
    io.start();
    try {
      // The listener holds the first batch; the queue takes CAPACITY more, then the adding thread waits.
      io.join(500);
      assertThat(io.isAlive()).isTrue();
      assertThat(added.get()).isLessThan(records).isGreaterThanOrEqualTo(Traffic.CAPACITY);
    } finally {
      release.countDown();
    }
    io.join(TimeUnit.SECONDS.toMillis(30));
    assertThat(io.isAlive()).isFalse();
    traffic.close();
    assertThat(seen).hasSize(records);
    for (int i = 0; i < records; i++) {
      assertThat(seen.get(i)).isEqualTo(i);
    }
  }

  private static Served unchecked(int n) {
    try {
      return served(n);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
