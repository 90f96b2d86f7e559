package io.hami.demo.simulate;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.hami.model.annotation.GpuSchedulerPolicy;
import io.hami.model.annotation.NodeSchedulerPolicy;
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
import io.hami.scheduler.vendor.DeviceTypes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Replays a trace against a virtual cluster through the scheduler's filter ({@link Filter#decide}) under one policy
 * pair (docs/simulate.md, "How a trace is replayed"). Events are taken in time order, departures before arrivals of the
 * same instant. An arriving pod is filtered over every node; one that fits nowhere waits. A departure frees devices on
 * one node, so only that node can take a waiting pod: the waiting pods are tried there, oldest first. Pods asking for
 * the same are interchangeable, so they wait in one line per request and only its oldest is tried: when it does not
 * fit, none of the line does. A pod waiting longer than the longest wait is refused. Deterministic: no clock, no
 * randomness, the candidates always in the cluster's order.
 */
public final class Simulation {

    /** The one namespace of the simulated pods. */
    static final String NAMESPACE = "default";

    /**
     * How to replay.
     *
     * @param nodePolicy    the scheduler's {@code --node-scheduler-policy}
     * @param gpuPolicy     the scheduler's {@code --gpu-scheduler-policy}
     * @param maxWaitMillis how long a pod waits before it is refused
     * @param samples       how many timeline samples to keep (at least 2)
     */
    public record Settings(NodeSchedulerPolicy nodePolicy, GpuSchedulerPolicy gpuPolicy, long maxWaitMillis,
                           int samples) {
        public Settings {
            if (maxWaitMillis < 0) {
                throw new IllegalArgumentException("--max-wait must not be negative: " + maxWaitMillis + " ms");
            }
            if (samples < 2) {
                throw new IllegalArgumentException("samples must be at least 2: " + samples);
            }
        }
    }

    /** A request as the filter reads it, read once per shape. */
    private record Read(PodRequest request, PodOptions options) {
    }

    private record Running(long endMillis, int index, PodUsage usage, long memory, long cores) {
    }

    private final Trace trace;
    private final List<String> names;
    private final SchedulerConfig config;
    private final Settings settings;
    private final SnapshotBuilder builder;
    private ClusterSnapshot snapshot;
    private boolean dirty;
    /** Each node of the current snapshot by its position; those of {@code changed} are looked up again with it. */
    private final NodeSnapshot[] nodes;
    /**
     * The nodes in the filter's order of preference under the node policy: their {@link Filter#rankKey}s (the position
     * in the low half) in ascending order, kept so as nodes change; {@code rankOf} holds each node's key.
     */
    private final long[] ranked;
    private final long[] rankOf;
    private final boolean[] changed;
    private final ArrayDeque<Integer> changedNodes = new ArrayDeque<>();
    private final long totalMemory;
    private final long totalCores;

    private final PriorityQueue<Running> running = new PriorityQueue<>((a, b) -> a.endMillis != b.endMillis
            ? Long.compare(a.endMillis, b.endMillis) : Integer.compare(a.index, b.index));
    /** Waiting pods by trace index (the order of arrival), and the same pods in one line per request. */
    private final TreeMap<Integer, Pod> waiting = new TreeMap<>();
    private final Map<Shape, ArrayDeque<Integer>> lines = new IdentityHashMap<>();
    /** The same lines by the trace index of their oldest pod, the order in which a departure tries them. */
    private final TreeMap<Integer, ArrayDeque<Integer>> linesByHead = new TreeMap<>();
    /** Each trace pod's request, equal requests sharing one object. */
    private final Shape[] shapes;
    /** Per node, how many departures it has seen; per request, the count at which a node last refused it. */
    private final Map<String, Integer> nodeIndex = new HashMap<>();
    private final int[] departures;
    private final Map<Shape, int[]> refusedAt = new IdentityHashMap<>();
    /**
     * Per request, what the filter reads of it (pods of one shape differ only in name and UID); absent from the map
     * until a pod of it arrives, null for one the filter does not read (an error, no device), which goes the whole way.
     */
    private final Map<Shape, Read> reads = new IdentityHashMap<>();

