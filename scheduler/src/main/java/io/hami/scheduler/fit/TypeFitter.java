package io.hami.scheduler.fit;

import io.hami.scheduler.inventory.DeviceSpec;
import io.hami.scheduler.quota.QuotaGuard;
import io.hami.scheduler.request.ContainerRequest;
import io.hami.scheduler.request.PodOptions;
import io.hami.scheduler.snapshot.NodeSnapshot;
import io.hami.scheduler.vendor.DeviceType;
import java.util.List;

/**
 * Fits one container's request for one device type onto a node's devices of that type (HAMi's {@code Fit};
 * docs/scheduler.md, "Fitting and reasons"). Devices are tried from the most preferred (the end of the sorted order) to
 * the least; per device the checks run in HAMi's order and the first that fails counts its reason and skips the device:
 * <ol>
 *   <li>unhealthy, or a MIG GPU whose bookkeeping failed closed ({@link NodeSnapshot#migFailed}): {@code CardNotHealth}
 *       (MetaX sGPU: {@code CardUnhealthy});</li>
 *   <li>listed in {@code hami.io/device-cordon}: {@code CardCordoned};</li>
 *   <li>type, model and mode filters ({@link VendorFit#admitsType}): {@code CardTypeMismatch};</li>
 *   <li>a vendor's refusal of a card in use ({@link VendorFit#refusal}; MetaX sGPU: {@code CardAppClassMismatch},
 *       {@code CardQosPolicyMismatch});</li>
 *   <li>numa-bind and another NUMA node than the previous device: the devices collected so far count
 *       {@code NumaNotFit} and collection restarts on this NUMA node (not a skip);</li>
 *   <li>use/nouse UUID lists: {@code CardUuidMismatch};</li>
 *   <li>no free slot: {@code CardTimeSlicingExhausted};</li>
 *   <li>{@code mutex} policy and the device in use: {@code ExclusiveDeviceAllocateConflict};</li>
 *   <li>(cores above 100 are read as 100 from here on, but for MetaX sGPU; memory is resolved against this device;
 *       MetaX {@code online} pods book no cores and skip the core checks below);</li>
 *   <li>the namespace quota with the pod's collapsed total so far plus this device: {@code ResourceQuotaNotFit};</li>
 *   <li>free memory: {@code CardInsufficientMemory}; free cores: {@code CardInsufficientCore} (in the device's own
 *       unit, {@link SchedulerOnlyFit#coresOn});</li>
 *   <li>an exclusive request (cores = 100 on a 100-core device) on a device in use:
 *       {@code ExclusiveDeviceAllocateConflict};</li>
 *   <li>a request without cores on a device whose cores are all taken: {@code CardComputeUnitsExhausted};</li>
 *   <li>a GPU in {@code mode: mig}: no profile with the memory and a free placement ({@link MigPlacer}, counting the
 *       container's earlier picks of the GPU): {@code CardMigTopologyInfeasible}; vendor rule
 *       ({@link VendorFit#admitsPick}): {@code CardNotFoundCustomFilterRule};</li>
 *   <li>pick (a MIG pick books its profile's memory and cores once the container's picks are final,
 *       {@link Pick#booked()}); stop when enough devices are picked, unless the type
 *       collects every candidate for a topology choice. A MIG GPU just picked is tried again at once, so that one
 *       container can take several instances of it (not when the type collects every candidate).</li>
 * </ol>
 * When too few devices were found, the collected ones count {@code AllocatedCardsInsufficientRequest}, and the result is
 * the {@code "n/total Reason"} text over the node's devices of the type.
 */
final class TypeFitter {

    private TypeFitter() {
    }

