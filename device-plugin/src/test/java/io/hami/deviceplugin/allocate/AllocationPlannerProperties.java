package io.hami.deviceplugin.allocate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.fabric8.kubernetes.api.model.Container;
import io.hami.model.annotation.PodDevicesCodec;
import io.hami.model.device.ContainerDevice;
import io.hami.model.device.ContainerDevices;
import io.hami.model.device.PodDevices;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Whatever the pod (init and app containers, each with 0–3 GPUs) and whichever encoding the scheduler used
 * (positional, or v2.10's without empty entries), allocating the GPU containers one call each, in order, gives
 * every GPU container exactly its own devices under its own name, and completes with the last one.
 */
class AllocationPlannerProperties {

    @Test
    void everyGpuContainerGetsItsOwnEntryInEitherEncoding() {
        qt().withExamples(400)
                .forAll(lists().of(integers().between(0, 3)).ofSizeBetween(2, 7), integers().between(0, 2))
                .assuming((gpus, init) -> init < gpus.size() && gpus.stream().anyMatch(n -> n > 0))
                .checkAssert((gpus, init) -> {
                    allocatesInOrder(gpus, init, false);
                    allocatesInOrder(gpus, init, true);
                });
    }

    private static void allocatesInOrder(List<Integer> gpus, int init, boolean dropEmpty) {
        var containers = new ArrayList<Container>();
        var entries = new ArrayList<ContainerDevices>();
        for (int i = 0; i < gpus.size(); i++) {
            containers.add(Pods.gpu("c" + i, gpus.get(i)));
            var devices = new ArrayList<ContainerDevice>();
            for (int d = 0; d < gpus.get(i); d++) {
                devices.add(new ContainerDevice("GPU-" + i + "-" + d, "NVIDIA", 100 * i + d, i));
            }
            if (!(dropEmpty && devices.isEmpty())) {
                entries.add(new ContainerDevices(devices));
            }
        }
        var annotation = PodDevicesCodec.INSTANCE.encode(new PodDevices(entries));
        var pod = Pods.pod(containers.subList(0, init), containers.subList(init, containers.size()), annotation);
        var gpuContainers = new ArrayList<Integer>();
        for (int i = 0; i < gpus.size(); i++) {
            if (gpus.get(i) > 0) {
                gpuContainers.add(i);
            }
        }
        for (int k = 0; k < gpuContainers.size(); k++) {
            int i = gpuContainers.get(k);
            AllocationPlan plan;
            try {
                plan = AllocationPlannerTest.PLANNER.plan(pod, List.of(gpus.get(i)), AllocationPlannerTest.CACHE);
            } catch (AllocateException e) {
                throw new AssertionError(annotation + ": " + e.getMessage(), e);
            }
            var container = plan.containers().getFirst();
            assertThat(container.id().containerName()).as(annotation).isEqualTo("c" + i);
            assertThat(container.devices().devices()).allSatisfy(d -> assertThat(d.uuid()).startsWith("GPU-" + i + "-"));
            assertThat(plan.complete()).isEqualTo(k == gpuContainers.size() - 1);
            pod.getMetadata().getAnnotations().put(io.hami.deviceplugin.PluginFixture.TO_ALLOCATE,
                    PodDevicesCodec.INSTANCE.encode(plan.remaining()));
        }
    }
}
