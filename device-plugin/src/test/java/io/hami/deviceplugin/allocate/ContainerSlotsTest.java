package io.hami.deviceplugin.allocate;

import static io.hami.deviceplugin.allocate.Pods.gpu;
import static io.hami.deviceplugin.allocate.Pods.plain;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.hami.model.annotation.PodDevicesCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContainerSlotsTest {
    static final String GPU = "nvidia.com/gpu";

    private static Optional<String> name(List<Container> init, List<Container> app, String annotation, int entry)
            throws Exception {
        var all = new ArrayList<>(init);
        all.addAll(app);
        return ContainerSlots.containerOf(all, PodDevicesCodec.INSTANCE.decode(annotation), entry, GPU).map(Container::getName);
    }

    @Test
    void positionalEntriesCountInitContainersFirst() throws Exception {
        assertThat(name(List.of(plain("init")), List.of(gpu("app", 1)), ";GPU-a,NVIDIA,1,0:;", 1)).contains("app");
        // v2.10's plugin would look up app container 1 here, which does not exist
        assertThat(name(List.of(gpu("init", 1)), List.of(gpu("app", 1)), "GPU-a,NVIDIA,1,0:;GPU-b,NVIDIA,1,0:;", 1)).contains("app");
        assertThat(name(List.of(gpu("init", 1)), List.of(gpu("app", 1)), "GPU-a,NVIDIA,1,0:;GPU-b,NVIDIA,1,0:;", 0)).contains("init");
    }

    @Test
    void entriesOfAV210SchedulerThatLeftOutEmptyOnesGoToTheKthGpuContainer() throws Exception {
        assertThat(name(List.of(plain("init")), List.of(gpu("app", 1)), "GPU-a,NVIDIA,1,0:;", 0)).contains("app");
        assertThat(name(List.of(plain("i1"), plain("i2")), List.of(plain("side"), gpu("a", 1), gpu("b", 1)),
                "GPU-a,NVIDIA,1,0:;GPU-b,NVIDIA,1,0:;", 1)).contains("b");
    }

    @Test
    void noContainerForAnEntryBeyondTheGpuContainers() throws Exception {
        assertThat(name(List.of(), List.of(plain("a")), "GPU-a,NVIDIA,1,0:;", 0)).isEmpty();
        assertThat(name(List.of(), List.of(gpu("a", 1)), "GPU-a,NVIDIA,1,0:;GPU-b,NVIDIA,1,0:;", 1)).isEmpty();
    }

    @Test
    void aContainerRequestsTheResourceByLimitOrElseRequestWhenPositive() {
        var byRequest = new ContainerBuilder().withName("r").withNewResources()
                .addToRequests(GPU, new Quantity("2")).endResources().build();
        var zero = new ContainerBuilder().withName("z").withNewResources()
                .addToLimits(GPU, new Quantity("0")).addToRequests(GPU, new Quantity("1")).endResources().build();
        assertThat(ContainerSlots.requests(byRequest, GPU)).isTrue();
        assertThat(ContainerSlots.requests(zero, GPU)).isFalse();
        assertThat(ContainerSlots.requests(plain("p"), GPU)).isFalse();
        assertThat(ContainerSlots.requests(gpu("g", 1), "nvidia.com/gpumem")).isFalse();
    }
}
