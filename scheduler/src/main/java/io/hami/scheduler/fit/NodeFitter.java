package io.hami.scheduler.fit;

import io.hami.scheduler.inventory.DeviceSpec;
import io.hami.scheduler.request.ContainerRequest;
import io.hami.scheduler.request.ContainerRequests;
import io.hami.scheduler.request.PodRequest;
import io.hami.scheduler.score.UsageScore;
import io.hami.scheduler.snapshot.NodeSnapshot;
import io.hami.scheduler.vendor.DeviceType;
import java.util.List;

/**
 * Fits a whole pod onto one node (HAMi's {@code scoreNode} / {@code fitInDevices};
 * docs/scheduler.md, "Fitting and reasons"):
 * <ol>
 *   <li>each init container on a fresh copy of the node's usage (they run one after the other and never see each
 *       other);</li>
 *   <li>the app containers one after the other on one copy (each sees the devices the previous ones took);</li>
 *   <li>per container and requested type: the node must have enough devices of the type
 *       ({@code NodeInsufficientDevice}; not for a MIG request, which may take several instances of one GPU), devices are scored for the container, sorted by the GPU policy and fitted by
 *       {@link TypeFitter}; the picks are booked before the next type and container.</li>
 * </ol>
 * The first container that does not fit gives the node's reason. The score is the node's default score plus the
 * vendors' additions. One fitter serves one thread; it reuses its working memory from node to node.
 */
public final class NodeFitter {

    private final FitScope scope;
    private final Scratch scratch = new Scratch();
    private final Plan plan;
    private final List<DeviceType> types;

    /** A fitter for one pod. */
    public NodeFitter(FitScope scope, int typeCount) {
        this.scope = scope;
        PodRequest request = scope.request();
        this.plan = new Plan(typeCount, request.containers().size(), request.initCount());
        this.types = request.types();
    }

    /**
     * Whether a type's node score depends on the devices chosen (Ascend 910 networks, MetaX), so that nodes can only
     * be compared after fitting them all; for every other type the score is known before fitting.
     */
    public static boolean scoreDependsOnAllocation(DeviceType type) {
        return VendorFit.scoreDependsOnAllocation(type) || SchedulerOnlyFit.scoreDependsOnAllocation(type);
    }

    /** Fits the pod onto the node, with the chosen devices when it fits. */
    public NodeFit fit(NodeSnapshot node) {
        return fit(node, true);
    }

    /**
     * Fits the pod onto the node.
     *
     * @param withPicks whether to keep the chosen devices; without them the result only says whether and how well the
     *                  node fits, which is all that comparing nodes needs (fitting again gives the same picks)
     */
    public NodeFit fit(NodeSnapshot node, boolean withPicks) {
        PodRequest request = scope.request();
        List<ContainerRequests> containers = request.containers();
        plan.clear();
        for (int c = 0; c < request.initCount(); c++) {
            if (!containers.get(c).isEmpty()) {
                scratch.load(node);
                String reason = container(node, containers.get(c), c);
                if (reason != null) {
                    return NodeFit.failed(node, reason);
                }
            }
        }
        scratch.load(node);
        for (int c = request.initCount(); c < containers.size(); c++) {
            if (!containers.get(c).isEmpty()) {
                String reason = container(node, containers.get(c), c);
                if (reason != null) {
                    return NodeFit.failed(node, reason);
                }
            }
        }
        float added = 0f;
        for (DeviceType type : types) {
            added += VendorFit.nodeScore(type, node, scope.options(), plan);
            if (SchedulerOnlyFit.scoreDependsOnAllocation(type)) {
                added += SchedulerOnlyFit.nodeScore(type, node, plan.perContainer(type.ordinal()));
            }
        }
        return new NodeFit(node, true, node.baseScore() + added, "", withPicks ? plan.freeze() : List.of());
    }

    private String container(NodeSnapshot node, ContainerRequests container, int index) {
        List<ContainerRequest> requests = container.requests();
        // by index: every candidate node comes here, and C1 (the scheduler's compiler) allocates an iterator per loop
        for (int r = 0; r < requests.size(); r++) {
            ContainerRequest k = requests.get(r);
            DeviceType type = k.type();
            int n = node.copyDevicesOfType(type.ordinal(), scratch.order);
            if (n < k.count() && !migRequest(node, k, n)) {
                return FitReason.NODE_INSUFFICIENT_DEVICE;
            }
            if (type.kind() == DeviceType.Kind.ENFLAME_DRS) {
                k = SchedulerOnlyFit.resolveDrs(k, node);
                if (k == null) {
                    java.util.Arrays.fill(scratch.reasons, 0);
                    scratch.reasons[FitReason.MODE_NOT_FIT.ordinal()] = 1;
                    return scratch.reason(n);
                }
            }
            int[] order = scratch.order;
            float[] scores = scratch.scores;
            for (int i = 0; i < n; i++) {
                int p = order[i];
                scores[p] = UsageScore.device(node.device(p), scratch.used[p], scratch.usedMem[p], scratch.usedCores[p],
                        k, scope.options().weights());
            }
            sort(node, type, order, n);
            String reason = TopologySelect.applies(k) ? TopologySelect.fit(node, scope, k, index, plan, n, scratch)
                    : TypeFitter.fit(node, scope, k, index, plan, order, n, scratch);
            if (reason != null) {
                return reason;
            }
            scratch.chosen.replaceAll(Pick::booked);
            for (Pick p : scratch.chosen) {
                scratch.apply(p);
            }
            plan.add(type.ordinal(), index, scratch.chosen);
        }
        return null;
    }

    /**
     * Whether the request may take several MIG instances of fewer GPUs (HAMi's {@code isMIGRequest}): an NVIDIA
     * request of a pod whose {@code nvidia.com/vgpu-mode}, if any, admits {@code mig}, on a node with a MIG GPU among
     * the type's devices.
     */
    private boolean migRequest(NodeSnapshot node, ContainerRequest k, int n) {
        if (k.type().kind() != DeviceType.Kind.NVIDIA || !scope.options().vgpuMode().admits(DeviceSpec.MIG_MODE)) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (node.device(scratch.order[i]).isMig()) {
                return true;
            }
        }
        return false;
    }

    private void sort(NodeSnapshot node, DeviceType type, int[] order, int n) {
        scope.orderFor(type).sort(order, n, scratch.scores, node, scratch.used);
    }
}
