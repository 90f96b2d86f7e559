package io.hami.scheduler.fit;

import static io.hami.scheduler.Kube.container;
import static io.hami.scheduler.Kube.gpu;
import static io.hami.scheduler.Kube.nvidiaNode;
import static io.hami.scheduler.Kube.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.hami.model.annotation.MigAllocationsCodec;
import io.hami.model.annotation.PodDevicesCodec;
import io.hami.model.device.ContainerDevice;
import io.hami.model.device.MigAllocation;
import io.hami.model.device.MigProfile;
import io.hami.model.device.NodeDevice;
import io.hami.model.device.PodDevices;
import io.hami.model.wire.WireFormatException;
import io.hami.scheduler.Scenario;
import io.hami.scheduler.filter.FilterResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Random pods scheduled one after the other onto a node of A100s in {@code mode: mig} (and a {@code hami-core} GPU),
 * each decision counted as a scheduled pod: no two instances on a GPU ever overlap, every instance sits at a placement
 * its profile registered and has the memory asked, every MIG device entry has exactly one reservation pointing at it,
 * and consistent bookkeeping never fails a GPU closed.
 */
class MigFitProperties {

    private static final String MIG_KEY = "hami.io/vgpu-mig-allocations";
    private static final String ALLOCATED = "hami.io/vgpu-devices-allocated";

    @Test
    void instancesNeverOverlapAndEveryMigEntryHasItsReservation() {
        var scheduled = new AtomicInteger();
        qt().withExamples(60).forAll(longs().all()).checkAssert(seed -> scheduled.addAndGet(schedule(seed)));
        assertThat(scheduled.get()).as("pods scheduled over all examples").isGreaterThan(150);
    }

    private static int schedule(long seed) {
        var random = new Random(seed);
        int migGpus = 1 + random.nextInt(3);
        var devices = new ArrayList<NodeDevice>();
        var profiles = new HashMap<String, List<MigProfile>>();
        for (int g = 0; g < migGpus; g++) {
            devices.add(new NodeDevice("GPU-" + g, g, 7, 40960, 100, "NVIDIA", 0, "mig", true, MigPlacerTest.A100,
                    null));
            profiles.put("GPU-" + g, MigPlacerTest.A100);
        }
        devices.add(gpu("GPU-h", migGpus, 10, 40960, 100, 0));
        var s = Scenario.of(nvidiaNode("n", devices.toArray(NodeDevice[]::new)));
        var held = new HashMap<String, List<MigAllocation>>();
        int scheduled = 0;
        for (int i = 0; i < 12; i++) {
            Pod p = randomPod(random, i);
            FilterResult r = s.filter(p);
            if (r.kind() != FilterResult.Kind.SCHEDULED) {
                assertThat(r.failedNodes().get("n")).as("seed %d pod %d", seed, i).doesNotContain("CardNotHealth");
                continue;
            }
            scheduled++;
            Map<String, String> annotations = r.annotations(Instant.EPOCH);
            check(annotations, p, profiles, held, seed);
            s.holdingAnnotated("n", ALLOCATED, annotations.get(ALLOCATED), MIG_KEY,
                    annotations.getOrDefault(MIG_KEY, ""));
        }
        return scheduled;
    }

    private static Pod randomPod(Random random, int i) {
        var containers = new ArrayList<Container>();
        int count = 1 + random.nextInt(2);
        for (int c = 0; c < count; c++) {
            String gpus = Integer.toString(1 + random.nextInt(3));
            containers.add(random.nextInt(4) == 0
                    ? container("c" + c, "nvidia.com/gpu", gpus, "nvidia.com/gpumem-percentage",
                            Integer.toString(1 + random.nextInt(60)))
                    : container("c" + c, "nvidia.com/gpu", gpus, "nvidia.com/gpumem",
                            Integer.toString(1 + random.nextInt(22000))));
        }
        var b = pod("p" + i);
        if (random.nextInt(3) == 0) {
            b.annotate("nvidia.com/vgpu-mode", "mig");
        }
        return b.app(containers.toArray(Container[]::new)).build();
    }

    private static void check(Map<String, String> annotations, Pod pod, Map<String, List<MigProfile>> profiles,
                              Map<String, List<MigAllocation>> held, long seed) {
        try {
            PodDevices devices = PodDevicesCodec.INSTANCE.decode(annotations.get(ALLOCATED));
            List<MigAllocation> reservations = MigAllocationsCodec.INSTANCE.decode(
                    annotations.getOrDefault(MIG_KEY, "")).allocations();
            int migEntries = 0;
            for (int c = 0; c < devices.containers().size(); c++) {
                List<ContainerDevice> entry = devices.containers().get(c).devices();
                for (int d = 0; d < entry.size(); d++) {
                    ContainerDevice device = entry.get(d);
                    if (!profiles.containsKey(device.uuid())) {
                        continue;
                    }
                    migEntries++;
                    int container = c;
                    int index = d;
                    MigAllocation a = reservations.stream()
                            .filter(x -> x.containerIndex() == container && x.deviceIndex() == index).findFirst()
                            .orElseThrow(() -> new AssertionError("seed " + seed + ": no reservation for " + device));
                    assertThat(a.gpuUuid()).isEqualTo(device.uuid());
                    MigProfile profile = profiles.get(a.gpuUuid()).stream()
                            .filter(x -> x.name().equals(a.profile())).findFirst().orElseThrow();
                    assertThat(profile.placements()).as("seed %d", seed).contains(a.placement());
                    assertThat(device.usedMem()).isEqualTo(profile.memoryMB());
                    asked(pod, c).ifPresent(mem -> assertThat(profile.memoryMB()).isGreaterThanOrEqualTo(mem));
                    for (MigAllocation other : held.getOrDefault(a.gpuUuid(), List.of())) {
                        assertThat(a.placement().overlaps(other.placement()))
                                .as("seed %d: %s overlaps %s", seed, a, other).isFalse();
                    }
                    held.computeIfAbsent(a.gpuUuid(), k -> new ArrayList<>()).add(a);
                }
            }
            assertThat(reservations).as("seed %d", seed).hasSize(migEntries);
        } catch (WireFormatException e) {
            throw new AssertionError(e);
        }
    }

    /** The MiB container {@code c} asked with {@code nvidia.com/gpumem}, when it did. */
    private static java.util.Optional<Integer> asked(Pod pod, int c) {
        var limits = pod.getSpec().getContainers().get(c).getResources().getLimits();
        return java.util.Optional.ofNullable(limits.get("nvidia.com/gpumem"))
                .map(q -> Integer.parseInt(q.getAmount()));
    }
}
