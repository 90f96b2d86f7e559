package io.hami.deviceplugin.allocate;

import static io.hami.deviceplugin.allocate.Pods.gpu;
import static io.hami.deviceplugin.allocate.Pods.plain;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.hami.deviceplugin.PluginFixture;
import io.hami.model.annotation.PodDevicesCodec;
import io.hami.model.protocol.PodContainer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KubePodsTest {
    static final String GPU = "nvidia.com/gpu";

    private static Optional<String> name(List<Container> init, List<Container> app, String annotation, int entry)
            throws Exception {
        var pod = new PodBuilder().withNewSpec().withInitContainers(init).withContainers(app).endSpec().build();
        return KubePods.containers(PluginFixture.lean(pod)).containerOf(PodDevicesCodec.INSTANCE.decode(annotation), entry, GPU).map(PodContainer::name);
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
        var pod = new PodBuilder().withNewSpec().withContainers(byRequest, zero, plain("p"), gpu("g", 1)).endSpec().build();
        var containers = KubePods.containers(PluginFixture.lean(pod)).ordered();
        assertThat(containers.get(0).asks(GPU)).isTrue();
        assertThat(containers.get(1).asks(GPU)).isFalse();
        assertThat(containers.get(2).asks(GPU)).isFalse();
        assertThat(containers.get(3).asks(GPU)).isTrue();
        assertThat(containers.get(3).asks("nvidia.com/gpumem")).isFalse();
    }
}
