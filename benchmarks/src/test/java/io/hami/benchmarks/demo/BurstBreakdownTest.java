package io.hami.benchmarks.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BurstBreakdownTest {
    @TempDir
    Path started;

    @Test
    void aLockModeBurstNamesTheNodeLock() throws Exception {
        var text = BurstBreakdown.of(List.of(), System.nanoTime(), started, false).text();
        assertThat(text).contains("failed (node lock contention)")
                .contains("(the node lock is held from one bind until its pod's Allocate)");
    }

    @Test
    void aLocklessBurstSaysNoBindTakesTheNodeLock() throws Exception {
        var text = BurstBreakdown.of(List.of(), System.nanoTime(), started, true).text();
        assertThat(text).contains("failed (lockless: no bind takes the node lock)")
                .contains("(lockless: binds to the node run side by side")
                .doesNotContain("node lock contention").doesNotContain("node lock is held");
    }
}
