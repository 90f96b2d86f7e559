package io.hami.demo.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.model.device.ContainerDevice;
import io.hami.model.device.ContainerDevices;
import io.hami.model.device.PodDevices;
import org.junit.jupiter.api.Test;

class GpuUseTest {

    static ContainerDevices on(String uuid, int mem, int cores) {
        return ContainerDevices.of(new ContainerDevice(uuid, "NVIDIA", mem, cores));
    }

    @Test
    void initContainersCountAtTheirPeakAppContainersSummed() {
        var allocation = PodDevices.of(on("g", 1000, 10), on("g", 4000, 5), on("g", 3000, 20), on("g", 2000, 10));
        assertThat(GpuUse.of(allocation, 2, "g", 100)).isEqualTo(new GpuUse(5000, 30, 2, false));
        assertThat(GpuUse.of(allocation, 0, "g", 100)).isEqualTo(new GpuUse(10000, 45, 4, false));
    }

    @Test
    void otherGpusAndEmptyEntriesCountNothingAndAllCoresIsExclusive() {
        var allocation = PodDevices.of(ContainerDevices.NONE, on("h", 40960, 100));
        assertThat(GpuUse.of(allocation, 1, "g", 100).holds()).isFalse();
        assertThat(GpuUse.of(allocation, 1, "h", 100)).isEqualTo(new GpuUse(40960, 100, 1, true));
    }
}
