package gazette.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.undertow.connector.PooledByteBuffer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The server's I/O buffers: reused by the thread that freed them, never handed out twice, cleared on return. */
class BuffersTest {
  private final Buffers buffers = Buffers.forHeap(1L << 30);

  @Test
  void aFreedBufferComesBackClearedToTheThreadThatFreedIt() {
    PooledByteBuffer first = buffers.allocate();
    ByteBuffer bytes = first.getBuffer();
    bytes.put((byte) 1).flip();
    first.close();

    PooledByteBuffer again = buffers.allocate();
    assertThat(again.getBuffer()).isSameAs(bytes);
    assertThat(bytes.position()).isZero();
    assertThat(bytes.limit()).isEqualTo(bytes.capacity());
  }

  @Test
  void closingTwiceNeverPutsABufferInThePoolTwice() {
    PooledByteBuffer pooled = buffers.allocate();
    pooled.close();
    pooled.close();
    assertThat(pooled.isOpen()).isFalse();
    assertThatThrownBy(pooled::getBuffer).isInstanceOf(IllegalStateException.class);

    assertThat(buffers.allocate().getBuffer()).isNotSameAs(buffers.allocate().getBuffer());
  }

  @Test
  void whatAThreadCannotKeepGoesToTheOthersUpToABound() throws Exception {
    List<PooledByteBuffer> out = new ArrayList<>();
    for (int i = 0; i < Buffers.PER_THREAD + Buffers.SHARED + 10; i++) {
      out.add(buffers.allocate());
    }
    ByteBuffer overflow = out.get(Buffers.PER_THREAD).getBuffer();
    out.forEach(PooledByteBuffer::close); // the first PER_THREAD stay with this thread, then SHARED are shared
    assertThat(buffers.shared()).isEqualTo(Buffers.SHARED);

    AtomicReference<ByteBuffer> taken = new AtomicReference<>();
    Thread other = new Thread(() -> taken.set(buffers.allocate().getBuffer()));
    other.start();
    other.join();
    assertThat(taken.get()).isSameAs(overflow);
    assertThat(buffers.shared()).isEqualTo(Buffers.SHARED - 1);
  }

  @Test
  void sizesAreUndertowsForTheHeap() {
    assertThat(buffers.isDirect()).isTrue();
    assertThat(buffers.getBufferSize()).isEqualTo(16 * 1024 - 20);
    assertThat(buffers.allocate().getBuffer().isDirect()).isTrue();
    assertThat(buffers.getArrayBackedPool().isDirect()).isFalse();
    assertThat(buffers.getArrayBackedPool().allocate().getBuffer().hasArray()).isTrue();
    assertThat(buffers.getArrayBackedPool().getBufferSize()).isEqualTo(buffers.getBufferSize());
    assertThat(Buffers.forHeap(100L << 20).getBufferSize()).isEqualTo(1024);
    assertThat(Buffers.forHeap(32L << 20).isDirect()).isFalse();
    assertThat(Buffers.forHeap(32L << 20).getBufferSize()).isEqualTo(512);
  }

  @Test
  void aClosedPoolKeepsNothing() {
    PooledByteBuffer pooled = buffers.allocate();
    ByteBuffer bytes = pooled.getBuffer();
    buffers.close();
    pooled.close();
    assertThat(buffers.allocate().getBuffer()).isNotSameAs(bytes);
  }
}
