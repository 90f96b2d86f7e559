package io.hami.scheduler.filter;

import io.fabric8.kubernetes.api.model.Pod;
import io.hami.model.annotation.NodeSchedulerPolicy;
import io.hami.scheduler.SchedulerConfig;
import io.hami.scheduler.fit.FitReason;
import io.hami.scheduler.fit.FitScope;
import io.hami.scheduler.fit.NodeFit;
import io.hami.scheduler.fit.NodeFitter;
import io.hami.scheduler.fit.Refit;
import io.hami.scheduler.kube.KubeObjects;
import io.hami.scheduler.quota.QuotaGuard;
import io.hami.scheduler.request.PodOptions;
import io.hami.scheduler.request.PodOptionsReader;
import io.hami.scheduler.request.PodRequest;
import io.hami.scheduler.request.RequestException;
import io.hami.scheduler.request.RequestReader;
import io.hami.scheduler.snapshot.ClusterSnapshot;
import io.hami.scheduler.snapshot.NodeSnapshot;
import io.hami.scheduler.vendor.DeviceType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The scheduler extender's filter decision (docs/scheduler.md, "The filter") as a pure function: a pod, the candidate
 * node names kube-scheduler sent, a frozen {@link ClusterSnapshot} and the {@link SchedulerConfig} in; the node, the
 * allocation annotations and the per-node reasons out. No I/O, no clock, no shared state: call it from any thread.
 *
 * <ol>
 *   <li>Read the pod's requests (docs/scheduler.md, "Requests"); a pod without any passes through. Read its options
 *       (policies, weights, filters); an invalid annotation is an error.</li>
 *   <li>Leave the pod's own previous reservation out of the usage (a pod filtered again never counts twice).</li>
 *   <li>Candidates the snapshot lacks, or that have no device, fail with {@code node unregistered}.</li>
 *   <li>Rank the others by the node policy on their default score; ties keep the candidate order.</li>
 *   <li>Fit (see {@link SchedulerConfig.Evaluation}) and take the most preferred node that fits.</li>
 * </ol>
 */
public final class Filter {

    private Filter() {
    }

    /**
     * Decides where the pod goes. Bad input from the API (resources, annotations) gives a {@link FilterResult.Kind#ERROR}
     * result, never an exception.
     *
     * @param candidates the node names kube-scheduler sent ({@code NodeNames}), each once
     * @throws IllegalArgumentException when the snapshot was built for other device types than the config's
     */
    public static FilterResult decide(Pod pod, List<String> candidates, ClusterSnapshot snapshot,
                                      SchedulerConfig config) {
        return decide(pod, candidates, snapshot, config, new Workspace());
    }

    /**
     * {@link #decide(Pod, List, ClusterSnapshot, SchedulerConfig)} through {@code workspace}'s arrays, for a caller
     * that decides one pod after another (the extender): the same result, without the per-call arrays.
     */
    public static FilterResult decide(Pod pod, List<String> candidates, ClusterSnapshot snapshot,
                                      SchedulerConfig config, Workspace workspace) {
        return decide(pod, candidates, null, null, snapshot, config, workspace);
    }

    /**
     * {@link #decide(Pod, List, ClusterSnapshot, SchedulerConfig, Workspace)} for candidates whose slots in the table of
     * node names of {@code slotted} the caller read with them ({@link ClusterSnapshot#nodeSlot}; -1 for a name it
     * lacks): where {@code snapshot} has the same slots ({@link ClusterSnapshot#sameNodeSlots}), each candidate is taken
     * by its slot instead of by hashing its name, which was about 40 % of a {@code /filter} call over 5,000 candidates
     * (docs/performance.md). The same result either way.
     *
     * @param slots the slot of each candidate, in their order, in its first {@code candidates.size()} entries
     */
    public static FilterResult decide(Pod pod, List<String> candidates, int[] slots, ClusterSnapshot slotted,
                                      ClusterSnapshot snapshot, SchedulerConfig config, Workspace workspace) {
        Objects.requireNonNull(pod, "pod");
        Objects.requireNonNull(candidates, "candidates");
        if (!snapshot.types().equals(config.types())) {
            throw new IllegalArgumentException("the snapshot was built for other device types than the config's");
        }
        PodRequest request;
        PodOptions options;
        try {
            request = RequestReader.read(pod, config.types());
            if (request.isEmpty()) {
                return FilterResult.passThrough();
            }
            options = PodOptionsReader.read(pod, config.types(), config.gpuPolicy(), config.nodePolicy());
        } catch (RequestException e) {
            return FilterResult.error("pod " + KubeObjects.namespace(pod) + "/" + KubeObjects.name(pod) + ": "
                    + e.getMessage());
        }
        return decide(pod, request, options, candidates, slots, slotted, snapshot, config, workspace);
    }

