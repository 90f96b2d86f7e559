package io.hami.scheduler.extender;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.hami.scheduler.SchedulerConfig;
import io.hami.scheduler.apiserver.ApiException;
import io.hami.scheduler.apiserver.ClusterWrites;
import io.hami.scheduler.bind.Binder;
import io.hami.scheduler.bind.FilteredPods;
import io.hami.scheduler.bind.PodPatches;
import io.hami.model.annotation.GoDuration;
import io.hami.scheduler.events.EventSink;
import io.hami.scheduler.filter.Filter;
import io.hami.scheduler.filter.FilterResult;
import io.hami.scheduler.filter.TypeAllocation;
import io.hami.scheduler.kube.KubeObjects;
import io.hami.scheduler.metrics.SchedulerMetrics;
import io.hami.scheduler.snapshot.ClusterSnapshot;
import io.hami.scheduler.state.ClusterState;
import io.hami.scheduler.state.KubeCache;
import io.hami.scheduler.state.Reservation;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code POST /filter} (docs/scheduler.md, "The filter"): the core's {@link Filter#decide} on the latest snapshot, then
 * the reservation and the pod patch.
 *
 * <p>Decisions are serialized by one lock that is held from reading the snapshot until the state has published a
 * snapshot counting the reservation, so the next decision always sees the previous one: two concurrent filters can
 * never pick the same free capacity. Fitting 5,000 nodes takes well under a millisecond, and kube-scheduler calls the
 * filter one pod at a time anyway. The lock also guards the arrays the decisions reuse from call to call (the
 * candidates' de-duplication, the ranking). The pod patch happens outside the lock; if it fails the reservation is
 * released.
 * A reservation the state cannot count (its snapshot could not be built) is released too and answered as the
 * {@code Error}, as soon as the state reports it: the pod is never patched with devices nobody counts.
 *
 * <p>A pod already bound to a node ({@code spec.nodeName} in the request, or in the informer's copy) is refused: the
 * filter never rewrites the allocation of a pod that runs (docs/security.md, "What /filter and /bind accept"). A pod
 * let through without devices is remembered for {@code /bind} ({@link FilteredPods}).
 *
 * <p>For a pod placed on a node whose plugins bind without the node lock for every type the decision allocates, the
 * answer does not wait for the pod patch (docs/scheduler.md, "The filter's patch after the answer"): the patch is
 * handed to {@link PodPatches} once the reservation is counted, and the pod's bind waits for it. A failed patch
 * releases the reservation, and the bind then fails naming it. Every other node gets the patch before the answer, as
 * HAMi's scheduler writes it.
 */
public final class FilterService {

    private static final Duration PUBLISH_WAIT = Duration.ofSeconds(10);

    private final ClusterState state;
    private final KubeCache cache;
    private final FilteredPods filtered;
    private final PodPatches patches;
    private final SchedulerConfig config;
    private final ClusterWrites writes;
    private final EventSink events;
    private final SchedulerMetrics metrics;
    private final Clock clock;
    private final Duration syncWait;
    private final ReentrantLock decisions = new ReentrantLock();
    /** The decision's arrays and the candidates' de-duplication table, kept between calls; used under the lock. */
    private final Filter.Workspace workspace = new Filter.Workspace();
    private final CandidateNames distinct = new CandidateNames();

    /**
     * @param cache    the informers' pods, to tell a pod already bound
     * @param filtered where pods let through without devices are remembered for the bind
     * @param patches  where the pod patches written after the answer run, for the bind to wait for
     */
    public FilterService(ClusterState state, KubeCache cache, FilteredPods filtered, PodPatches patches,
                         SchedulerConfig config, ClusterWrites writes, EventSink events, SchedulerMetrics metrics,
                         Clock clock, Duration syncWait) {
        this.state = state;
        this.cache = cache;
        this.filtered = filtered;
        this.patches = patches;
        this.config = config;
        this.writes = writes;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
        this.syncWait = syncWait;
    }

    /** The latest snapshot of the cluster, whose node names the reader of a call's candidates reuses. */
    public ClusterSnapshot latest() {
        return state.snapshot();
    }

    /** Answers one filter call; never throws for bad input or API failures (they become {@code Error}). */
    public ExtenderJson.FilterReply filter(ExtenderJson.FilterArgs args) throws InterruptedException {
        long start = System.nanoTime();
        if (args.pod().isEmpty()) {
            return done(start, "error", List.of("Error"), ExtenderJson.FilterReply.error("extender args missing pod"));
        }
        Pod pod = args.pod().get();
        if (args.nodes().isPresent()) {
            return simulate(start, pod, args.nodes().get());
        }
        Optional<String> bound = boundTo(pod);
        if (bound.isPresent()) {
            return done(start, "error", List.of("Error"), ExtenderJson.FilterReply.error("pod "
                    + KubeObjects.namespace(pod) + "/" + KubeObjects.name(pod) + " is already bound to node "
                    + bound.get() + ": the filter never changes the devices of a placed pod"));
        }
        if (!state.awaitSynced(syncWait)) {
            return done(start, "error", List.of("Error"),
                    ExtenderJson.FilterReply.error("context cancelled: the cluster state has not synced yet"));
        }
        if (!patches.settle(KubeObjects.uid(pod))) {
            return done(start, "error", List.of("Error"), ExtenderJson.FilterReply.error("pod "
                    + KubeObjects.namespace(pod) + "/" + KubeObjects.name(pod) + ": the previous filter's patch of "
                    + "the pod has not finished within " + GoDuration.format(patches.waitLimit())));
        }
        List<String> candidates;
        FilterResult result;
        Map<String, String> annotations = Map.of();
        Optional<String> unpublished = Optional.empty();
        decisions.lockInterruptibly();
        try {
            List<String> names = args.nodeNames().orElse(List.of());
            candidates = distinct.distinctNames(names);
            if (names instanceof NameList read && read.slotted() != null && candidates.size() == read.size()) {
                // read with their slots and without repeats: the decision takes each node by its slot
                result = Filter.decide(pod, candidates, read.slots(), read.slotted(), state.snapshot(), config,
                        workspace);
            } else {
                result = Filter.decide(pod, candidates, state.snapshot(), config, workspace);
            }
            if (result.kind() == FilterResult.Kind.SCHEDULED) {
                annotations = result.annotations(clock.instant());
                unpublished = await(state.reserve(new Reservation(result.reservation().orElseThrow(),
                        confirming(annotations))));
            }
            if (unpublished.isPresent() || result.kind() == FilterResult.Kind.UNSCHEDULABLE
                    || result.kind() == FilterResult.Kind.ERROR) {
                state.release(pod, Allocation.of(pod, config.types()));
            }
        } finally {
            decisions.unlock();
        }
        if (unpublished.isPresent()) {
            return done(start, "error", List.of("Error"), ExtenderJson.FilterReply.error(unpublished.get()));
        }
        return switch (result.kind()) {
            case PASS_THROUGH -> {
                filtered.passed(KubeObjects.uid(pod));
                yield done(start, "pass_through", List.of(), ExtenderJson.FilterReply.names(candidates));
            }
            case ERROR -> done(start, "error", List.of("Error"), ExtenderJson.FilterReply.error(result.error()));
            case UNSCHEDULABLE -> unschedulable(start, pod, candidates, result);
            case SCHEDULED -> scheduled(start, pod, result, annotations);
        };
    }

    /** The node the pod is bound to, by the request or by the informer's copy of the pod of that name. */
    private Optional<String> boundTo(Pod pod) {
        String named = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        if (named != null && !named.isEmpty()) {
            return Optional.of(named);
        }
        return cache.pod(KubeObjects.namespace(pod), KubeObjects.name(pod))
                .map(p -> p.getSpec() == null ? null : p.getSpec().getNodeName())
                .filter(n -> !n.isEmpty());
    }

    private ExtenderJson.FilterReply scheduled(long start, Pod pod, FilterResult result,
                                               Map<String, String> annotations) {
        String node = result.node().orElseThrow();
        if (locklessEverywhere(node, result)) {
            patches.start(KubeObjects.uid(pod), () -> writes.patchPod(KubeObjects.namespace(pod),
                    KubeObjects.name(pod), annotations, result.labels()),
                    e -> state.release(pod, Allocation.of(pod, config.types())));
        } else {
            try {
                writes.patchPod(KubeObjects.namespace(pod), KubeObjects.name(pod), annotations, result.labels());
            } catch (ApiException e) {
                state.release(pod, Allocation.of(pod, config.types()));
                return done(start, "error", List.of("Error"), ExtenderJson.FilterReply.error(e.getMessage()));
            }
        }
        var fit = new ArrayList<String>();
        for (FilterResult.ScoredNode s : result.fittingNodes()) {
            fit.add(s.node() + ":" + String.format("%.2f", s.score()));
        }
        events.record(pod, false, "FilteringSucceed", "find fit node(" + node + "), " + result.failedNodes().size()
                + " nodes not fit, " + fit.size() + " nodes fit(" + String.join(",", fit) + ")");
        return done(start, "scheduled", List.of(), ExtenderJson.FilterReply.names(List.of(node)));
    }

    private ExtenderJson.FilterReply unschedulable(long start, Pod pod, List<String> candidates, FilterResult result) {
        var groups = FailureGroups.of(result.failedNodes());
        groups.forEach((reason, nodes) -> events.record(pod, true, "FilteringFailed",
                nodes.size() + " nodes " + reason + "(" + String.join(",", nodes) + ")"));
        events.record(pod, true, "FilteringFailed", "no available node, " + candidates.size()
                + " nodes do not meet");
        return done(start, "unschedulable", groups.keySet(), ExtenderJson.FilterReply.failed(result.failedNodes()));
    }

    /**
     * Whether the node's plugins of every type the decision allocates bind without the node lock: only then does the
     * answer go before the patch. A node of HAMi's own plugins never announces it.
     */
    private boolean locklessEverywhere(String node, FilterResult result) {
        Optional<Node> n = cache.node(node);
        if (n.isEmpty() || result.allocations().isEmpty()) {
            return false;
        }
        for (TypeAllocation a : result.allocations()) {
            if (!Binder.locklessBinds(n.get(), a.type())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Cluster Autoscaler's template nodes (docs/scheduler.md, "Extender endpoints and JSON"): no usage, no reservation,
     * no patch, no event.
     */
    private ExtenderJson.FilterReply simulate(long start, Pod pod, List<Node> nodes) {
        var builder = ClusterSnapshot.builder(config.types());
        var names = new ArrayList<String>();
        for (Node n : nodes) {
            builder.putNode(n);
            names.add(KubeObjects.name(n));
        }
        FilterResult result = Filter.decide(pod, CandidateNames.distinct(names), builder.build(), config);
        return switch (result.kind()) {
            case PASS_THROUGH -> done(start, "pass_through", List.of(),
                    new ExtenderJson.FilterReply(Optional.of(nodes), Optional.empty(), Optional.empty(), ""));
            case ERROR -> done(start, "error", List.of("Error"), ExtenderJson.FilterReply.error(result.error()));
            case UNSCHEDULABLE -> done(start, "unschedulable", FailureGroups.of(result.failedNodes()).keySet(),
                    ExtenderJson.FilterReply.failed(result.failedNodes()));
            case SCHEDULED -> {
                String best = result.node().orElseThrow();
                Node chosen = nodes.stream().filter(n -> KubeObjects.name(n).equals(best)).findFirst().orElseThrow();
                yield done(start, "scheduled", List.of(), new ExtenderJson.FilterReply(Optional.of(List.of(chosen)),
                        Optional.empty(), Optional.of(result.failedNodes()), ""));
            }
        };
    }

    private ExtenderJson.FilterReply done(long start, String outcome, java.util.Collection<String> reasons,
                                          ExtenderJson.FilterReply reply) {
        metrics.filtered(Duration.ofNanos(System.nanoTime() - start), outcome, reasons);
        return reply;
    }

    /** The annotations whose arrival through the informer confirms a reservation (not to-allocate: the plugin edits it). */
    private Map<String, String> confirming(Map<String, String> annotations) {
        var keys = Allocation.keys(config.types());
        var result = new java.util.HashMap<String, String>();
        annotations.forEach((k, v) -> {
            if (keys.contains(k)) {
                result.put(k, v);
            }
        });
        return result;
    }

    /**
     * Waits until the state has published the snapshot that counts the reservation; empty then, else why the
     * reservation is not counted (the state could not build that snapshot, or did not answer in time).
     */
    private static Optional<String> await(CompletableFuture<Void> published) throws InterruptedException {
        try {
            published.get(PUBLISH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.empty();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String why = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
            return Optional.of("the cluster state could not count the reservation: " + why);
        } catch (TimeoutException e) {
            return Optional.of("the cluster state did not count the reservation within "
                    + GoDuration.format(PUBLISH_WAIT));
        }
    }
}
