package io.hami.scheduler.filter;

import static io.hami.scheduler.Kube.container;
import static io.hami.scheduler.Kube.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.hami.model.annotation.NodeSchedulerPolicy;
import io.hami.model.annotation.PodDevicesCodec;
import io.hami.model.device.ContainerDevice;
import io.hami.model.device.NodeDevice;
import io.hami.model.device.PodDevices;
import io.hami.scheduler.Kube;
import io.hami.scheduler.Scenario;
import io.hami.scheduler.SchedulerConfig;
import io.hami.scheduler.request.PodOptions;
import io.hami.scheduler.request.PodOptionsReader;
import io.hami.scheduler.request.PodRequest;
import io.hami.scheduler.request.RequestException;
import io.hami.scheduler.request.RequestReader;
import io.hami.scheduler.snapshot.ClusterSnapshot;
import io.hami.scheduler.snapshot.NodeSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Random clusters and random pods, scheduled one after the other with each reservation counted: no device ever holds
 * more memory, cores or slots than it registered, every container gets exactly the distinct devices it asked for on the
 * chosen node, and a device given exclusively (cores 100) is never shared with another pod or app container. Every
 * decision is the same when the pod's requests and options were read beforehand, from an equal pod, and, where the
 * filter takes the first node that fits, when the nodes are offered one at a time in its order of preference; and it
 * is the same through a {@link Filter.Workspace} kept from decision to decision, over candidate lists of any length.
 */
class FilterProperties {

    private static final String[] GPU_POLICIES = {"spread", "binpack", "mutex", "topology-aware", "binpack,numa", "numa"};

    @Test
    void allocationsNeverExceedDevicesAndExclusiveDevicesAreNeverShared() {
        var scheduled = new java.util.concurrent.atomic.AtomicInteger();
        qt().withExamples(150).forAll(longs().all()).checkAssert(seed -> scheduled.addAndGet(scheduleRandomPods(seed)));
        assertThat(scheduled.get()).as("pods scheduled over all examples").isGreaterThan(300);
    }

    /** The slot of each name in the snapshot's table of node names, -1 for a node it lacks, and one more entry. */
    private static int[] slotsOf(ClusterSnapshot snapshot, List<String> names) {
        int[] slots = new int[names.size() + 1];
        for (int i = 0; i < names.size(); i++) {
            slots[i] = snapshot.nodeSlot(names.get(i).toCharArray(), 0, names.get(i).length());
        }
        slots[names.size()] = 12345; // beyond the candidates: not theirs
        return slots;
    }

    /** Some of the cluster's nodes in a random order, and a node it lacks, each once: 0 to all of them. */
    private static List<String> someCandidates(Random random, List<String> names) {
        var some = new ArrayList<String>(names);
        some.add("ghost");
        java.util.Collections.shuffle(some, random);
        return some.subList(0, random.nextInt(some.size() + 1));
    }