    private long allocatedMemory;
    private long allocatedCores;
    private long now;
    private final long start;
    private final long windowEnd;
    private final Accumulator window = new Accumulator();
    private final Accumulator whole = new Accumulator();
    private final long[] sampleTimes;
    private final double[] sampleMemory;
    private final int[] sampleWaiting;
    private int nextSample;
    private final long[] waits;
    private int placed;
    private int refused;
    private int peakWaiting;

    /** Time integrals of the allocated memory and cores and of the memory left free while pods waited. */
    private static final class Accumulator {
        double memory;
        double cores;
        double strandedMemory;
        long length;
    }

    private Simulation(Trace trace, VirtualCluster cluster, DeviceTypes types, Settings settings) {
        this.trace = trace;
        this.names = cluster.names();
        this.settings = settings;
        this.config = new SchedulerConfig(types, settings.nodePolicy(), settings.gpuPolicy(),
                SchedulerConfig.Evaluation.BEST_FIRST);
        this.builder = ClusterSnapshot.builder(types);
        cluster.nodes().forEach(builder::putNode);
        this.snapshot = builder.build();
        long memory = 0;
        long cores = 0;
        for (NodeSnapshot node : snapshot.nodes()) {
            if (!node.inventory().problems().isEmpty()) {
                throw new IllegalArgumentException("node " + node.name() + ": " + node.inventory().problems());
            }
            for (int i = 0; i < node.deviceCount(); i++) {
                memory += node.device(i).totalMem();
                cores += node.device(i).totalCores();
            }
        }
        this.totalMemory = memory;
        this.totalCores = cores;
        this.start = trace.firstArrival();
        this.now = start;
        this.windowEnd = trace.lastArrival();
        this.sampleTimes = new long[settings.samples()];
        for (int i = 0; i < sampleTimes.length; i++) {
            sampleTimes[i] = start + (windowEnd - start) * i / (sampleTimes.length - 1);
        }
        this.sampleMemory = new double[sampleTimes.length];
        this.sampleWaiting = new int[sampleTimes.length];
        this.waits = new long[trace.pods().size()];
        var interned = new HashMap<SortedMap<String, String>, Shape>();
        var nameLists = new HashMap<List<String>, List<String>>();
        this.shapes = new Shape[trace.pods().size()];
        for (int i = 0; i < shapes.length; i++) {
            shapes[i] = Shape.intern(trace.pods().get(i).requests(), interned, nameLists);
        }
        for (int i = 0; i < names.size(); i++) {
            nodeIndex.put(names.get(i), i);
        }
        this.departures = new int[names.size()];
        this.nodes = new NodeSnapshot[names.size()];
        this.changed = new boolean[names.size()];
        this.rankOf = new long[names.size()];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = snapshot.node(names.get(i)).orElseThrow();
            rankOf[i] = Filter.rankKey(settings.nodePolicy(), nodes[i], i);
        }
        this.ranked = rankOf.clone();
        Arrays.sort(ranked);
    }

    /**
     * Replays {@code trace} on {@code cluster}.
     *
     * @throws IllegalArgumentException naming the pod, when the scheduler cannot read a pod's requests or it asks for
     *                                  no device
     */
    public static PolicyResult run(Trace trace, VirtualCluster cluster, DeviceTypes types, Settings settings) {
        return new Simulation(trace, cluster, types, settings).replay();
    }

    private PolicyResult replay() {
        List<TracePod> pods = trace.pods();
        int next = 0;
        while (next < pods.size() || !running.isEmpty()) {
            long arrival = next < pods.size() ? pods.get(next).arrivalMillis() : Long.MAX_VALUE;
            Running departure = running.peek();
            long t = departure != null && departure.endMillis <= arrival ? departure.endMillis : arrival;
            expireBefore(t);
            advance(t);
            if (departure != null && departure.endMillis <= arrival) {
                depart(running.poll());
            } else {
                arrive(next++);
            }
        }
        expireBefore(Long.MAX_VALUE);
        long end = now;
        advance(Math.max(now, windowEnd));
        Accumulator a = window.length > 0 ? window : whole;
        double length = Math.max(1, a.length);
        return new PolicyResult(settings.nodePolicy(), settings.gpuPolicy(), pods.size(), placed, refused,
                Arrays.copyOf(waits, placed), a.memory / length / totalMemory, a.cores / length / totalCores,
                a.strandedMemory / length / totalMemory, peakWaiting, end - start,
                new PolicyResult.Timeline(relative(sampleTimes), sampleMemory, sampleWaiting));
    }

    private void arrive(int index) {
        TracePod p = trace.pods().get(index);
        Shape shape = shapes[index];
        Pod pod = pod(index, p);
        if (fitsNowhere(shape)) {
            enqueue(index, pod, shape);
            return;
        }
        // the nodes that refused this request and freed nothing since would refuse it again, and so do those without
        // enough devices that can hold it: leave them out
        int[] refused = refusedAt.computeIfAbsent(shape, k -> filled(names.size()));
        Read read = read(pod, shape);
        Predicate<NodeSnapshot> mayFit = read == null ? null
                : Filter.mayFitCheck(pod, read.request(), read.options(), snapshot());
        if (read != null && read.options().nodePolicy() == settings.nodePolicy()
                && Filter.takesFirstFit(read.request(), config)) {
            arriveInRankOrder(index, pod, shape, refused, mayFit);
            return;
        }
        var candidates = new ArrayList<String>(names.size());
        for (int n = 0; n < names.size(); n++) {
            if (refused[n] == departures[n]) {
                continue;
            }
            if (mayFit != null && !mayFit.test(nodes[n])) {
                refused[n] = departures[n];
                continue;
            }
            candidates.add(names.get(n));
        }
        if (candidates.isEmpty()) {
            enqueue(index, pod, shape);
            return;
        }
        FilterResult result = decide(pod, shape, candidates);
        result.failedNodes().keySet().forEach(n -> refused[nodeIndex.get(n)] = departures[nodeIndex.get(n)]);
        switch (result.kind()) {
            case SCHEDULED -> place(index, result, 0);
            case UNSCHEDULABLE -> enqueue(index, pod, shape);
            case ERROR -> throw new IllegalArgumentException(result.error());
            case PASS_THROUGH -> throw new IllegalArgumentException("pod " + p.name() + " asks for no device the "
                    + "scheduler knows: " + p.requests());
        }
    }

    /**
     * An arrival for which the filter takes the first node in its order of preference that fits
     * ({@link Filter#takesFirstFit}): the nodes are offered to it one at a time in that order ({@link #ranked}), and the
     * first that takes it is the node the filter would choose among all of them, with the same devices.
     */
    private void arriveInRankOrder(int index, Pod pod, Shape shape, int[] refused, Predicate<NodeSnapshot> mayFit) {
        for (long key : ranked) {
            int n = (int) key;
            if (refused[n] == departures[n]) {
                continue;
            }
            if (mayFit != null && !mayFit.test(nodes[n])) {
                refused[n] = departures[n];
                continue;
            }
            FilterResult result = decide(pod, shape, List.of(names.get(n)));
            if (result.kind() == FilterResult.Kind.SCHEDULED) {
                place(index, result, 0);
                return;
            }
            refused[n] = departures[n];
        }
        enqueue(index, pod, shape);
    }

    /**
     * Whether a waiting pod asks for no more than {@code shape}: it fits nowhere (else it would not wait, since every
     * node that freed devices was offered to it), so neither does this request.
     */
    private boolean fitsNowhere(Shape shape) {
        ArrayDeque<Integer> same = lines.get(shape);
        if (same != null) {
            return true;
        }
        for (Shape waitingShape : lines.keySet()) {
            if (shape.asksAtLeast(waitingShape)) {
                return true;
            }
        }
        return false;
    }

    private static int[] filled(int n) {
        int[] a = new int[n];
        Arrays.fill(a, -1);
        return a;
    }

    private void depart(Running r) {
        String node = r.usage.node();
        builder.removePod(uid(r.index));
        int n = nodeIndex.get(node);
        changed(n);
        departures[n]++;
        allocatedMemory -= r.memory;
        allocatedCores -= r.cores;
        if (!waiting.isEmpty()) {
            retryOn(node, freedDevices(node, r.usage));
        }
    }

    /** The positions on its node of the devices a pod held. */
    private int[] freedDevices(String node, PodUsage usage) {
        NodeSnapshot n = snapshot().node(node).orElseThrow();
        int[] freed = new int[n.deviceCount()];
        int count = 0;
        for (List<DeviceUse> uses : usage.devices().values()) {
            for (DeviceUse u : uses) {
                int p = n.indexOf(u.uuid());
                if (p >= 0) {
                    freed[count++] = p;
                }
            }
        }
        return Arrays.copyOf(freed, count);
    }

    /**
     * Tries the waiting pods on the node that just freed devices, the oldest line first, each line from its head; a
     * line that none of the freed devices can hold is skipped ({@link Filter#mayFitAfterFreeing}: the node refused it
     * before, and only those devices got lighter), and so is one whose request asks at least as much as one the filter
     * refused in this pass.
     */
    private void retryOn(String node, int[] freed) {
        List<String> candidate = List.of(node);
        var refusedHere = new ArrayList<Shape>();
        // a line whose head is placed moves to its next pod, a later index: walking the heads upwards meets it again
        for (var entry = linesByHead.firstEntry(); entry != null; entry = linesByHead.higherEntry(entry.getKey())) {
            int index = entry.getKey();
            Shape shape = shapes[index];
            Pod pod = waiting.get(index);
            Read read = read(pod, shape);
            // the freed devices first (a few comparisons), then the requests the filter refused in this pass (few,
            // since most lines end at the first check)
            if (read != null && !Filter.mayFitAfterFreeing(pod, read.request(), read.options(), snapshot(), node,
                    freed) || asksAtLeastOneOf(shape, refusedHere)) {
                continue;
            }
            FilterResult result = decide(pod, shape, candidate);
            if (result.kind() != FilterResult.Kind.SCHEDULED) {
                refusedHere.add(shape);
                continue;
            }
            waiting.remove(index);
            dequeueHead(entry.getValue(), shape);
            place(index, result, now - trace.pods().get(index).arrivalMillis());
        }
    }

    private static boolean asksAtLeastOneOf(Shape shape, List<Shape> refused) {
        for (Shape r : refused) {
            if (shape.asksAtLeast(r)) {
                return true;
            }
        }
        return false;
    }

    /** Takes a line's oldest pod out of it (the pod itself leaves {@code waiting} at the caller). */
    private void dequeueHead(ArrayDeque<Integer> line, Shape shape) {
        linesByHead.remove(line.pollFirst());
        if (line.isEmpty()) {
            lines.remove(shape);
        } else {
            linesByHead.put(line.peekFirst(), line);
        }
    }

    /** {@link Filter#decide}, with the request read once per shape. */
    private FilterResult decide(Pod pod, Shape shape, List<String> candidates) {
        Read read = read(pod, shape);
        if (read == null) {
            return Filter.decide(pod, candidates, snapshot(), config);
        }
        return Filter.decide(pod, read.request(), read.options(), candidates, snapshot(), config);
    }

    /** What the filter reads of a pod of this shape, read at its first pod. */
    private Read read(Pod pod, Shape shape) {
        if (reads.containsKey(shape)) {
            return reads.get(shape);
        }
        Read read = read(pod);
        reads.put(shape, read);
        return read;
    }

    private Read read(Pod pod) {
        try {
            PodRequest request = RequestReader.read(pod, config.types());
            if (request.isEmpty()) {
                return null;
            }
            return new Read(request, PodOptionsReader.read(pod, config.types(), config.gpuPolicy(),
                    config.nodePolicy()));
        } catch (RequestException e) {
            return null;
        }
    }

    private void place(int index, FilterResult result, long waited) {
        PodUsage usage = result.reservation().orElseThrow();
        builder.putPod(usage);
        changed(nodeIndex.get(usage.node()));
        long memory = 0;
        long cores = 0;
        for (List<DeviceUse> uses : usage.devices().values()) {
            for (DeviceUse u : uses) {
                memory += u.mem();
                cores += u.cores();
            }
        }
        allocatedMemory += memory;
        allocatedCores += cores;
        waits[placed++] = waited;
        running.add(new Running(now + trace.pods().get(index).durationMillis(), index, usage, memory, cores));
    }

    private void enqueue(int index, Pod pod, Shape shape) {
        waiting.put(index, pod);
        ArrayDeque<Integer> line = lines.computeIfAbsent(shape, k -> new ArrayDeque<>());
        if (line.isEmpty()) {
            linesByHead.put(index, line);
        }
        line.addLast(index);
        peakWaiting = Math.max(peakWaiting, waiting.size());
    }

    /** Refuses the pods whose wait would exceed the longest wait before {@code t}, each at its own deadline. */
    private void expireBefore(long t) {
        while (!waiting.isEmpty()) {
            int oldest = waiting.firstKey();
            long deadline = trace.pods().get(oldest).arrivalMillis() + settings.maxWaitMillis();
            if (deadline >= t) {
                return;
            }
            advance(deadline);
            waiting.remove(oldest);
            dequeueHead(lines.get(shapes[oldest]), shapes[oldest]);
            refused++;
        }
    }

    /** Moves the clock to {@code t}, integrating the state held since the last event. */
    private void advance(long t) {
        if (t <= now) {
            return;
        }
        while (nextSample < sampleTimes.length && sampleTimes[nextSample] < t) {
            sampleMemory[nextSample] = (double) allocatedMemory / totalMemory;
            sampleWaiting[nextSample] = waiting.size();
            nextSample++;
        }
        long stranded = waiting.isEmpty() ? 0 : totalMemory - allocatedMemory;
        add(whole, t - now, stranded);
        long inWindow = Math.min(t, windowEnd) - Math.min(now, windowEnd);
        if (inWindow > 0) {
            add(window, inWindow, stranded);
        }
        now = t;
    }

    private void add(Accumulator a, long length, long stranded) {
        a.memory += (double) allocatedMemory * length;
        a.cores += (double) allocatedCores * length;
        a.strandedMemory += (double) stranded * length;
        a.length += length;
    }

    /** The current state through {@link SnapshotBuilder#view()}, with {@link #nodes} brought up to it. */
    private ClusterSnapshot snapshot() {
        if (dirty) {
            snapshot = builder.view();
            dirty = false;
            for (Integer n = changedNodes.poll(); n != null; n = changedNodes.poll()) {
                nodes[n] = snapshot.node(names.get(n)).orElseThrow();
                changed[n] = false;
                rerank(n);
            }
        }
        return snapshot;
    }

    /** Moves node {@code n} to its place in {@link #ranked} after a change. */
    private void rerank(int n) {
        long key = Filter.rankKey(settings.nodePolicy(), nodes[n], n);
        if (key == rankOf[n]) {
            return;
        }
        int from = Arrays.binarySearch(ranked, rankOf[n]);
        int to = -Arrays.binarySearch(ranked, key) - 1; // absent: only this node's keys hold its position
        if (to > from) {
            System.arraycopy(ranked, from + 1, ranked, from, to - 1 - from);
            ranked[to - 1] = key;
        } else {
            System.arraycopy(ranked, to, ranked, to + 1, from - to);
            ranked[to] = key;
        }
        rankOf[n] = key;
    }

    /** Marks node {@code n} as changed by a placement or departure. */
    private void changed(int n) {
        dirty = true;
        if (!changed[n]) {
            changed[n] = true;
            changedNodes.add(n);
        }
    }

    private long[] relative(long[] times) {
        long[] out = new long[times.length];
        for (int i = 0; i < times.length; i++) {
            out[i] = times[i] - start;
        }
        return out;
    }

    private static String uid(int index) {
        return "sim-" + index;
    }

    private static Pod pod(int index, TracePod p) {
        var limits = new LinkedHashMap<String, Quantity>();
        p.requests().forEach((k, v) -> limits.put(k, new Quantity(v)));
        return new PodBuilder().withNewMetadata().withName(p.name()).withNamespace(NAMESPACE).withUid(uid(index))
                .endMetadata().withNewSpec().withSchedulerName("hami-scheduler").addNewContainer().withName("main")
                .withNewResources().withLimits(limits).endResources().endContainer().endSpec().build();
    }
}
