package io.hami.bindings.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
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
 *
 * <p>The hottest calls (the memory of every device, every scrape) go through a {@link LastThread} of their binding,
 * which skips the thread-local look-up for calls from the thread that called last, and take their out-parameter
 * {@linkplain #uninitialized uninitialized} where the library writes all of it on success.
 */
public abstract sealed class OutParams implements SegmentAllocator, AutoCloseable {
    private static final long BUFFER_BYTES = 16 * 1024;
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** Opens the out-parameter memory of one call; use in try-with-resources. */
    public static OutParams open() {
        return SCRATCH.get().enter();
    }

    /**
     * Memory for {@code layout} that is not zeroed: it may hold what an earlier call of this thread left there.
     * Only for an out-parameter the callee writes in full when it succeeds, read only after it did; anything the
     * caller must set (a {@code version}) is set by the caller.
     */
    public MemorySegment uninitialized(MemoryLayout layout) {
        return allocate(layout);
    }

    @Override
    public abstract void close();

    /**
     * Opens frames like {@link OutParams#open()} for one binding, remembering the buffer of the thread that called
     * last: a call from that thread again (the monitor's scrape thread, call after call) takes it without the
     * thread-local look-up, which is a third of what the frame costs; a call from any other thread looks its own
     * buffer up and is remembered in turn. Thread-safe: a buffer is only ever used by its own thread (checked on
     * every call), and its owner and memory are final fields, so a racy read of the remembered one sees either an
     * older buffer or a complete newer one. It keeps the last caller's buffer (16 KiB) reachable after that thread
     * ends, until another thread calls.
     */
    public static final class LastThread {
        private Scratch last;

        /** Opens the out-parameter memory of one call; use in try-with-resources. */
        public OutParams open() {
            var scratch = last;
            if (scratch == null || scratch.owner != Thread.currentThread()) {
                scratch = SCRATCH.get();
                last = scratch;
            }
            return scratch.enter();
        }
    }

    /** The thread's reusable buffer; allocated once per thread, freed with it by the GC. */
    private static final class Scratch extends OutParams {
        private final MemorySegment buffer = Arena.ofAuto().allocate(BUFFER_BYTES, 16);
        private final Thread owner = Thread.currentThread();
        private long top;
        private boolean open;
        private Confined overflow;

        /** This buffer as the frame of a new call, or a confined arena while a frame of this thread is open. */
        OutParams enter() {
            if (open) {
                return new Confined();
            }
            open = true;
            top = 0;
            return this;
        }

        @Override
        public MemorySegment allocate(long byteSize, long byteAlignment) {
            long start = fit(byteSize, byteAlignment);
            return start < 0 ? overflow(byteSize, byteAlignment) : buffer.asSlice(start, byteSize).fill((byte) 0);
        }

        @Override
        public MemorySegment uninitialized(MemoryLayout layout) {
            long start = fit(layout.byteSize(), layout.byteAlignment());
            return start < 0 ? overflow(layout.byteSize(), layout.byteAlignment()) : buffer.asSlice(start, layout.byteSize());
        }

        /** Where in the buffer the next {@code byteSize} bytes go, taken; -1 when they do not fit. */
        private long fit(long byteSize, long byteAlignment) {
            long start = (top + byteAlignment - 1) & -byteAlignment;
            if (byteAlignment > 16 || start + byteSize > BUFFER_BYTES) {
                return -1;
            }
            top = start + byteSize;
            return start;
        }

        private MemorySegment overflow(long byteSize, long byteAlignment) {
            if (overflow == null) {
                overflow = new Confined();
            }
            return overflow.allocate(byteSize, byteAlignment);
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