    /**
     * {@link #decide(Pod, List, ClusterSnapshot, SchedulerConfig)} for a pod whose requests and options the caller has
     * already read, with {@link RequestReader#read} and {@link PodOptionsReader#read} under {@code config}'s types and
     * policies: pods of equal containers and annotations read alike, so a caller that filters many of them (a
     * simulation) reads them once. The pod itself gives only its UID, namespace, name and annotations.
     *
     * @param request the pod's requests, not empty
     * @throws IllegalArgumentException when the snapshot was built for other device types than the config's, or the
     *                                  request is empty
     */
    public static FilterResult decide(Pod pod, PodRequest request, PodOptions options, List<String> candidates,
                                      ClusterSnapshot snapshot, SchedulerConfig config) {
        return decide(pod, request, options, candidates, null, null, snapshot, config, new Workspace());
    }

    private static FilterResult decide(Pod pod, PodRequest request, PodOptions options, List<String> candidates,
                                       int[] slots, ClusterSnapshot slotted, ClusterSnapshot snapshot,
                                       SchedulerConfig config, Workspace workspace) {
        Objects.requireNonNull(pod, "pod");
        Objects.requireNonNull(candidates, "candidates");
        if (!snapshot.types().equals(config.types())) {
            throw new IllegalArgumentException("the snapshot was built for other device types than the config's");
        }
        if (request.isEmpty()) {
            throw new IllegalArgumentException("an empty request passes through; it is not filtered");
        }
        ClusterSnapshot view = snapshot.withoutPod(KubeObjects.uid(pod));
        List<DeviceType> types = request.types();
        var guards = new ArrayList<QuotaGuard>(config.types().size());
        for (int t = 0; t < config.types().size(); t++) {
            guards.add(null);
        }
        for (DeviceType type : types) {
            guards.set(type.ordinal(), view.quotas().guard(KubeObjects.namespace(pod), type).orElse(null));
        }
        var scope = FitScope.of(request, options, guards);

        Map<String, String> failed = new LinkedHashMap<>();
        NodeSnapshot[] nodes = workspace.nodes(candidates.size());
        try {
            int count = 0;
            boolean bySlot = slots != null && view.sameNodeSlots(slotted);
            int i = 0;
            for (String name : candidates) {
                int slot = bySlot ? slots[i++] : -1;
                NodeSnapshot node = bySlot ? (slot < 0 ? null : view.nodeAt(slot)) : view.nodeOrNull(name);
                if (node == null || !node.inventory().hasDevices()) {
                    failed.put(name, FitReason.NODE_UNREGISTERED);
                } else {
                    nodes[count++] = node;
                }
            }
            return decide(pod, request, options, config, scope, nodes, count, workspace, failed);
        } finally {
            workspace.release(candidates.size());
        }
    }

    /** The ranking, fitting and choice over the {@code count} registered candidates at the start of {@code nodes}. */
    private static FilterResult decide(Pod pod, PodRequest request, PodOptions options, SchedulerConfig config,
                                       FitScope scope, NodeSnapshot[] nodes, int count, Workspace workspace,
                                       Map<String, String> failed) {
        long[] ranked = workspace.ranked(count);
        boolean exhaustive = !takesFirstFit(request, config);
        rank(nodes, count, options, ranked, exhaustive);
        var fitter = new NodeFitter(scope, config.types().size());
        NodeFit first = null;
        long[] fitting = exhaustive ? workspace.fitting(count) : new long[1];
        int fits = 0;
        for (int r = 0, left = count; r < count; r++) {
            int candidate = (int) (exhaustive ? ranked[r] : NodeOrder.takeFirst(ranked, left--));
            NodeFit fit = fitter.fit(nodes[candidate], !exhaustive);
            if (!fit.fits()) {
                failed.put(fit.node().name(), fit.reason());
                continue;
            }
            fitting[fits++] = NodeOrder.rankKey(options.nodePolicy(), fit.score(), candidate);
            if (!exhaustive) {
                first = fit;
                break;
            }
        }
        if (fits == 0) {
            return FilterResult.unschedulable(failed);
        }
        Arrays.sort(fitting, 0, fits);
        NodeFit best = exhaustive ? fitter.fit(nodes[(int) fitting[0]], true) : first;
        var scored = new ArrayList<FilterResult.ScoredNode>(fits);
        for (int f = 0; f < fits; f++) {
            long key = fitting[f];
            NodeSnapshot node = nodes[(int) key];
            scored.add(new FilterResult.ScoredNode(node.name(), node == best.node() ? best.score()
                    : NodeOrder.scoreOf(key, options.nodePolicy())));
        }
        return Allocations.scheduled(pod, request, options, best, scored, failed);
    }

    /**
     * Whether a node that refused the pod may take it now that the devices at positions {@code freed} of it got
     * lighter, and no other device of it did ({@link Refit}): {@code false} only when {@link #decide} would refuse
     * it there. For a caller that retries waiting pods after a departure (a simulation) and would otherwise filter
     * each of them.
     *
     * @param request the pod's requests, read as for {@link #decide(Pod, PodRequest, PodOptions, List,
     *                ClusterSnapshot, SchedulerConfig)}
     */
    public static boolean mayFitAfterFreeing(Pod pod, PodRequest request, PodOptions options, ClusterSnapshot snapshot,
                                             String node, int[] freed) {
        NodeSnapshot n = snapshot.node(node).orElse(null);
        if (n == null) {
            return true;
        }
        return Refit.mayFitAfterFreeing(request, options, quotaLimited(pod, request, snapshot), n, freed);
    }

