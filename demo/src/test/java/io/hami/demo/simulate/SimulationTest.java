package io.hami.demo.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.hami.model.annotation.GpuPolicyToken;
import io.hami.model.annotation.GpuSchedulerPolicy;
import io.hami.model.annotation.NodeSchedulerPolicy;
import io.hami.scheduler.vendor.DeviceTypes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimulationTest {

    /** One node: 8 × A100 of 40960 MiB. */
    private static final VirtualCluster ONE_A100_NODE = VirtualCluster.demo(1);
    private static final long MIB = 8L * 40960;

    @Test
    void aPodThatFitsNowhereWaitsUntilADepartureFreesItsDevices() {
        var r = run(GpuPolicyToken.SPREAD, 1_800_000,
                pod("all", 0, 100, Map.of("nvidia.com/gpu", "8", "nvidia.com/gpucores", "100")),
                pod("small", 10, 5, Map.of("nvidia.com/gpu", "1", "nvidia.com/gpumem", "1000")));
        assertThat(r.placed()).isEqualTo(2);
        assertThat(r.refused()).isZero();
        assertThat(r.waitMillis()).containsExactly(0, 90_000);
        assertThat(r.peakWaiting()).isEqualTo(1);
        assertThat(r.makespanMillis()).isEqualTo(105_000);
    }

    @Test
    void aPodWaitingLongerThanTheLongestWaitIsRefused() {
        var r = run(GpuPolicyToken.SPREAD, 50_000,
                pod("all", 0, 100, Map.of("nvidia.com/gpu", "8", "nvidia.com/gpucores", "100")),
                pod("small", 10, 5, Map.of("nvidia.com/gpu", "1", "nvidia.com/gpumem", "1000")));
        assertThat(r.placed()).isEqualTo(1);
        assertThat(r.refused()).isEqualTo(1);
    }

    @Test
    void gpuBinpackKeepsWholeGpusFreeForAnExclusivePodWhereSpreadMakesItWait() {
        var pods = new TracePod[] {
            pod("a", 0, 1000, Map.of("nvidia.com/gpu", "1", "nvidia.com/gpumem", "20000", "nvidia.com/gpucores", "10")),
            pod("b", 1, 1000, Map.of("nvidia.com/gpu", "1", "nvidia.com/gpumem", "20000", "nvidia.com/gpucores", "10")),
            pod("seven", 2, 10, Map.of("nvidia.com/gpu", "7", "nvidia.com/gpucores", "100"))};
        assertThat(run(GpuPolicyToken.BINPACK, 1_800_000, pods).waitPercentileMillis(100)).isZero();
        assertThat(run(GpuPolicyToken.SPREAD, 1_800_000, pods).waitPercentileMillis(100)).isEqualTo(998_000);
    }

    @Test
    void utilizationAndFragmentationAreTimeAveragesOverTheArrivals() {
        var r = run(GpuPolicyToken.SPREAD, 1_800_000,
                pod("most", 0, 100, Map.of("nvidia.com/gpu", "8", "nvidia.com/gpumem", "30000",
                        "nvidia.com/gpucores", "10")),
                pod("stranded", 0, 10, Map.of("nvidia.com/gpu", "1", "nvidia.com/gpumem", "20000")),
                pod("last", 100, 10, Map.of("nvidia.com/gpu", "1", "nvidia.com/gpumem", "1000")));
        // while "stranded" waits, 8 × 10960 MiB are free, in pieces too small for it
        assertThat(r.memoryUtilization()).isCloseTo(240_000.0 / MIB, within(1e-9));
        assertThat(r.fragmentation()).isCloseTo(8 * 10_960.0 / MIB, within(1e-9));
        assertThat(r.coreUtilization()).isCloseTo(0.1, within(1e-9));
    }

    @Test
    void theSameTraceGivesTheSameResults() throws InterruptedException {
        var cluster = VirtualCluster.demo(5);
        Trace trace = new TraceGenerator(1000, 11, 1.2, 600_000).generate(cluster.capacity());
        var a = PolicyComparison.run("t", trace, cluster, List.of(NodeSchedulerPolicy.BINPACK, NodeSchedulerPolicy.SPREAD),
                List.of(GpuSchedulerPolicy.of(GpuPolicyToken.BINPACK)), 600_000, 2);
        var b = PolicyComparison.run("t", trace, cluster, List.of(NodeSchedulerPolicy.BINPACK, NodeSchedulerPolicy.SPREAD),
                List.of(GpuSchedulerPolicy.of(GpuPolicyToken.BINPACK)), 600_000, 1);
        assertThat(a.json()).isEqualTo(b.json());
        assertThat(a.results().getFirst().placed() + a.results().getFirst().refused()).isEqualTo(1000);
    }

    /**
     * The shortcuts of a replay (docs/simulate.md, "How a trace is replayed") change how much is filtered, never what is
     * decided: these reports were written by the replay before the waiting lines were indexed, and every later change
     * must give them byte for byte.
     */
    @ParameterizedTest
    @CsvSource({"2000, 20, 1", "5000, 50, 3"})
    void aGeneratedTraceGivesThePinnedReport(int pods, int nodes, long seed) throws Exception {
        var cluster = VirtualCluster.demo(nodes);
        Trace trace = new TraceGenerator(pods, seed, 0.9, 3_600_000).generate(cluster.capacity());
        var report = PolicyComparison.run("generated: " + pods + " pods, seed " + seed + ", load 0.9, mean duration PT1H",
                trace, cluster, List.of(NodeSchedulerPolicy.BINPACK, NodeSchedulerPolicy.SPREAD),
                List.of(GpuSchedulerPolicy.of(GpuPolicyToken.BINPACK), GpuSchedulerPolicy.of(GpuPolicyToken.SPREAD)),
                1_800_000, 2);
        String name = "/simulate/generated-" + pods + "-pods-" + nodes + "-nodes-seed-" + seed + ".json";
        try (var in = SimulationTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            assertThat(report.json()).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aRequestTheSchedulerCannotReadIsAnErrorNamingThePod() {
        assertThatThrownBy(() -> run(GpuPolicyToken.SPREAD, 1000,
                pod("bytes", 0, 10, Map.of("nvidia.com/gpu", "1", "nvidia.com/gpumem", "16Gi"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bytes")
                .hasMessageContaining("16Gi");
        assertThatThrownBy(() -> run(GpuPolicyToken.SPREAD, 1000, pod("cpu", 0, 10, Map.of("cpu", "1"))))
                .hasMessage("pod cpu asks for no device the scheduler knows: {cpu=1}");
    }

    private static PolicyResult run(GpuPolicyToken gpu, long maxWaitMillis, TracePod... pods) {
        return Simulation.run(new Trace(List.of(pods)), ONE_A100_NODE, DeviceTypes.defaults(),
                new Simulation.Settings(NodeSchedulerPolicy.BINPACK, GpuSchedulerPolicy.of(gpu), maxWaitMillis, 10));
    }

    private static TracePod pod(String name, long seconds, long durationSeconds, Map<String, String> requests) {
        return new TracePod(name, seconds * 1000, durationSeconds * 1000, new TreeMap<>(requests));
    }
}