    /** Schedules random pods on a random cluster; returns how many were scheduled. */
    private static int scheduleRandomPods(long seed) {
        int scheduled = 0;
        var random = new Random(seed);
        var nodes = new ArrayList<io.fabric8.kubernetes.api.model.Node>();
        var names = new ArrayList<String>();
        int nodeCount = 1 + random.nextInt(5);
        for (int n = 0; n < nodeCount; n++) {
            var devices = new ArrayList<NodeDevice>();
            int gpus = 1 + random.nextInt(8);
            for (int g = 0; g < gpus; g++) {
                devices.add(NodeDevice.of("n" + n + "-g" + g, g, pick(random, 1, 2, 4, 10),
                        pick(random, 1024, 8000, 16000, 40960), pick(random, 100, 100, 100, 200), "NVIDIA", random.nextInt(2),
                        "hami-core", random.nextInt(10) > 0));
            }
            nodes.add(Kube.nvidiaNode("n" + n, devices.toArray(NodeDevice[]::new)));
            names.add("n" + n);
        }
        var builder = ClusterSnapshot.builder(Scenario.TYPES);
        nodes.forEach(builder::putNode);
        var snapshot = builder.build();
        Map<String, Set<String>> holders = new HashMap<>();
        Set<String> exclusive = new HashSet<>();
        // One workspace for every decision of the example, over candidate lists of changing lengths: what an earlier
        // decision left in it never changes a later one. Its own random numbers leave the example's as they were.
        var workspace = new Filter.Workspace();
        var candidatePicks = new Random(~seed);
        int pods = 1 + random.nextInt(30);
        for (int p = 0; p < pods; p++) {
            Pod pod = randomPod(random, "p" + p);
            var config = new SchedulerConfig(Scenario.TYPES,
                    random.nextBoolean() ? NodeSchedulerPolicy.BINPACK : NodeSchedulerPolicy.SPREAD,
                    io.hami.model.annotation.GpuSchedulerPolicy.SPREAD,
                    random.nextBoolean() ? SchedulerConfig.Evaluation.BEST_FIRST : SchedulerConfig.Evaluation.ALL_NODES);
            FilterResult r = Filter.decide(pod, names, snapshot, config);
            assertThat(r.kind()).as("seed %d pod %d: %s", seed, p, r.error()).isNotEqualTo(FilterResult.Kind.ERROR);
            if (r.kind() == FilterResult.Kind.PASS_THROUGH) {
                continue;
            }
            assertThat(decideWithRequestReadFromAnEqualPod(pod, names, snapshot, config)).as("seed %d pod %d", seed, p)
                    .isEqualTo(r);
            List<String> some = someCandidates(candidatePicks, names);
            assertThat(Filter.decide(pod, some, snapshot, config, workspace)).as("seed %d pod %d, %s", seed, p, some)
                    .isEqualTo(Filter.decide(pod, some, snapshot, config));
            assertThat(Filter.decide(pod, names, snapshot, config, workspace)).as("seed %d pod %d", seed, p)
                    .isEqualTo(r);
            assertThat(Filter.decide(pod, some, slotsOf(snapshot, some), snapshot, snapshot, config, workspace))
                    .as("seed %d pod %d, %s by their slots", seed, p, some)
                    .isEqualTo(Filter.decide(pod, some, snapshot, config));
            FilterResult oneAtATime = decideOneAtATime(pod, names, snapshot, config);
            if (oneAtATime != null) {
                assertThat(oneAtATime.kind()).as("seed %d pod %d", seed, p).isEqualTo(r.kind());
                assertThat(oneAtATime.node()).as("seed %d pod %d", seed, p).isEqualTo(r.node());
                assertThat(oneAtATime.allocations()).as("seed %d pod %d", seed, p).isEqualTo(r.allocations());
                assertThat(oneAtATime.reservation()).as("seed %d pod %d", seed, p).isEqualTo(r.reservation());
            }
            if (r.kind() == FilterResult.Kind.UNSCHEDULABLE) {
                assertThat(r.failedNodes().keySet()).containsExactlyInAnyOrderElementsOf(names);
                continue;
            }
            scheduled++;
            NodeSnapshot chosen = snapshot.node(r.node().orElseThrow()).orElseThrow();
            checkContainers(pod, r, chosen, holders, exclusive);
            snapshot = snapshot.toBuilder().putPod(r.reservation().orElseThrow()).build();
            for (NodeSnapshot node : snapshot.nodes()) {
                for (int i = 0; i < node.deviceCount(); i++) {
                    var d = node.device(i);
                    assertThat(node.used(i)).as("slots of %s (seed %d)", d.id(), seed).isLessThanOrEqualTo(d.count());
                    assertThat(node.usedMem(i)).as("memory of %s (seed %d)", d.id(), seed)
                            .isLessThanOrEqualTo(d.totalMem());
                    assertThat(node.usedCores(i)).as("cores of %s (seed %d)", d.id(), seed)
                            .isLessThanOrEqualTo(d.totalCores());
                }
            }
        }
        for (String device : exclusive) {
            assertThat(holders.get(device)).as("exclusive %s (seed %d)", device, seed).hasSize(1);
        }
        return scheduled;
    }

