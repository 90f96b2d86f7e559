package io.hami.testfixtures.region;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.bindings.region.MemoryUsage;
import io.hami.bindings.region.ProcessSlot;
import io.hami.bindings.region.RegionReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A C process rewrites one slot's {@code used[]} under the 1.2 seqlock, every device's total and data_size set to
 * the same counter in each update, while Java takes snapshots: a slot reported consistent must never mix two
 * updates.
 */
class SeqlockHammerTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "gap between updates {0} us")
    @CsvSource({"0", "20"})
    void theReaderNeverReturnsATornSlot(long gapMicros) throws Exception {
        var c = RegionWriterFixture.on(dir.resolve("hammer.cache")).create("1.2", "--devices", "4")
                .run("register", "300").run("register", "301");
        var hammer = c.start("hammer", "301", "1500", String.valueOf(gapMicros));
        int consistent = 0;
        int stale = 0;
        long lastSeen = 0;
        try (var reader = RegionReader.open(c.file())) {
            while (hammer.isAlive()) {
                var slot = reader.snapshot().slots().get(1);
                if (slot.stale()) {
                    stale++;
                    continue;
                }
                consistent++;
                assertUntorn(slot);
                assertThat(slot.used(0).total()).as("counters only grow").isGreaterThanOrEqualTo(lastSeen);
                lastSeen = slot.used(0).total();
            }
        }
        assertThat(hammer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        var out = new String(hammer.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(hammer.exitValue()).isZero();
        long updates = Long.parseLong(out.strip().replace("updates ", ""));
        assertThat(updates).isPositive();
        assertThat(consistent).as("consistent copies (%d stale)", stale).isPositive();
        var last = RegionReader.read(c.file()).slots().get(1);
        assertThat(last.stale()).isFalse();
        assertThat(last.used(3).total()).isEqualTo(updates);
    }

    @Test
    void theSameReaderSeesTornSlotsWhenTheFileHidesItsSeqlock() throws Exception {
        // The control: the same hammering, but the header now says 1.1, so the reader has no seqlock to follow.
        var c = RegionWriterFixture.on(dir.resolve("control.cache")).create("1.2").run("register", "300");
        var hammer = c.start("hammer", "300", "1000", "0");
        c.run("set", "minor_version", "1");
        int torn = 0;
        try (var reader = RegionReader.open(c.file())) {
            while (hammer.isAlive()) {
                var slot = reader.snapshot().slots().getFirst();
                if (slot.used().stream().map(MemoryUsage::total).distinct().count() > 1) {
                    torn++;
                }
            }
        }
        assertThat(hammer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(torn).as("torn copies without the seqlock").isPositive();
    }

    private static void assertUntorn(ProcessSlot slot) {
        long k = slot.used(0).total();
        for (int d = 0; d < 16; d++) {
            assertThat(slot.used(d)).as("device %d of a consistent copy", d).isEqualTo(new MemoryUsage(0, 0, k, 0, k));
        }
    }
}
