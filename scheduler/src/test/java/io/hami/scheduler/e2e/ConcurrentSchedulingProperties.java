package io.hami.scheduler.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.hami.model.annotation.PodDevicesCodec;
import io.hami.model.device.ContainerDevice;
import io.hami.model.device.ContainerDevices;
import io.hami.model.device.NodeDevice;
import io.hami.scheduler.Kube;
import io.hami.scheduler.SchedulerConfig;
import io.hami.scheduler.bind.Binder;
import io.hami.scheduler.bind.FilteredPods;
import io.hami.scheduler.bind.PodPatches;
import io.hami.scheduler.events.EventSink;
import io.hami.scheduler.extender.ExtenderJson;
import io.hami.scheduler.extender.FilterService;
import io.hami.scheduler.kube.KubeObjects;
import io.hami.scheduler.lock.Backoff;
import io.hami.scheduler.lock.FakeLockApi;
import io.hami.scheduler.lock.NodeLockQueue;
import io.hami.scheduler.lock.NodeLocks;
import io.hami.scheduler.metrics.SchedulerMetrics;
import io.hami.scheduler.state.ClusterState;
import io.hami.scheduler.state.MapCache;
import io.hami.scheduler.support.FakeApiServer;
import io.hami.scheduler.support.MutableClock;
import io.hami.scheduler.usage.PodUsageReader;
import io.hami.scheduler.vendor.DeviceTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Many pods with random requests, filtered and bound from several threads at once through the real filter service,
 * cluster state and binder, with an API server whose informer delivers events late, random deletions, and device
 * plugins releasing node locks. Invariant, checked after every bind and at the end over the pods actually bound: no
 * GPU holds more slots, memory or cores than it registered, and a GPU given exclusively (cores 100) holds one
 * container only.
 */
class ConcurrentSchedulingProperties {

    private static final DeviceTypes TYPES = DeviceTypes.defaults();
    private static final int THREADS = 4;

    @Test
    void concurrentFilterAndBindNeverOverAllocate() {
        var bound = new AtomicInteger();
        var waits = new ConcurrentHashMap<String, Integer>();
        qt().withExamples(60).forAll(longs().all()).checkAssert(seed -> bound.addAndGet(run(seed, waits)));
        assertThat(bound.get()).as("pods bound over all examples").isGreaterThan(100);
        // every holder releases (the worker after its bind, the binder after a failure): no wait runs out
        assertThat(waits).as("binds that waited for a node lock, by outcome").containsOnlyKeys("acquired");
    }

    private record Gpu(int count, int mem, int cores) {
    }

