package io.hami.demo.race;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.hami.model.vendor.Vendors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RandomPodsTest {

    private static Map<String, String> limits(Pod pod) {
        var out = new LinkedHashMap<String, String>();
        pod.getSpec().getContainers().getFirst().getResources().getLimits().forEach((k, v) -> out.put(k, v.toString()));
        return out;
    }

    @Test
    void nvidiaPodsOfASeedAreTheOnesTheRaceAlwaysDrew() {
        var pods = new RandomPods(7);

        assertThat(IntStream.range(0, 3).mapToObj(i -> limits(pods.next("race-" + i))).toList()).containsExactly(
                Map.of("nvidia.com/gpu", "2", "nvidia.com/gpumem", "6144", "nvidia.com/gpucores", "25"),
                Map.of("nvidia.com/gpu", "1", "nvidia.com/gpumem", "6144", "nvidia.com/gpucores", "25"),
                Map.of("nvidia.com/gpu", "1", "nvidia.com/gpumem", "1024", "nvidia.com/gpucores", "20"));
    }

    @Test
    void mixedPodsAskForEveryTypeUnderItsOwnResourceNames() {
        var catalog = Vendors.defaults();
        var types = List.of("nvidia", "cambricon", "ascend-910b3", "hygon", "iluvatar-bi-v150", "metax-sgpu", "metax-gpu",
                "mthreads");
        var pods = new RandomPods(3, types);
        var seen = new java.util.HashSet<String>();
        for (int i = 0; i < 200; i++) {
            var limits = limits(pods.next("p" + i));
            var type = limits.keySet().stream().map(catalog::byCountResource).flatMap(java.util.Optional::stream)
                    .findFirst().orElseThrow();
            seen.add(type.id());
            var names = type.resources();
            assertThat(limits.keySet()).as(limits.toString()).allMatch(k -> k.equals(names.count())
                    || names.memory().filter(k::equals).isPresent() || names.cores().filter(k::equals).isPresent()
                    || names.memoryPercentage().filter(k::equals).isPresent());
            if (type.id().equals("ascend-910b3")) {
                assertThat(limits).as("Ascend takes no core resource outside soft split").doesNotContainKey(names.cores().get());
            }
            if (type.id().equals("mthreads") && limits.containsKey(names.memory().get())) {
                assertThat(limits.get(names.memory().get())).as("a Moore Threads sGPU size").isIn("2", "4", "8", "16", "32");
            }
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(types);
    }

    @Test
    void migPodsAdmitOnlyMigGpusAndAskForMemoryAnA100ProfileHolds() {
        var pods = new RandomPods(5, List.of("nvidia", RandomPods.NVIDIA_MIG));
        int mig = 0;
        for (int i = 0; i < 200; i++) {
            var pod = pods.next("p" + i);
            var annotations = pod.getMetadata().getAnnotations();
            if (annotations == null || annotations.isEmpty()) {
                continue;
            }
            mig++;
            assertThat(annotations).containsExactly(Map.entry("nvidia.com/vgpu-mode", "mig"));
            var limits = limits(pod);
            assertThat(limits.keySet()).containsExactly("nvidia.com/gpu", "nvidia.com/gpumem");
            assertThat(limits.get("nvidia.com/gpu")).isIn("1", "2");
            assertThat(limits.get("nvidia.com/gpumem")).isIn("4000", "9000", "18000", "38000");
        }
        assertThat(mig).isBetween(60, 140);
    }

    @Test
    void refusesATypeTheCatalogDoesNotHave() {
        assertThatThrownBy(() -> new RandomPods(1, List.of("nvidia", "tpu"))).hasMessageContaining("no device type tpu");
    }
}
