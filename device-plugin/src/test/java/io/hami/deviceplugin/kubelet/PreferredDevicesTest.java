package io.hami.deviceplugin.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PreferredDevicesTest {
    static final List<String> AVAILABLE = List.of("GPU-a-0", "GPU-a-1", "GPU-b-0", "GPU-b-1", "GPU-c-0");

    @Test
    void choosesASlotOfEachGpuTheSchedulerChose() {
        assertThat(PreferredDevices.choose(AVAILABLE, List.of(), 2, List.of("GPU-c", "GPU-b"))).containsExactly("GPU-c-0", "GPU-b-0");
    }

    @Test
    void mustIncludeSlotsComeFirstAndCountForTheirGpu() {
        assertThat(PreferredDevices.choose(AVAILABLE, List.of("GPU-b-1"), 2, List.of("GPU-b", "GPU-a"))).containsExactly("GPU-b-1", "GPU-a-0");
    }

    @Test
    void withoutAHintOrAFreeSlotItFillsFromTheAvailableInOrder() {
        assertThat(PreferredDevices.choose(AVAILABLE, List.of(), 2, List.of())).containsExactly("GPU-a-0", "GPU-a-1");
        assertThat(PreferredDevices.choose(AVAILABLE, List.of(), 2, List.of("GPU-z"))).containsExactly("GPU-a-0", "GPU-a-1");
        assertThat(PreferredDevices.choose(List.of("GPU-a-0"), List.of(), 3, List.of())).containsExactly("GPU-a-0");
    }
}