    /**
     * Whether the pod may fit the node ({@link Refit#mayFit}): {@code false} only when {@link #decide} would refuse it
     * there, so that a caller filtering many pods (a simulation) can leave such nodes out of the candidates, which
     * changes no decision.
     */
    public static boolean mayFit(Pod pod, PodRequest request, PodOptions options, ClusterSnapshot snapshot,
                                 String node) {
        NodeSnapshot n = snapshot.node(node).orElse(null);
        return n == null || Refit.mayFit(request, options, quotaLimited(pod, request, snapshot), n);
    }

    /**
     * {@link #mayFit} prepared for many nodes of {@code snapshot}, for a caller that scans a whole cluster per pod (a
     * simulation): the pod's request and the namespace quotas are read once. It answers {@code false} for a node of
     * {@code snapshot} only when {@link #decide} would refuse the pod there. Valid while {@code snapshot} is.
     *
     * @return the check, or {@code null} when every node may fit (the pod is not one whose fit {@link Refit} can rule
     *         out), so that the caller need not ask
     */
    public static Predicate<NodeSnapshot> mayFitCheck(Pod pod, PodRequest request, PodOptions options,
                                                      ClusterSnapshot snapshot) {
        return Refit.mayFitCheck(request, options, quotaLimited(pod, request, snapshot));
    }

    private static boolean quotaLimited(Pod pod, PodRequest request, ClusterSnapshot snapshot) {
        for (DeviceType type : request.types()) {
            if (snapshot.quotas().guard(KubeObjects.namespace(pod), type).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@link #decide} takes the first candidate in order of preference ({@link #rankKey}) that fits, without
     * fitting the others: then a caller that keeps its nodes ranked between calls (a simulation) decides the same by
     * offering them one at a time in that order and stopping at the first that fits. Not so with
     * {@link SchedulerConfig.Evaluation#ALL_NODES}, nor for a type whose score depends on the chosen devices.
     */
    public static boolean takesFirstFit(PodRequest request, SchedulerConfig config) {
        return config.evaluation() == SchedulerConfig.Evaluation.BEST_FIRST
                && request.types().stream().noneMatch(NodeFitter::scoreDependsOnAllocation);
    }

    /**
     * The key by which {@link #decide} orders its candidates under node policy {@code policy}: ascending keys are the
     * order of preference, by the node's default score and then by {@code position}, the candidate's place in the list
     * (not negative).
     */
    public static long rankKey(NodeSchedulerPolicy policy, NodeSnapshot node, int position) {
        return NodeOrder.rankKey(policy, node.baseScore(), position);
    }

    /**
     * Fills {@code keys[0, count)} with the candidate positions packed as keys whose ascending order is the order of
     * preference by default score (position in the low half): sorted when every candidate is fitted, else a heap
     * ({@link NodeOrder#heapify}) that yields them in that order one at a time, since a first-fit decision usually
     * stops at the first or second and sorting 5,000 keys to take one was most of the ranking's cost
     * (docs/performance.md).
     */
    private static void rank(NodeSnapshot[] nodes, int count, PodOptions options, long[] keys, boolean sorted) {
        for (int i = 0; i < count; i++) {
            keys[i] = NodeOrder.rankKey(options.nodePolicy(), nodes[i].baseScore(), i);
        }
        if (sorted) {
            Arrays.sort(keys, 0, count);
        } else {
            NodeOrder.heapify(keys, count);
        }
    }

    /**
     * The arrays of one decision, kept from call to call by a caller that decides one pod after another: at 5,000
     * candidates, the registered candidates, their ranking and the fitting nodes' keys were about 100 KB per call
     * (docs/performance.md). Serves one decision at a time; the candidates' references are dropped after each, so a
     * kept workspace holds no snapshot alive. Arrays longer than {@link #KEPT} entries are not kept.
     */
    public static final class Workspace {

        /** The most entries an array kept between decisions may have (above any cluster's candidate count). */
        private static final int KEPT = 1 << 15;

        private NodeSnapshot[] nodes = new NodeSnapshot[0];
        private long[] ranked = new long[0];
        private long[] fitting = new long[0];

        NodeSnapshot[] nodes(int n) {
            if (nodes.length < n) {
                if (n > KEPT) {
                    return new NodeSnapshot[n];
                }
                nodes = new NodeSnapshot[n];
            }
            return nodes;
        }

        long[] ranked(int n) {
            if (ranked.length < n) {
                if (n > KEPT) {
                    return new long[n];
                }
                ranked = new long[n];
            }
            return ranked;
        }

        long[] fitting(int n) {
            if (fitting.length < n) {
                if (n > KEPT) {
                    return new long[n];
                }
                fitting = new long[n];
            }
            return fitting;
        }

        /** Drops the references of the first {@code n} candidates. */
        void release(int n) {
            Arrays.fill(nodes, 0, Math.min(n, nodes.length), null);
        }
    }
}
