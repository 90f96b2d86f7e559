package io.hami.scheduler.fit;

import io.hami.scheduler.inventory.DeviceSpec;
import io.hami.scheduler.request.ContainerRequest;
import io.hami.scheduler.request.ContainerRequests;
import io.hami.scheduler.request.PodOptions;
import io.hami.scheduler.request.PodRequest;
import io.hami.scheduler.snapshot.NodeSnapshot;
import io.hami.scheduler.vendor.DeviceType;
import java.util.function.Predicate;

/**
 * Whether a node that refused a pod can take it now that some of its devices were freed, answered without fitting
 * (docs/simulate.md, "How a trace is replayed"). For a pod with one request of one type that {@link TypeFitter} fits
 * greedily, device by device (NVIDIA without numa-bind, topology awareness or a namespace quota), the node fits when
 * enough of its devices pass their own checks, and each check only gets harder as a device's usage grows. So after a
 * refusal, a node whose only lighter devices are the freed ones (pods may have been placed on it since) fits again only
 * if a freed device passes those of the checks that read its usage: a free slot, the request's memory and cores free,
 * and no exclusive use in the way. Any other pod gets {@code true}: it must be fitted.
 */
public final class Refit {

    private Refit() {
    }

    /**
     * Whether the pod may fit {@code node}, given that the node refused it and since then only the devices at the
     * positions {@code freed} got lighter.
     *
     * @param quotaLimited whether a namespace quota limits one of the requested types (a departure frees quota on
     *                     every node, so such a pod must be fitted)
     * @return {@code false} only when fitting would refuse the pod
     */
    public static boolean mayFitAfterFreeing(PodRequest request, PodOptions options, boolean quotaLimited,
                                             NodeSnapshot node, int[] freed) {
        ContainerRequest k = quotaLimited ? null : soleRequest(request, options);
        if (k == null) {
            return true;
        }
        for (int p : freed) {
            if (node.device(p).type() == k.type() && mayHold(node, p, k, options)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the pod may fit {@code node}: for a pod fitted device by device, whether enough devices of its type pass
     * the checks that read their usage (a node with a MIG GPU of the type may always fit: one container can take
     * several instances of one GPU).
     *
     * @param quotaLimited whether a namespace quota limits one of the requested types
     * @return {@code false} only when fitting would refuse the pod
     */
    public static boolean mayFit(PodRequest request, PodOptions options, boolean quotaLimited, NodeSnapshot node) {
        ContainerRequest k = quotaLimited ? null : soleRequest(request, options);
        return k == null || mayFit(k, options, node);
    }

    /**
     * {@link #mayFit(PodRequest, PodOptions, boolean, NodeSnapshot)} for many nodes: the request is read once, and
     * {@code null} when every node may fit (the pod is not fitted device by device).
     */
    public static Predicate<NodeSnapshot> mayFitCheck(PodRequest request, PodOptions options, boolean quotaLimited) {
        ContainerRequest k = quotaLimited ? null : soleRequest(request, options);
        return k == null ? null : node -> mayFit(k, options, node);
    }

    private static boolean mayFit(ContainerRequest k, PodOptions options, NodeSnapshot node) {
        int holding = 0;
        for (int p = 0; p < node.deviceCount() && holding < k.count(); p++) {
            if (node.device(p).type() != k.type()) {
                continue;
            }
            if (node.device(p).isMig()) {
                return true; // one container may take several instances of a MIG GPU: counting GPUs says nothing
            }
            if (mayHold(node, p, k, options)) {
                holding++;
            }
        }
        return holding >= k.count();
    }

    /**
     * Whether device {@code p} passes {@link TypeFitter}'s checks of its own usage (slots, mutex, memory, cores,
     * exclusive use) for one unit of {@code k}; each only gets harder as the device's usage grows.
     */
    private static boolean mayHold(NodeSnapshot node, int p, ContainerRequest k, PodOptions options) {
        DeviceSpec d = node.device(p);
        int used = node.used(p);
        if (d.count() <= used || options.mutex() && used > 0) {
            return false;
        }
        if ((long) d.totalMem() - node.usedMem(p) < k.memoryOn(d.totalMem())) {
            return false;
        }
        int cores = Math.min(k.cores(), 100);
        int totalCores = VendorFit.totalCores(d, options);
        if (SchedulerOnlyFit.freeCores(d, totalCores, node.usedCores(p)) < SchedulerOnlyFit.coresOn(d, cores)) {
            return false;
        }
        if (totalCores == 100 && cores == 100 && used > 0) {
            return false;
        }
        return totalCores == 0 || node.usedCores(p) != totalCores || cores != 0;
    }

    /** The pod's one request when it is fitted device by device, else {@code null}. */
    private static ContainerRequest soleRequest(PodRequest request, PodOptions options) {
        ContainerRequest sole = null;
        for (ContainerRequests container : request.containers()) {
            for (ContainerRequest k : container.requests()) {
                if (sole != null) {
                    return null;
                }
                sole = k;
            }
        }
        if (sole == null) {
            return null;
        }
        DeviceType type = sole.type();
        boolean greedy = type.kind() == DeviceType.Kind.NVIDIA && !options.topologyAware()
                && !FitScope.numaBind(options, type) && !TopologySelect.applies(sole);
        return greedy ? sole : null;
    }
}
