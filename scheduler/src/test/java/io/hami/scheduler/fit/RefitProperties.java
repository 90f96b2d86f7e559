package io.hami.scheduler.fit;

import static io.hami.scheduler.Kube.container;
import static io.hami.scheduler.Kube.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.fabric8.kubernetes.api.model.Pod;
import io.hami.model.annotation.GpuPolicyToken;
import io.hami.model.annotation.GpuSchedulerPolicy;
import io.hami.model.annotation.NodeSchedulerPolicy;
import io.hami.model.device.NodeDevice;
import io.hami.scheduler.Kube;
import io.hami.scheduler.Scenario;
import io.hami.scheduler.SchedulerConfig;
import io.hami.scheduler.filter.Filter;
import io.hami.scheduler.filter.FilterResult;
import io.hami.scheduler.request.PodOptions;
import io.hami.scheduler.request.PodOptionsReader;
import io.hami.scheduler.request.PodRequest;
import io.hami.scheduler.request.RequestException;
import io.hami.scheduler.request.RequestReader;
import io.hami.scheduler.snapshot.ClusterSnapshot;
import io.hami.scheduler.snapshot.NodeSnapshot;
import io.hami.scheduler.snapshot.SnapshotBuilder;
import io.hami.scheduler.usage.DeviceUse;
import io.hami.scheduler.usage.PodUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Random nodes filled with random pods: whenever {@link Refit#mayFit} says a pod cannot fit, the filter refuses it; and
 * for a pod the node refused, after one pod leaves and others may be placed, whenever
 * {@link Refit#mayFitAfterFreeing} says it cannot fit, the filter refuses it too.
 */
class RefitProperties {

    private static final List<String> NODE = List.of("n");

    @Test
    void aPodRefitSaysCannotFitIsRefusedByTheFilter() {
        var ruledOut = new AtomicInteger();
        qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> ruledOut.addAndGet(check(seed)));
        assertThat(ruledOut.get()).as("refusals Refit foresaw over all examples").isGreaterThan(100);
    }

    /** Returns how many times Refit ruled a pod out. */
    private static int check(long seed) {
        var random = new Random(seed);
        var devices = new ArrayList<NodeDevice>();
        int gpus = 1 + random.nextInt(8);
        for (int g = 0; g < gpus; g++) {
            devices.add(Kube.gpu("g" + g, g, pick(random, 1, 2, 4, 10), pick(random, 8000, 16000, 40960),
                    pick(random, 100, 100, 200), random.nextInt(2)));
        }
        SnapshotBuilder builder = ClusterSnapshot.builder(Scenario.TYPES)
                .putNode(Kube.nvidiaNode("n", devices.toArray(NodeDevice[]::new)));
        var config = new SchedulerConfig(Scenario.TYPES, NodeSchedulerPolicy.BINPACK,
                random.nextBoolean() ? GpuSchedulerPolicy.of(GpuPolicyToken.BINPACK) : GpuSchedulerPolicy.SPREAD,
                SchedulerConfig.Evaluation.BEST_FIRST);
        var placed = new ArrayList<PodUsage>();
        var refused = new ArrayList<Pod>();
        int ruledOut = 0;
        for (int step = 0; step < 60; step++) {
            Pod pod = randomPod(random, "p" + step);
            FilterResult r = Filter.decide(pod, NODE, builder.build(), config);
            if (!mayFit(pod, config, builder.build().node("n").orElseThrow(), null)) {
                ruledOut++;
                assertThat(r.kind()).as("seed %d: %s", seed, pod.getMetadata().getName())
                        .isEqualTo(FilterResult.Kind.UNSCHEDULABLE);
            }
            if (r.kind() == FilterResult.Kind.SCHEDULED) {
                placed.add(r.reservation().orElseThrow());
                builder.putPod(r.reservation().orElseThrow());
            } else if (r.kind() == FilterResult.Kind.UNSCHEDULABLE) {
                refused.add(pod);
            }
            if (placed.isEmpty() || refused.isEmpty() || random.nextInt(3) != 0) {
                continue;
            }
            PodUsage leaving = placed.remove(random.nextInt(placed.size()));
            builder.removePod(leaving.uid());
            int[] freed = freed(builder.build().node("n").orElseThrow(), leaving);
            for (int more = random.nextInt(3); more > 0; more--) {
                FilterResult m = Filter.decide(randomPod(random, "m" + step + "-" + more), NODE, builder.build(), config);
                if (m.kind() == FilterResult.Kind.SCHEDULED) {
                    placed.add(m.reservation().orElseThrow());
                    builder.putPod(m.reservation().orElseThrow());
                }
            }
            ClusterSnapshot after = builder.build();
            NodeSnapshot node = after.node("n").orElseThrow();
            for (Pod waiting : refused) {
                if (!mayFit(waiting, config, node, freed)) {
                    ruledOut++;
                    assertThat(Filter.decide(waiting, NODE, after, config).kind())
                            .as("seed %d: %s after %s left", seed, waiting.getMetadata().getName(), leaving.uid())
                            .isEqualTo(FilterResult.Kind.UNSCHEDULABLE);
                }
            }
            // what still waits was refused by the node as it is now
            refused.removeIf(w -> Filter.decide(w, NODE, after, config).kind() != FilterResult.Kind.UNSCHEDULABLE);
        }
        return ruledOut;
    }

    private static int[] freed(NodeSnapshot node, PodUsage leaving) {
        var freed = new ArrayList<Integer>();
        for (List<DeviceUse> uses : leaving.devices().values()) {
            for (DeviceUse u : uses) {
                freed.add(node.indexOf(u.uuid()));
            }
        }
        return freed.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * {@link Refit#mayFitAfterFreeing}, or {@link Refit#mayFit} when {@code freed} is null (checked to be what
     * {@link Refit#mayFitCheck} answers).
     */
    private static boolean mayFit(Pod pod, SchedulerConfig config, NodeSnapshot node, int[] freed) {
        try {
            PodRequest request = RequestReader.read(pod, config.types());
            PodOptions options = PodOptionsReader.read(pod, config.types(), config.gpuPolicy(), config.nodePolicy());
            if (freed != null) {
                return Refit.mayFitAfterFreeing(request, options, false, node, freed);
            }
            boolean mayFit = Refit.mayFit(request, options, false, node);
            var check = Refit.mayFitCheck(request, options, false);
            assertThat(check == null || check.test(node)).as("the prepared check of %s", pod.getMetadata().getName())
                    .isEqualTo(mayFit);
            return mayFit;
        } catch (RequestException e) {
            throw new AssertionError(e);
        }
    }

    private static Pod randomPod(Random random, String name) {
        var resources = new ArrayList<>(List.of("nvidia.com/gpu", Integer.toString(1 + random.nextInt(3))));
        int memory = random.nextInt(10);
        if (memory < 6) {
            resources.addAll(List.of("nvidia.com/gpumem", Integer.toString(1 + random.nextInt(20000))));
        } else if (memory < 9) {
            resources.addAll(List.of("nvidia.com/gpumem-percentage", Integer.toString(1 + random.nextInt(100))));
        }
        int cores = random.nextInt(10);
        if (cores < 2) {
            resources.addAll(List.of("nvidia.com/gpucores", "100"));
        } else if (cores < 7) {
            resources.addAll(List.of("nvidia.com/gpucores", Integer.toString(random.nextInt(100))));
        }
        var b = pod(name).app(container("main", resources.toArray(String[]::new)));
        if (random.nextInt(6) == 0) {
            b.annotate("nvidia.com/numa-bind", "true");
        }
        if (random.nextInt(6) == 0) {
            b.annotate("hami.io/gpu-scheduler-policy", random.nextBoolean() ? "mutex" : "topology-aware");
        }
        return b.build();
    }

    private static int pick(Random random, int... values) {
        return values[random.nextInt(values.length)];
    }
}
