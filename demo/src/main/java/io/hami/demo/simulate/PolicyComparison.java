package io.hami.demo.simulate;

import io.hami.model.annotation.GpuSchedulerPolicy;
import io.hami.model.annotation.NodeSchedulerPolicy;
import io.hami.scheduler.snapshot.NodeSnapshot;
import io.hami.scheduler.snapshot.ClusterSnapshot;
import io.hami.scheduler.vendor.DeviceTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One trace replayed under every node/GPU policy pair asked for, each pair on its own thread (each replay is
 * independent and deterministic, so the report does not depend on the threads).
 */
public final class PolicyComparison {

    /** Timeline samples per policy pair: enough for a smooth line in a 960-pixel plot. */
    public static final int SAMPLES = 400;

    private PolicyComparison() {
    }

    /**
     * Replays {@code trace} on {@code cluster} for each pair of {@code nodePolicies} × {@code gpuPolicies}.
     *
     * @param source  how the report names the trace
     * @param threads how many pairs to replay at once
     * @throws IllegalArgumentException when the scheduler cannot read a pod of the trace (naming it)
     */
    public static SimulationReport run(String source, Trace trace, VirtualCluster cluster,
                                       List<NodeSchedulerPolicy> nodePolicies, List<GpuSchedulerPolicy> gpuPolicies,
                                       long maxWaitMillis, int threads) throws InterruptedException {
        var types = DeviceTypes.defaults();
        var settings = new ArrayList<Simulation.Settings>();
        for (NodeSchedulerPolicy node : nodePolicies) {
            for (GpuSchedulerPolicy gpu : gpuPolicies) {
                settings.add(new Simulation.Settings(node, gpu, maxWaitMillis, SAMPLES));
            }
        }
        var results = new ArrayList<PolicyResult>();
        try (var pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, settings.size())))) {
            var futures = new ArrayList<Future<PolicyResult>>();
            for (Simulation.Settings s : settings) {
                futures.add(pool.submit(() -> Simulation.run(trace, cluster, types, s)));
            }
            for (Future<PolicyResult> f : futures) {
                results.add(f.get());
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
        return new SimulationReport(source, cluster.nodes().size(), gpus(cluster, types), maxWaitMillis, results);
    }

    private static int gpus(VirtualCluster cluster, DeviceTypes types) {
        var builder = ClusterSnapshot.builder(types);
        cluster.nodes().forEach(builder::putNode);
        return builder.build().nodes().stream().mapToInt(NodeSnapshot::deviceCount).sum();
    }
}
