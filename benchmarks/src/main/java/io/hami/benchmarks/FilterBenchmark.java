package io.hami.benchmarks;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.hami.model.annotation.GpuSchedulerPolicy;
import io.hami.model.annotation.NodeSchedulerPolicy;
import io.hami.scheduler.SchedulerConfig;
import io.hami.scheduler.filter.Filter;
import io.hami.scheduler.filter.FilterResult;
import io.hami.scheduler.inventory.DeviceSpec;
import io.hami.scheduler.inventory.NodeInventory;
import io.hami.scheduler.snapshot.ClusterSnapshot;
import io.hami.scheduler.usage.DeviceUse;
import io.hami.scheduler.usage.PodUsage;
import io.hami.scheduler.vendor.DeviceType;
import io.hami.scheduler.vendor.DeviceTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Latency of one filter decision for one pod (one container, one GPU, 4000 MiB, 20 % cores) over a cluster of 5,000
 * nodes with 8 GPUs each (A100 40 GB, 10 slots), about 10 % used: one GPU in ten holds a pod. The snapshot is built
 * once, as the cluster state keeps it between filter calls; every call parses the pod and fits it.
 *
 * <ul>
 *   <li>{@code bestFirst}: the default evaluation, nodes fitted in order of preference until one fits;</li>
 *   <li>{@code allNodes}: every candidate fitted, as HAMi does;</li>
 *   <li>{@code nothingFits}: a request no GPU can hold, so every node is fitted and gets its reason text.</li>
 * </ul>
 * Run: {@code java -jar benchmarks/target/benchmarks.jar FilterBenchmark -wi 3 -i 5 -w 1 -r 1 -f 1}; the sample
 * mode reports p50 and p99.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FilterBenchmark {

    private static final int NODES = 5000;
    private static final int GPUS = 8;

    private ClusterSnapshot snapshot;
    private List<String> candidates;
    private Pod pod;
    private Pod tooLarge;
    private SchedulerConfig bestFirst;
    private SchedulerConfig allNodes;

    @Setup
    public void setUp() {
        DeviceTypes types = DeviceTypes.defaults();
        DeviceType nvidia = types.byId("nvidia").orElseThrow();
        var random = new Random(42);
        var builder = ClusterSnapshot.builder(types);
        candidates = new ArrayList<>(NODES);
        int pods = 0;
        for (int n = 0; n < NODES; n++) {
            String name = "node-" + n;
            var devices = new ArrayList<DeviceSpec>(GPUS);
            for (int g = 0; g < GPUS; g++) {
                String id = String.format("GPU-%08x-e98b-a25b-5b0d-cf5c855d14%02d", n, g);
                devices.add(new DeviceSpec(nvidia, id, g, 10, 40960, 100, "NVIDIA A100-SXM4-40GB", g / 4, "hami-core",
                        true, List.of(), null, ""));
            }
            builder.putNode(new NodeInventory(name, devices, Map.of(), Set.of(), Map.of(), false));
            for (DeviceSpec d : devices) {
                if (random.nextInt(10) == 0) {
                    var use = new DeviceUse(d.id(), 1000 * (1 + random.nextInt(30)), 10 * (1 + random.nextInt(8)), 1);
                    builder.putPod(new PodUsage("uid-" + pods, "default", "pod-" + pods, name,
                            Map.of("nvidia", List.of(use)), false));
                    pods++;
                }
            }
            candidates.add(name);
        }
        snapshot = builder.build();
        pod = pod("4000");
        tooLarge = pod("50000");
        bestFirst = new SchedulerConfig(types, NodeSchedulerPolicy.BINPACK, GpuSchedulerPolicy.SPREAD,
                SchedulerConfig.Evaluation.BEST_FIRST);
        allNodes = new SchedulerConfig(types, NodeSchedulerPolicy.BINPACK, GpuSchedulerPolicy.SPREAD,
                SchedulerConfig.Evaluation.ALL_NODES);
        check(Filter.decide(pod, candidates, snapshot, bestFirst), FilterResult.Kind.SCHEDULED);
        check(Filter.decide(pod, candidates, snapshot, allNodes), FilterResult.Kind.SCHEDULED);
        check(Filter.decide(tooLarge, candidates, snapshot, bestFirst), FilterResult.Kind.UNSCHEDULABLE);
    }

    private static Pod pod(String memory) {
        var limits = Map.of("nvidia.com/gpu", new Quantity("1"), "nvidia.com/gpumem", new Quantity(memory),
                "nvidia.com/gpucores", new Quantity("20"));
        return new PodBuilder().withNewMetadata().withName("bench").withNamespace("default").withUid("uid-bench")
                .endMetadata().withNewSpec().withContainers(new ContainerBuilder().withName("main").withNewResources()
                        .withLimits(limits).endResources().build()).endSpec().build();
    }

    private static void check(FilterResult r, FilterResult.Kind expected) {
        if (r.kind() != expected) {
            throw new IllegalStateException("expected " + expected + " but got " + r);
        }
    }

    @Benchmark
    public FilterResult bestFirst() {
        return Filter.decide(pod, candidates, snapshot, bestFirst);
    }

    @Benchmark
    public FilterResult allNodes() {
        return Filter.decide(pod, candidates, snapshot, allNodes);
    }

    @Benchmark
    public FilterResult nothingFits() {
        return Filter.decide(tooLarge, candidates, snapshot, bestFirst);
    }
}
