package io.hami.monitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.bindings.nvml.Nvml;
import io.hami.bindings.nvml.NvmlReturn;
import io.hami.monitor.metrics.CollectErrors.Reason;
import io.hami.testfixtures.nvml.FakeNvml;
import io.hami.testfixtures.nvml.NvmlProfile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HostGpusTest {
    private final CollectErrors errors = new CollectErrors();

    @Test
    void nvmlIsInitializedOnceForEveryScrape() {
        var fake = FakeNvml.eightA100();
        try (var host = new HostGpus(() -> new Nvml(fake, Path.of("/sys")))) {
            for (int i = 0; i < 3; i++) {
                assertThat(host.sample(errors)).hasSize(8);
            }
            assertThat(fake.initCount()).isEqualTo(1);
        }
        assertThat(fake.initCount()).isZero();
        assertThat(errors.get(Reason.HOST_LIBRARY)).isZero();
    }

    @Test
    void withoutNvmlEachScrapeCountsAndTriesAgain() {
        var fake = FakeNvml.twoV100OnTwoNumaNodes();
        fake.failSystem("nvmlInit_v2", NvmlReturn.DRIVER_NOT_LOADED);
        try (var host = new HostGpus(() -> new Nvml(fake, Path.of("/sys")))) {
            assertThat(host.sample(errors)).isEmpty();
            assertThat(host.sample(errors)).isEmpty();
            assertThat(errors.get(Reason.HOST_LIBRARY)).isEqualTo(2);
        }
    }

    @Test
    void aLostGpuIsLeftOutAndTheOthersAreRead() {
        var fake = FakeNvml.fromProfile(NvmlProfile.GPU_LOST);
        try (var host = new HostGpus(() -> new Nvml(fake, Path.of("/sys")))) {
            var samples = host.sample(errors);
            assertThat(samples).extracting(HostGpuSample::index).contains(0, 3).doesNotContain(2);
            assertThat(samples.stream().filter(s -> s.index() == 1)).allSatisfy(s -> {
                assertThat(s.memoryUsed()).isEmpty();
                assertThat(s.utilization()).isEmpty();
            });
            assertThat(errors.get(Reason.HOST_LIBRARY)).isPositive();
        }
    }

    @Test
    void aMissingLibraryIsCountedNotThrown() {
        try (var host = new HostGpus(() -> Nvml.open("/nonexistent/libnvidia-ml.so.1"))) {
            assertThat(host.sample(errors)).isEmpty();
            assertThat(errors.get(Reason.HOST_LIBRARY)).isEqualTo(1);
        }
    }
}
