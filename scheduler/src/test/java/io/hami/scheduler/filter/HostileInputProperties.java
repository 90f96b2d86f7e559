package io.hami.scheduler.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.hami.model.wire.WireFormatException;
import io.hami.scheduler.Kube;
import io.hami.scheduler.Scenario;
import io.hami.scheduler.inventory.InventoryReader;
import io.hami.scheduler.snapshot.ClusterSnapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Annotations and quantities come from users and node agents: whatever they hold, reading a node, counting a pod and
 * filtering a pod never throw an unchecked exception. Bad values become reasons, problems or errors.
 */
class HostileInputProperties {

    private static final String[] NODE_KEYS = {"hami.io/node-nvidia-register", "hami.io/node-nvidia-score",
        "hami.io/node-dcu-register", "metax-tech.com/node-gpu-devices", "hami.io/device-cordon",
        "hami.io/node-register-Ascend910B3", "hami-vnpu-core"};
    private static final String[] POD_KEYS = {"hami.io/gpu-scheduler-policy", "hami.io/node-scheduler-policy",
        "hami.io/device-scoring-weights", "nvidia.com/numa-bind", "nvidia.com/use-gpuuuid", "nvidia.com/nouse-gputype",
        "nvidia.com/vgpu-mode", "huawei.com/vnpu-mode", "metax-tech.com/sgpu-qos-policy"};
    private static final String[] RESOURCES = {"nvidia.com/gpu", "nvidia.com/gpumem", "nvidia.com/gpumem-percentage",
        "nvidia.com/gpucores", "huawei.com/Ascend910B3", "huawei.com/Ascend910B3-memory", "metax-tech.com/sgpu",
        "metax-tech.com/vmemory", "mthreads.com/vgpu", "mthreads.com/sgpu-memory"};

    private static Gen<String> hostile() {
        return Generate.oneOf(strings().allPossible().ofLengthBetween(0, 30),
                Generate.pick(List.of("[", "[]", "null", "[{\"id\":\"G\",\"count\":-1,\"devmem\":-5,\"health\":true}]",
                        "G,NVIDIA,1,1:;", ",,,:;", "1e999", "-1", "16Gi", "9223372036854775807", "1.5", "0x10", "",
                        "binpack,", "slot=1,core=1,memory=1", "true", "[{\"uuid\":\"\"}]", "DCU-1,4,1,1,x,0,true:")));
    }

    @Test
    void readingANodeNeverThrows() {
        qt().withExamples(2000).forAll(integers().between(0, NODE_KEYS.length - 1), hostile(), hostile())
                .checkAssert((k, value, capacity) -> {
                    var node = new NodeBuilder(Kube.node("n", Kube.map(NODE_KEYS[k], value)))
                            .editOrNewStatus().addToCapacity("mthreads.com/sgpu-core", raw(capacity)).endStatus().build();
                    assertThat(InventoryReader.read(node, Scenario.TYPES)).isNotNull();
                });
    }

    @Test
    void countingAPodThrowsOnlyWireFormatExceptions() {
        qt().withExamples(2000).forAll(hostile(), hostile()).checkAssert((allocated, node) -> {
            Pod pod = Kube.pod("p").annotate("hami.io/vgpu-node", node, "hami.io/vgpu-devices-allocated", allocated)
                    .app(Kube.container("c")).build();
            try {
                ClusterSnapshot.builder(Scenario.TYPES).putPod(pod, false).build();
            } catch (WireFormatException expected) {
                assertThat(expected.getMessage()).contains("hami.io/vgpu-devices-allocated");
            }
        });
    }

    @Test
    void filteringAPodNeverThrows() {
        var snapshot = Scenario.of(Kube.nvidiaNode("n", Kube.gpu("G", 0, 10, 8000, 100, 0))).snapshot();
        var config = Scenario.of().config();
        qt().withExamples(3000).forAll(integers().between(0, POD_KEYS.length - 1), hostile(),
                        integers().between(0, RESOURCES.length - 1), hostile())
                .checkAssert((k, value, r, quantity) -> {
                    var container = new ContainerBuilder().withName("c").withNewResources()
                            .withLimits(new java.util.HashMap<>(Map.of("nvidia.com/gpu", new Quantity("1"))))
                            .addToLimits(RESOURCES[r], raw(quantity))
                            .endResources().build();
                    Pod pod = new PodBuilder(Kube.pod("p").annotate(POD_KEYS[k], value).build())
                            .editSpec().withContainers(container).endSpec().build();
                    FilterResult result = Filter.decide(pod, List.of("n", "ghost"), snapshot, config);
                    assertThat(result.kind()).isNotNull();
                    if (result.kind() == FilterResult.Kind.ERROR) {
                        assertThat(result.error()).doesNotContain("\n");
                    }
                });
    }

    private static Quantity raw(String amount) {
        var q = new Quantity();
        q.setAmount(amount);
        return q;
    }
}