    /**
     * Fits; on success fills {@code scratch.chosen} and returns {@code null}, else returns the node's reason text.
     *
     * @param order positions of the type's devices, sorted by the GPU policy (most preferred last)
     */
    static String fit(NodeSnapshot node, FitScope scope, ContainerRequest k, int container, Plan plan, int[] order,
                      int n, Scratch s) {
        DeviceType type = k.type();
        PodOptions pod = scope.options();
        QuotaGuard guard = scope.guard(type);
        boolean numaBind = scope.numaBind(type);
        boolean mutex = pod.mutex();
        boolean dies = SchedulerOnlyFit.collectsAll(type, node);
        boolean collectAll = dies || VendorFit.collectsAll(type, pod, node);
        int[] reasons = s.reasons;
        java.util.Arrays.fill(reasons, 0);
        List<Pick> picks = s.picks;
        picks.clear();
        int remaining = k.count();
        boolean noCores = MetaxFit.booksNoCores(type, pod);
        int cores = noCores ? 0 : k.cores();
        int prevNuma = Integer.MIN_VALUE;
        for (int i = n - 1; i >= 0; i--) {
            int p = order[i];
            DeviceSpec d = node.device(p);
            if (!d.healthy() || node.migFailed(p)) {
                reasons[VendorFit.unhealthy(type).ordinal()]++;
                continue;
            }
            if (node.cordoned(p)) {
                reasons[FitReason.CARD_CORDONED.ordinal()]++;
                continue;
            }
            if (!VendorFit.admitsType(d, scope, node)) {
                reasons[FitReason.CARD_TYPE_MISMATCH.ordinal()]++;
                continue;
            }
            FitReason refused = VendorFit.refusal(node, d, p, s.used[p], k.cores(), pod, plan, type.ordinal(), container);
            if (refused != null) {
                reasons[refused.ordinal()]++;
                continue;
            }
            if (numaBind && d.numa() != prevNuma) {
                reasons[FitReason.NUMA_NOT_FIT.ordinal()] += picks.size();
                picks.clear();
                remaining = k.count();
                prevNuma = d.numa();
            }
            if (scope.uuidFiltered(type.ordinal()) && !pod.uuidFilter(type.ordinal()).admits(d.id())) {
                reasons[FitReason.CARD_UUID_MISMATCH.ordinal()]++;
                continue;
            }
            int used = s.used[p];
            if (d.count() <= used) {
                reasons[SchedulerOnlyFit.exclusive(type) ? FitReason.EXCLUSIVE_DEVICE_ALLOCATE_CONFLICT.ordinal()
                        : FitReason.CARD_TIME_SLICING_EXHAUSTED.ordinal()]++;
                continue;
            }
            if (mutex && used > 0) {
                reasons[FitReason.EXCLUSIVE_DEVICE_ALLOCATE_CONFLICT.ordinal()]++;
                continue;
            }
            if (cores > 100 && VendorFit.capsCores(type)) {
                cores = 100;
            }
            int mem = k.memoryOn(d.totalMem());
            if (guard != null && !QuotaTotals.fits(guard, plan, type.ordinal(), container, picks, p, mem, cores)) {
                reasons[FitReason.RESOURCE_QUOTA_NOT_FIT.ordinal()]++;
                continue;
            }
            if ((long) d.totalMem() - s.usedMem[p] < mem) {
                reasons[FitReason.CARD_INSUFFICIENT_MEMORY.ordinal()]++;
                continue;
            }
            int totalCores = VendorFit.totalCores(d, pod);
            int want = SchedulerOnlyFit.coresOn(d, cores);
            if (SchedulerOnlyFit.freeCores(d, totalCores, s.usedCores[p]) < want) {
                reasons[FitReason.CARD_INSUFFICIENT_CORE.ordinal()]++;
                continue;
            }
            if (totalCores == 100 && cores == 100 && used > 0) {
                reasons[FitReason.EXCLUSIVE_DEVICE_ALLOCATE_CONFLICT.ordinal()]++;
                continue;
            }
            if (totalCores != 0 && s.usedCores[p] == totalCores && cores == 0 && !noCores) {
                reasons[FitReason.CARD_COMPUTE_UNITS_EXHAUSTED.ordinal()]++;
                continue;
            }
            MigChoice mig = null;
            if (d.isMig()) {
                mig = MigPlacer.choose(d.migProfiles(), s.migTaken(p, picks), mem);
                if (mig == null) {
                    reasons[FitReason.CARD_MIG_TOPOLOGY_INFEASIBLE.ordinal()]++;
                    continue;
                }
            }
            if (!VendorFit.admitsPick(node, d, p, used, cores, pod, plan, type.ordinal(), container)) {
                reasons[FitReason.CARD_NOT_FOUND_CUSTOM_FILTER_RULE.ordinal()]++;
                continue;
            }
            picks.add(mig != null ? new Pick(p, mem, cores, mig)
                    : new Pick(p, mem, SchedulerOnlyFit.bookedCores(d, want, s.usedCores[p])));
            if (!collectAll && --remaining == 0) {
                s.chosen.clear();
                s.chosen.addAll(picks);
                return null;
            }
            if (mig != null && !collectAll) {
                i++;
            }
        }
        if (collectAll && picks.size() >= k.count()) {
            s.chosen.clear();
            if (dies ? SchedulerOnlyFit.choose(node, picks, k.count(), s.chosen)
                    : VendorFit.choose(type, node, picks, k, pod, s.chosen)) {
                return null;
            }
        }
        if (!picks.isEmpty()) {
            reasons[FitReason.ALLOCATED_CARDS_INSUFFICIENT_REQUEST.ordinal()] = picks.size();
        }
        return s.reason(n);
    }
}