    /**
     * For a pod the filter decides by the first fitting node ({@link Filter#takesFirstFit}), the decision taken by
     * offering the candidates one at a time in {@link Filter#rankKey} order up to the first that takes it (the last
     * refusal when none does); null for other pods.
     */
    private static FilterResult decideOneAtATime(Pod pod, List<String> names, ClusterSnapshot snapshot,
                                                 SchedulerConfig config) {
        try {
            PodRequest request = RequestReader.read(pod, config.types());
            PodOptions options = PodOptionsReader.read(pod, config.types(), config.gpuPolicy(), config.nodePolicy());
            if (!Filter.takesFirstFit(request, config)) {
                return null;
            }
            long[] keys = new long[names.size()];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = Filter.rankKey(options.nodePolicy(), snapshot.node(names.get(i)).orElseThrow(), i);
            }
            Arrays.sort(keys);
            FilterResult last = null;
            for (long key : keys) {
                last = Filter.decide(pod, request, options, List.of(names.get((int) key)), snapshot, config);
                if (last.kind() == FilterResult.Kind.SCHEDULED) {
                    return last;
                }
            }
            return last;
        } catch (RequestException e) {
            return null;
        }
    }

    /** The decision for a pod whose requests and options were read from another pod, equal but for name and UID. */
    private static FilterResult decideWithRequestReadFromAnEqualPod(Pod pod, List<String> names,
                                                                    ClusterSnapshot snapshot, SchedulerConfig config) {
        Pod twin = new PodBuilder(pod).editMetadata().withName("twin").withUid("twin-uid").endMetadata().build();
        try {
            return Filter.decide(pod, RequestReader.read(twin, config.types()),
                    PodOptionsReader.read(twin, config.types(), config.gpuPolicy(), config.nodePolicy()), names,
                    snapshot, config);
        } catch (RequestException e) {
            throw new AssertionError(e);
        }
    }

    private static void checkContainers(Pod pod, FilterResult r, NodeSnapshot chosen, Map<String, Set<String>> holders,
                                        Set<String> exclusive) {
        PodDevices devices = decode(Scenario.nvidia(r));
        int init = pod.getSpec().getInitContainers().size();
        var all = new ArrayList<Container>(pod.getSpec().getInitContainers());
        all.addAll(pod.getSpec().getContainers());
        assertThat(devices.containers()).hasSize(all.size());
        Map<String, Integer> appHolders = new HashMap<>();
        Set<String> appExclusive = new HashSet<>();
        for (int c = 0; c < all.size(); c++) {
            var limits = all.get(c).getResources().getLimits();
            var picked = devices.containers().get(c).devices();
            int asked = limits.containsKey("nvidia.com/gpu") ? Integer.parseInt(limits.get("nvidia.com/gpu").getAmount()) : 0;
            assertThat(picked).hasSize(asked);
            assertThat(picked.stream().map(ContainerDevice::uuid).distinct().count()).isEqualTo(asked);
            for (ContainerDevice d : picked) {
                int i = chosen.indexOf(d.uuid());
                assertThat(i).as("device %s on %s", d.uuid(), chosen.name()).isNotNegative();
                holders.computeIfAbsent(d.uuid(), k -> new HashSet<>()).add(pod.getMetadata().getUid());
                boolean excl = d.usedCores() == 100 && chosen.device(i).totalCores() == 100;
                if (excl) {
                    exclusive.add(d.uuid());
                }
                if (c >= init) {
                    appHolders.merge(d.uuid(), 1, Integer::sum);
                    if (excl) {
                        appExclusive.add(d.uuid());
                    }
                }
            }
        }
        for (String d : appExclusive) {
            assertThat(appHolders.get(d)).as("app containers on exclusive %s", d).isEqualTo(1);
        }
    }

    private static PodDevices decode(String value) {
        try {
            return PodDevicesCodec.INSTANCE.decode(value);
        } catch (io.hami.model.wire.WireFormatException e) {
            throw new AssertionError(e);
        }
    }

    private static Pod randomPod(Random random, String name) {
        var b = pod(name);
        if (random.nextInt(4) == 0) {
            b.annotate("hami.io/gpu-scheduler-policy", GPU_POLICIES[random.nextInt(GPU_POLICIES.length)]);
        }
        if (random.nextInt(5) == 0) {
            b.annotate("nvidia.com/numa-bind", "true");
        }
        if (random.nextInt(4) == 0) {
            b.init(randomContainer(random, "i0"));
        }
        int app = 1 + random.nextInt(3);
        for (int c = 0; c < app; c++) {
            b.app(randomContainer(random, "a" + c));
        }
        return b.build();
    }

    private static Container randomContainer(Random random, String name) {
        if (random.nextInt(5) == 0) {
            return container(name);
        }
        var resources = new ArrayList<>(List.of("nvidia.com/gpu", Integer.toString(1 + random.nextInt(3))));
        int memory = random.nextInt(10);
        if (memory < 5) {
            resources.addAll(List.of("nvidia.com/gpumem", Integer.toString(1 + random.nextInt(20000))));
        } else if (memory < 8) {
            resources.addAll(List.of("nvidia.com/gpumem-percentage", Integer.toString(random.nextInt(101))));
        }
        int cores = random.nextInt(10);
        if (cores < 3) {
            resources.addAll(List.of("nvidia.com/gpucores", "100"));
        } else if (cores < 8) {
            resources.addAll(List.of("nvidia.com/gpucores", Integer.toString(random.nextInt(100))));
        }
        return container(name, resources.toArray(String[]::new));
    }

    private static int pick(Random random, int... values) {
        return values[random.nextInt(values.length)];
    }
}
