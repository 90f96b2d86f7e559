package io.hami.model.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.model.annotation.PodDevicesCodec;
import io.hami.model.device.PodDevices;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PodContainersTest {
    static final String GPU = "nvidia.com/gpu";

    private static PodContainer gpu(String name) {
        return new PodContainer(name, false, Set.of(GPU));
    }

    private static PodContainer plain(String name) {
        return new PodContainer(name, false, Set.of());
    }

    private static PodContainers pod(List<PodContainer> init, List<PodContainer> app) {
        return PodContainers.of(init, app);
    }

    private static PodDevices devices(String annotation) {
        try {
            return PodDevicesCodec.INSTANCE.decode(annotation);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Optional<String> owner(PodContainers pod, String annotation, int entry) {
        return pod.containerOf(devices(annotation), entry, GPU).map(PodContainer::name);
    }

    @Test
    void ordersInitContainersBeforeAppContainersAsListed() {
        var pod = pod(List.of(plain("i1"), plain("i2")), List.of(gpu("a"), plain("b")));
        assertThat(pod.ordered()).extracting(PodContainer::name).containsExactly("i1", "i2", "a", "b");
        assertThat(PodContainers.inAnnotationOrder(List.of(1, 2), List.of(3))).containsExactly(1, 2, 3);
        assertThat(PodContainers.inAnnotationOrder(null, List.of(3))).containsExactly(3);
    }

    @Test
    void positionalEntriesCountInitContainersFirst() {
        assertThat(owner(pod(List.of(plain("init")), List.of(gpu("app"))), ";GPU-a,NVIDIA,1,0:;", 1)).contains("app");
        // v2.10's plugin would look up app container 1 here, which does not exist
        var both = pod(List.of(gpu("init")), List.of(gpu("app")));
        assertThat(owner(both, "GPU-a,NVIDIA,1,0:;GPU-b,NVIDIA,1,0:;", 1)).contains("app");
        assertThat(owner(both, "GPU-a,NVIDIA,1,0:;GPU-b,NVIDIA,1,0:;", 0)).contains("init");
    }

    @Test
    void entriesOfAV210SchedulerThatLeftOutEmptyOnesGoToTheKthGpuContainer() {
        assertThat(owner(pod(List.of(plain("init")), List.of(gpu("app"))), "GPU-a,NVIDIA,1,0:;", 0)).contains("app");
        var pod = pod(List.of(plain("i1"), plain("i2")), List.of(plain("side"), gpu("a"), gpu("b")));
        assertThat(owner(pod, "GPU-a,NVIDIA,1,0:;GPU-b,NVIDIA,1,0:;", 0)).contains("a");
        assertThat(owner(pod, "GPU-a,NVIDIA,1,0:;GPU-b,NVIDIA,1,0:;", 1)).contains("b");
    }

    @Test
    void noContainerForAnEntryBeyondTheGpuContainers() {
        assertThat(owner(pod(List.of(), List.of(plain("a"))), "GPU-a,NVIDIA,1,0:;", 0)).isEmpty();
        assertThat(owner(pod(List.of(), List.of(gpu("a"))), "GPU-a,NVIDIA,1,0:;GPU-b,NVIDIA,1,0:;", 1)).isEmpty();
        assertThat(owner(pod(List.of(), List.of(gpu("a"))), "GPU-a,NVIDIA,1,0:;", -1)).isEmpty();
    }

    @Test
    void entryOfIsTheInverseOfContainerOfInBothEncodings() {
        var pod = pod(List.of(plain("i1"), gpu("i2")), List.of(plain("side"), gpu("a"), gpu("b")));
        var positional = devices(";GPU-z,NVIDIA,1,0:;;GPU-a,NVIDIA,1,0:;GPU-b,NVIDIA,1,0:;");
        var shifted = devices("GPU-z,NVIDIA,1,0:;GPU-a,NVIDIA,1,0:;GPU-b,NVIDIA,1,0:;");
        assertThat(pod.positional(positional, GPU)).isTrue();
        assertThat(pod.positional(shifted, GPU)).isFalse();
        for (var layout : List.of(positional, shifted)) {
            for (int e = 0; e < layout.containers().size(); e++) {
                var c = pod.containerOf(layout, e, GPU);
                if (!layout.containers().get(e).isEmpty()) {
                    assertThat(c).isPresent();
                    assertThat(pod.entryOf(layout, c.get().name(), GPU)).isEqualTo(OptionalInt.of(e));
                }
            }
            assertThat(pod.entryOf(layout, "side", GPU)).isEmpty();
            assertThat(pod.entryOf(layout, "i1", GPU)).isEmpty();
        }
        assertThat(pod.entryOf(positional, "b", GPU)).hasValue(4);
        assertThat(pod.entryOf(shifted, "b", GPU)).hasValue(2);
    }

    @Test
    void aContainerAsksForAResourceByLimitOrElseRequestWhenPositive() {
        assertThat(PodContainer.of("r", false, null, Map.of(GPU, "2")).asks(GPU)).isTrue();
        assertThat(PodContainer.of("z", false, Map.of(GPU, "0"), Map.of(GPU, "1")).asks(GPU)).isFalse();
        assertThat(PodContainer.of("p", false, Map.of(), Map.of()).asks(GPU)).isFalse();
        assertThat(PodContainer.of("g", false, Map.of(GPU, "1"), null).asks("nvidia.com/gpumem")).isFalse();
        assertThat(PodContainer.of("m", false, Map.of(GPU, "500m"), null).asks(GPU)).isTrue();
        assertThat(PodContainer.of("bad", false, Map.of(GPU, "lots"), null).asks(GPU)).isFalse();
    }

    @Test
    void readsContainersOfAnyClientModelThroughAccessors() {
        record Ctr(String name, Map<String, Object> limits) {
        }
        var pod = PodContainers.of(List.of(new Ctr("init", Map.of())), List.of(new Ctr("app", Map.of(GPU, 1))), Ctr::name,
                Ctr::limits, c -> null);
        assertThat(pod.ordered()).containsExactly(new PodContainer("init", true, Set.of()), new PodContainer("app", false, Set.of(GPU)));
    }
}
