package io.hami.scheduler.extender;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.hami.scheduler.Kube;
import io.hami.scheduler.support.Harness;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the filter refuses to touch, and what it remembers for the bind. */
class FilterServiceTest {

    final Harness harness = new Harness();

    @BeforeEach
    void node() throws Exception {
        harness.state.markSynced();
        harness.state.putNode(new NodeBuilder(Kube.nvidiaNode("n1", Kube.gpu("GPU-0", 0, 10, 8000, 100, 0),
                Kube.gpu("GPU-1", 1, 10, 8000, 100, 0))).withNewStatus()
                .addToAllocatable("nvidia.com/gpu", new Quantity("10")).endStatus().build());
        assertThat(harness.state.flush().get(30, TimeUnit.SECONDS).node("n1")).isPresent();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    ExtenderJson.FilterReply filter(Pod pod) throws InterruptedException {
        return harness.filter.filter(new ExtenderJson.FilterArgs(Optional.of(pod), Optional.empty(),
                Optional.of(List.of("n1"))));
    }

    static Kube.PodSpecBuilder gpuPod() {
        return Kube.pod("train").scheduler(Harness.SCHEDULER_NAME).app(Kube.container("c", "nvidia.com/gpu", "1",
                "nvidia.com/gpumem", "1000"));
    }

    @Test
    void aPodBoundToANodeIsRefusedAndItsAllocationLeftAlone() throws Exception {
        var reply = filter(gpuPod().boundTo("n1").annotate("hami.io/vgpu-node", "n1",
                "hami.io/vgpu-devices-allocated", "GPU-0,NVIDIA,1000,0:;").build());
        assertThat(reply.error()).isEqualTo("pod default/train is already bound to node n1: the filter never changes "
                + "the devices of a placed pod");
        assertThat(reply.nodeNames()).isEmpty();
        assertThat(harness.writes.calls).isEmpty();
    }

    @Test
    void aPodTheInformerKnowsAsBoundIsRefusedWhateverTheRequestSays() throws Exception {
        harness.cache.put(gpuPod().boundTo("n1").build());
        var reply = filter(gpuPod().build());
        assertThat(reply.error()).contains("already bound to node n1");
        assertThat(harness.writes.calls).isEmpty();
    }

    @Test
    void aPendingPodIsPlacedAndAPodWithoutDevicesRememberedForItsBind() throws Exception {
        assertThat(filter(gpuPod().build()).nodeNames()).contains(List.of("n1"));
        assertThat(harness.writes.calls).singleElement().asString().startsWith("patchPod default/train");
        Pod cpu = Kube.pod("web").scheduler(Harness.SCHEDULER_NAME).app(Kube.container("c")).build();
        assertThat(harness.filtered.wasPassed("uid-web")).isFalse();
        assertThat(filter(cpu).nodeNames()).contains(List.of("n1"));
        assertThat(harness.filtered.wasPassed("uid-web")).isTrue();
    }
}
