package io.hami.scheduler.filter;

import static io.hami.scheduler.Kube.container;
import static io.hami.scheduler.Kube.gpu;
import static io.hami.scheduler.Kube.nvidiaNode;
import static io.hami.scheduler.Kube.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.hami.model.annotation.NodeSchedulerPolicy;
import io.hami.scheduler.Scenario;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * HAMi's scheduler_test.go Test_Filter: its two-node example under the four policy combinations
 * (docs/scheduler.md, "Scores and policies").
 */
class FilterPolicyTest {

    /** node1 {dev1 25 %/2000 MiB/1 slot, dev2 idle} scores 3.0; node2 {dev4 75 %/6000 MiB/1 slot, dev3 idle} 8.0. */
    private static Scenario workedExample() {
        return Scenario.of(
                        nvidiaNode("node1", gpu("dev1", 0, 10, 8000, 100, 0), gpu("dev2", 1, 10, 8000, 100, 0)),
                        nvidiaNode("node2", gpu("dev3", 0, 10, 8000, 100, 0), gpu("dev4", 1, 10, 8000, 100, 0)))
                .holding("node1", "dev1,NVIDIA,2000,25:;")
                .holding("node2", "dev4,NVIDIA,6000,75:;");
    }

    @ParameterizedTest(name = "Test_Filter node {0} gpu {1} -> {2}/{3}")
    @CsvSource({
        "binpack, binpack, node2, dev4",
        "spread,  binpack, node1, dev1",
        "spread,  spread,  node1, dev2",
        "binpack, spread,  node2, dev3",
    })
    void testFilterPolicyMatrix(String nodePolicy, String gpuPolicy, String node, String device) {
        var pod = pod("p").app(container("c", "nvidia.com/gpu", "1", "nvidia.com/gpumem", "1000",
                "nvidia.com/gpucores", "20")).build();
        for (var evaluation : new boolean[] {false, true}) {
            var scenario = workedExample().nodePolicy(NodeSchedulerPolicy.fromWireName(nodePolicy).orElseThrow())
                    .gpuPolicy(gpuPolicy);
            var r = (evaluation ? scenario.allNodes() : scenario).filter(pod);
            assertThat(r.kind()).isEqualTo(FilterResult.Kind.SCHEDULED);
            assertThat(r.node()).contains(node);
            assertThat(Scenario.nvidia(r)).isEqualTo(device + ",NVIDIA,1000,20:;");
        }
    }

    @ParameterizedTest(name = "node scores of the worked example: {0} = {1}")
    @CsvSource({"node1, 3.0", "node2, 8.0"})
    void workedExampleNodeScores(String node, float score) {
        assertThat(workedExample().snapshot().node(node).orElseThrow().baseScore()).isEqualTo(score);
    }

    @ParameterizedTest(name = "init 5000/app 4000 under binpack/binpack -> node2/dev3")
    @CsvSource("binpack")
    void initAndAppContainersUnderBinpack(String policy) {
        var pod = pod("p").init(container("i", "nvidia.com/gpu", "1", "nvidia.com/gpumem", "5000"))
                .app(container("a", "nvidia.com/gpu", "1", "nvidia.com/gpumem", "4000")).build();
        var r = workedExample().gpuPolicy(policy).filter(pod);
        assertThat(r.node()).contains("node2");
        assertThat(Scenario.nvidia(r)).isEqualTo("dev3,NVIDIA,5000,0:;dev3,NVIDIA,4000,0:;");
    }
}