    private static int run(long seed, Map<String, Integer> waits) {
        var random = new Random(seed);
        var clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
        var cache = new MapCache();
        var state = new ClusterState(TYPES, clock, Map.of(), Duration.ofMinutes(5), cache).start();
        var api = new FakeApiServer(state, cache);
        var lockApi = new FakeLockApi();
        var metrics = new SchedulerMetrics(state::snapshot, false, Map.of());
        var config = SchedulerConfig.defaults(TYPES);
        var filtered = new FilteredPods(clock, Duration.ofMinutes(5), 1000);
        var patches = new PodPatches(Duration.ofSeconds(30), Duration.ofMinutes(5));
        var filter = new FilterService(state, cache, filtered, patches, config, api, EventSink.NONE, metrics, clock,
                Duration.ofSeconds(5));
        // Binds wait in line for a held lock; the worker that bound releases it as the device plugin would.
        var lockQueue = new NodeLockQueue(new NodeLocks(lockApi, clock, Duration.ofMinutes(5),
                Backoff.hami(new Random(seed), d -> { })), (elapsed, outcome) -> {
                    metrics.lockWaited(elapsed, outcome);
                    waits.merge(outcome, 1, Integer::sum);
                });
        var binder = new Binder("hami-scheduler", filtered, patches, cache, state, lockQueue, api, EventSink.NONE,
                metrics, TYPES, clock, Duration.ofSeconds(20), Duration.ZERO);
        Map<String, Gpu> gpus = new HashMap<>();
        List<String> nodes = new ArrayList<>();
        for (int n = 0; n < 1 + random.nextInt(3); n++) {
            var devices = new ArrayList<NodeDevice>();
            for (int g = 0; g < 1 + random.nextInt(4); g++) {
                var gpu = new Gpu(2 + random.nextInt(5), 4000 + 1000 * random.nextInt(13), 100);
                String id = "n" + n + "-gpu" + g;
                gpus.put(id, gpu);
                devices.add(NodeDevice.of(id, g, gpu.count(), gpu.mem(), gpu.cores(), "NVIDIA", 0, "hami-core", true));
            }
            Node node = new NodeBuilder(Kube.nvidiaNode("n" + n, devices.toArray(NodeDevice[]::new))).withNewStatus()
                    .addToAllocatable("nvidia.com/gpu", new Quantity("100")).endStatus().build();
            cache.put(node);
            state.putNode(node);
            lockApi.node("n" + n);
            nodes.add("n" + n);
        }
        state.markSynced();
        var queue = new ConcurrentLinkedQueue<Pod>();
        int podCount = 20 + random.nextInt(40);
        for (int p = 0; p < podCount; p++) {
            queue.add(randomPod(random, "p" + p));
        }
        var bound = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            var futures = new ArrayList<Future<?>>();
            for (int t = 0; t < THREADS; t++) {
                long workerSeed = random.nextLong();
                futures.add(pool.submit(() -> {
                    worker(new Random(workerSeed), queue, api, lockApi, lockQueue, filter, binder, nodes, gpus,
                            bound);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
            api.drain();
            check(api, gpus, seed);
        } catch (Exception e) {
            throw new AssertionError("seed " + seed, e);
        } finally {
            api.close();
            state.close();
        }
        return bound.get();
    }

    private static void worker(Random random, ConcurrentLinkedQueue<Pod> queue, FakeApiServer api,
                               FakeLockApi lockApi, NodeLockQueue lockQueue, FilterService filter, Binder binder,
                               List<String> nodes, Map<String, Gpu> gpus, AtomicInteger bound) throws Exception {
        Pod next;
        while ((next = queue.poll()) != null) {
            String name = KubeObjects.name(next);
            if (api.get("default", name) == null) {
                api.create(next);
                // a live lock owner: a held lock is contention (waited out), not taken over from a pod "gone"
                lockApi.pod("default", name);
            }
            for (int attempt = 0; attempt < 3; attempt++) {
                Pod current = api.get("default", name);
                var reply = filter.filter(new ExtenderJson.FilterArgs(Optional.of(current), Optional.empty(),
                        Optional.of(nodes)));
                assertThat(reply.error()).isEmpty();
                if (reply.nodeNames().isEmpty()) {
                    deleteSomeBoundPod(random, api);
                    continue;
                }
                String node = reply.nodeNames().get().getFirst();
                if (binder.bind("default", name, KubeObjects.uid(current), node).isEmpty()) {
                    bound.incrementAndGet();
                    lockApi.node(node, null);
                    lockQueue.mayBeFree(node);
                    check(api, gpus, 0);
                    if (random.nextInt(3) == 0) {
                        deleteSomeBoundPod(random, api);
                    }
                    break;
                }
            }
        }
    }

    private static void deleteSomeBoundPod(Random random, FakeApiServer api) {
        var bound = api.pods().stream().filter(p -> p.getSpec().getNodeName() != null).toList();
        if (!bound.isEmpty()) {
            api.delete(bound.get(random.nextInt(bound.size())));
        }
    }

    /**
     * The invariant over the pods actually bound, from their allocation annotations: per pod and device, init
     * containers (which run one after the other) hold their peak, app containers their sum, and the pod the larger of
     * the two (docs/scheduler.md, "Usage of scheduled pods").
     */
    private static void check(FakeApiServer api, Map<String, Gpu> gpus, long seed) throws Exception {
        Map<String, int[]> used = new HashMap<>();
        Map<String, Integer> exclusive = new HashMap<>();
        for (Pod pod : api.pods()) {
            if (pod.getSpec().getNodeName() == null || PodUsageReader.isTerminal(pod)) {
                continue;
            }
            int inits = pod.getSpec().getInitContainers().size();
            String allocated = KubeObjects.annotation(pod, "hami.io/vgpu-devices-allocated");
            List<ContainerDevices> containers = PodDevicesCodec.INSTANCE.decode(allocated).containers();
            Map<String, int[]> init = new HashMap<>();
            Map<String, int[]> app = new HashMap<>();
            for (int i = 0; i < containers.size(); i++) {
                for (ContainerDevice d : containers.get(i).devices()) {
                    if (i < inits) {
                        int[] u = init.computeIfAbsent(d.uuid(), k -> new int[3]);
                        u[0] = 1;
                        u[1] = Math.max(u[1], d.usedMem());
                        u[2] = Math.max(u[2], d.usedCores());
                    } else {
                        int[] u = app.computeIfAbsent(d.uuid(), k -> new int[3]);
                        u[0]++;
                        u[1] += d.usedMem();
                        u[2] += d.usedCores();
                        if (d.usedCores() >= 100) {
                            exclusive.merge(d.uuid(), 1, Integer::sum);
                        }
                    }
                }
            }
            var devices = new java.util.HashSet<>(init.keySet());
            devices.addAll(app.keySet());
            for (String uuid : devices) {
                int[] a = init.getOrDefault(uuid, new int[3]);
                int[] b = app.getOrDefault(uuid, new int[3]);
                int[] u = used.computeIfAbsent(uuid, k -> new int[3]);
                for (int k = 0; k < 3; k++) {
                    u[k] += Math.max(a[k], b[k]);
                }
            }
        }
        used.forEach((uuid, u) -> {
            Gpu gpu = gpus.get(uuid);
            assertThat(u[0]).as("seed %d %s slots", seed, uuid).isLessThanOrEqualTo(gpu.count());
            assertThat(u[1]).as("seed %d %s memory", seed, uuid).isLessThanOrEqualTo(gpu.mem());
            assertThat(u[2]).as("seed %d %s cores", seed, uuid).isLessThanOrEqualTo(gpu.cores());
            if (exclusive.containsKey(uuid)) {
                assertThat(u[0]).as("seed %d %s exclusive", seed, uuid).isEqualTo(1);
            }
        });
    }

    private static Pod randomPod(Random random, String name) {
        var containers = new ArrayList<Container>();
        for (int c = 0; c < 1 + random.nextInt(2); c++) {
            var limits = new ArrayList<String>(List.of("nvidia.com/gpu", Integer.toString(1 + random.nextInt(2))));
            switch (random.nextInt(4)) {
                case 0 -> { }
                case 1 -> limits.addAll(List.of("nvidia.com/gpumem", Integer.toString(500 + 500 * random.nextInt(12))));
                case 2 -> limits.addAll(List.of("nvidia.com/gpumem-percentage",
                        Integer.toString(10 + 10 * random.nextInt(6))));
                default -> limits.addAll(List.of("nvidia.com/gpumem", "1000"));
            }
            int cores = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> 100;
                default -> 10 + 10 * random.nextInt(5);
            };
            limits.addAll(List.of("nvidia.com/gpucores", Integer.toString(cores)));
            containers.add(Kube.container("c" + c, limits.toArray(String[]::new)));
        }
        var b = Kube.pod(name).scheduler("hami-scheduler").app(containers.toArray(Container[]::new));
        if (random.nextInt(4) == 0) {
            b.init(Kube.container("init", "nvidia.com/gpu", "1", "nvidia.com/gpumem", "2000"));
        }
        return new PodBuilder(b.build()).build();
    }
}
