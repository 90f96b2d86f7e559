package io.hami.bindings.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;

/**
 * Memory for the out-parameters of one native call: a frame on a per-thread scratch buffer, zeroed on
 * allocation and given back when the frame closes, so the results must be copied into records before that
 * (as with a per-call confined arena, which this replaces on the hot path).
 *
 * <p>Why not {@code Arena.ofConfined()} per call: its malloc, zeroing and free cost about 30 ns, three times
 * the downcall itself, and management-library getters are called for every device on every scrape. A frame costs a
 * thread-local lookup and a slice. A frame that would not fit the buffer, or that opens while another frame
 * of the same thread is still open, falls back to a confined arena, so correctness never depends on the
 * buffer's size.
 */
public abstract sealed class OutParams implements SegmentAllocator, AutoCloseable {
    private static final long BUFFER_BYTES = 16 * 1024;
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** Opens the out-parameter memory of one call; use in try-with-resources. */
    public static OutParams open() {
        var scratch = SCRATCH.get();
        if (scratch.open) {
            return new Confined();
        }
        scratch.open = true;
        scratch.top = 0;
        return scratch;
    }

    @Override
    public abstract void close();

    /** The thread's reusable buffer; allocated once per thread, freed with it by the GC. */
    private static final class Scratch extends OutParams {
        private final MemorySegment buffer = Arena.ofAuto().allocate(BUFFER_BYTES, 16);
        private long top;
        private boolean open;
        private Confined overflow;

        @Override
        public MemorySegment allocate(long byteSize, long byteAlignment) {
            long start = (top + byteAlignment - 1) & -byteAlignment;
            if (byteAlignment > 16 || start + byteSize > BUFFER_BYTES) {
                if (overflow == null) {
                    overflow = new Confined();
                }
                return overflow.allocate(byteSize, byteAlignment);
            }
            top = start + byteSize;
            return buffer.asSlice(start, byteSize).fill((byte) 0);
        }

        @Override
        public void close() {
            open = false;
            if (overflow != null) {
                overflow.close();
                overflow = null;
            }
        }
    }

    /** A confined arena, for frames the scratch buffer cannot take. */
    private static final class Confined extends OutParams {
        private final Arena arena = Arena.ofConfined();

        @Override
        public MemorySegment allocate(long byteSize, long byteAlignment) {
            return arena.allocate(byteSize, byteAlignment);
        }

        @Override
        public void close() {
            arena.close();
        }
    }
}
