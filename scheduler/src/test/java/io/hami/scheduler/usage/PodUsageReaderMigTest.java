package io.hami.scheduler.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.hami.model.device.MigPlacement;
import io.hami.scheduler.Kube;
import io.hami.scheduler.Scenario;
import org.junit.jupiter.api.Test;

/** The MIG reservations of a scheduled pod, as the usage accounting reads them. */
class PodUsageReaderMigTest {

    private static PodUsage read(String... annotations) throws Exception {
        Pod pod = Kube.pod("p").annotate("hami.io/vgpu-node", "n",
                "hami.io/vgpu-devices-allocated", "GPU-a,NVIDIA,5120,14:;").annotate(annotations)
                .app(Kube.container("c")).build();
        return PodUsageReader.read(pod, Scenario.TYPES, false).orElseThrow();
    }

    @Test
    void readsTheReservationsWithTheirRuntimeIdentity() throws Exception {
        PodUsage u = read("hami.io/vgpu-mig-allocations", "[{\"containerIndex\":0,\"deviceIndex\":0,\"gpuUUID\":"
                + "\"GPU-a\",\"profile\":\"1g.5gb\",\"placement\":{\"start\":6,\"size\":1},\"migUUID\":\"MIG-a\","
                + "\"gpuInstanceID\":7,\"computeInstanceID\":0}]");
        assertThat(u.mig()).singleElement().satisfies(a -> {
            assertThat(a.profile()).isEqualTo("1g.5gb");
            assertThat(a.placement()).isEqualTo(new MigPlacement(6, 1));
            assertThat(a.runtime()).isNotNull();
        });
        assertThat(u.migProblem()).isEmpty();
    }

    @Test
    void podWithoutReservationsHasNone() throws Exception {
        assertThat(read().mig()).isEmpty();
        assertThat(read().migProblem()).isEmpty();
    }

    @Test
    void unreadableReservationsAreReportedOnceAndCountAsNone() throws Exception {
        PodUsage u = read("hami.io/vgpu-mig-allocations", "[{\"containerIndex\":0,\"deviceIndex\":0,\"gpuUUID\":"
                + "\"GPU-a\",\"profile\":\"1g.5gb\",\"placement\":{\"start\":6,\"size\":0}}]");
        assertThat(u.mig()).isEmpty();
        assertThat(u.migProblem()).startsWith("hami.io/vgpu-mig-allocations: ").contains("incomplete");
        assertThat(u.devices()).containsKey("nvidia");
    }
}
