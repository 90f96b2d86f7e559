package io.hami.scheduler.fit;

import static io.hami.scheduler.Kube.container;
import static io.hami.scheduler.Kube.gpu;
import static io.hami.scheduler.Kube.nvidiaNode;
import static io.hami.scheduler.Kube.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.hami.scheduler.Scenario;
import org.junit.jupiter.api.Test;

/** numa_sort_test.go: numa-bind groups devices by NUMA node before the spread order. */
class NumaSortTest {

    /** A (NUMA 0, busiest), B (NUMA 0, idle), C (NUMA 1, in between). */
    private static Scenario abc() {
        return Scenario.of(nvidiaNode("n", gpu("A", 0, 10, 1000, 100, 0), gpu("B", 1, 10, 1000, 100, 0),
                        gpu("C", 2, 10, 1000, 100, 1)))
                .holding("n", "A,NVIDIA,0,0:;".repeat(4))
                .holding("n", "C,NVIDIA,0,0:;".repeat(2));
    }

    @Test
    void numaBindGroupsByNumaSoTwoDevicesFitOnNumaZero() {
        var p = pod("p").annotate("nvidia.com/numa-bind", "true")
                .app(container("c", "nvidia.com/gpu", "2", "nvidia.com/gpumem", "1")).build();
        assertThat(Scenario.nvidia(abc().filter(p))).isEqualTo("B,NVIDIA,1,0:A,NVIDIA,1,0:;");
    }

    @Test
    void withoutNumaBindSpreadTakesTheIdlestDevicesWherever() {
        var p = pod("p").app(container("c", "nvidia.com/gpu", "1", "nvidia.com/gpumem", "1")).build();
        assertThat(Scenario.nvidia(abc().filter(p))).isEqualTo("B,NVIDIA,1,0:;");
        var two = pod("p").app(container("c", "nvidia.com/gpu", "2", "nvidia.com/gpumem", "1")).build();
        assertThat(Scenario.nvidia(abc().filter(two))).isEqualTo("B,NVIDIA,1,0:C,NVIDIA,1,0:;");
    }
}
