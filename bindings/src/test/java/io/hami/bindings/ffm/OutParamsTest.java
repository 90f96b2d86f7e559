package io.hami.bindings.ffm;

import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Out-parameter frames: never shared between threads or between open frames; zeroed unless asked otherwise. */
class OutParamsTest {

    private static final MemoryLayout FOUR_LONGS = MemoryLayout.sequenceLayout(4, JAVA_LONG);

    @Test
    void aBindingsFramesGiveAnotherThreadItsOwnMemory() throws InterruptedException {
        var frames = new OutParams.LastThread();
        long mine;
        try (var frame = frames.open()) {
            mine = frame.allocate(FOUR_LONGS).address();
        }
        var theirs = new AtomicLong();
        var other = Thread.ofPlatform().start(() -> {
            try (var frame = frames.open()) {
                theirs.set(frame.allocate(FOUR_LONGS).address());
            }
        });
        other.join();
        assertThat(theirs.get()).isNotEqualTo(mine);
        try (var frame = frames.open()) {
            assertThat(frame.allocate(FOUR_LONGS).address()).as("this thread's buffer again").isEqualTo(mine);
        }
    }

    @Test
    void aFrameOpenedWhileAnotherIsOpenDoesNotOverlapIt() {
        var frames = new OutParams.LastThread();
        try (var outer = frames.open()) {
            var a = outer.allocate(FOUR_LONGS);
            try (var inner = frames.open()) {
                var b = inner.uninitialized(FOUR_LONGS);
                assertThat(overlap(a, b)).isFalse();
            }
        }
    }

    @Test
    void allocateZeroesWhatAnEarlierCallLeft() {
        var frames = new OutParams.LastThread();
        try (var frame = frames.open()) {
            frame.uninitialized(FOUR_LONGS).fill((byte) 0x5a);
        }
        try (var frame = frames.open()) {
            var again = frame.allocate(FOUR_LONGS);
            assertThat(again.toArray(JAVA_LONG)).containsOnly(0L);
        }
    }

    @Test
    void anOutParameterTooLargeForTheBufferStillGetsItsOwnMemory() {
        var large = MemoryLayout.sequenceLayout(8192, JAVA_LONG); // 64 KiB, beyond the scratch buffer
        try (var frame = new OutParams.LastThread().open()) {
            var a = frame.uninitialized(large);
            var b = frame.allocate(large);
            assertThat(a.byteSize()).isEqualTo(large.byteSize());
            assertThat(overlap(a, b)).isFalse();
            assertThat(b.toArray(JAVA_LONG)).containsOnly(0L);
        }
    }

    private static boolean overlap(MemorySegment a, MemorySegment b) {
        return a.address() < b.address() + b.byteSize() && b.address() < a.address() + a.byteSize();
    }
}
