package gazette.http;

import io.undertow.connector.ByteBufferPool;
import io.undertow.connector.PooledByteBuffer;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The I/O buffers of the server: each thread keeps the buffers it frees in a cache of its own and takes from it
 * first, with no lock; what overflows goes to a shared lock-free queue, up to a bound, and the rest to the garbage
 * collector. Undertow's own pool ({@code DefaultByteBufferPool}, since UNDERTOW-2385 in 2024) finds each thread's
 * cache in one synchronized map on every allocation and every free: the two I/O threads took turns on that monitor
 * for every response (635 of 671 contended-lock samples in a lock profile of gzip {@code 200}s).
 */
final class Buffers implements ByteBufferPool {
  /** Buffers a thread keeps for itself. */
  static final int PER_THREAD = 16;
  /** Buffers kept in the shared queue for any thread. */
  static final int SHARED = 256;

  private final boolean direct;
  private final int size;
  private final ThreadLocal<ArrayDeque<ByteBuffer>> local = ThreadLocal.withInitial(() -> new ArrayDeque<>(PER_THREAD));
  private final ConcurrentLinkedQueue<ByteBuffer> shared = new ConcurrentLinkedQueue<>();
  private final AtomicInteger sharedCount = new AtomicInteger();
  private final Buffers arrayBacked;
  private volatile boolean closed;

  private Buffers(boolean direct, int size, Buffers arrayBacked) {
    this.direct = direct;
    this.size = size;
    this.arrayBacked = arrayBacked == null ? this : arrayBacked;
  }

  /**
   * The buffers Undertow's builder would choose for this heap: direct buffers of 16 KiB less a TLS record's
   * overhead, smaller ones on a heap under 128 MiB, and heap buffers of 512 bytes under 64 MiB.
   */
  static Buffers forHeap(long maxMemory) {
    if (maxMemory < 64L << 20) {
      return new Buffers(false, 512, null);
    }
    int size = maxMemory < 128L << 20 ? 1024 : 16 * 1024 - 20;
    return new Buffers(true, size, new Buffers(false, size, null));
  }

  @Override
  public PooledByteBuffer allocate() {
    ByteBuffer buffer = local.get().pollFirst();
    if (buffer == null) {
      buffer = shared.poll();
      if (buffer != null) {
        sharedCount.decrementAndGet();
      }
    }
    if (buffer == null) {
      buffer = direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
    }
    return new Pooled(buffer);
  }

  private void free(ByteBuffer buffer) {
    if (closed) {
      return;
    }
    buffer.clear();
    ArrayDeque<ByteBuffer> mine = local.get();
    if (mine.size() < PER_THREAD) {
      mine.addFirst(buffer); // the most recently used first: still in the CPU's cache
    } else if (sharedCount.incrementAndGet() <= SHARED) {
      shared.offer(buffer);
    } else {
      sharedCount.decrementAndGet(); // enough kept: the collector frees it (a direct buffer's memory with it)
    }
  }

  @Override
  public ByteBufferPool getArrayBackedPool() {
    return arrayBacked;
  }

  /** Keeps no more buffers; those out are let go when they are freed. */
  @Override
  public void close() {
    closed = true;
    shared.clear();
    if (arrayBacked != this) {
      arrayBacked.close();
    }
  }

  @Override
  public int getBufferSize() {
    return size;
  }

  @Override
  public boolean isDirect() {
    return direct;
  }

  /** Buffers in the shared queue now (for tests). */
  int shared() {
    return sharedCount.get();
  }

  private final class Pooled implements PooledByteBuffer {
    private final ByteBuffer buffer;
    private final AtomicBoolean open = new AtomicBoolean(true);

    Pooled(ByteBuffer buffer) {
      this.buffer = buffer;
    }

    @Override
    public ByteBuffer getBuffer() {
      if (!open.get()) {
        throw new IllegalStateException("buffer already freed");
      }
      return buffer;
    }

    /** Gives the buffer back; a second close does nothing (the buffer is never in the pool twice). */
    @Override
    public void close() {
      if (open.compareAndSet(true, false)) {
        free(buffer);
      }
    }

    @Override
    public boolean isOpen() {
      return open.get();
    }

    @Override
    public String toString() {
      return "PooledByteBuffer(" + buffer + ")";
    }
  }
}
