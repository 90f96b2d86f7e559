package io.hami.scheduler.fit;

import io.hami.scheduler.policy.DeviceOrder;
import io.hami.scheduler.quota.QuotaGuard;
import io.hami.scheduler.request.PodOptions;
import io.hami.scheduler.request.PodRequest;
import io.hami.scheduler.vendor.DeviceType;
import java.util.List;
import java.util.Objects;

/**
 * What stays the same while one pod is fitted onto many nodes: its requests and options, the device orders of its
 * GPU policy, and the quota limits of its namespace per requested type.
 *
 * @param request     the pod's requests
 * @param options     the pod's options
 * @param guards      per device type ordinal, the namespace's limits, or {@code null} where none applies
 * @param order       the device order of the GPU policy without numa-bind
 * @param numaOrder   the device order with the pod's numa-bind (NVIDIA honours numa-bind)
 */
public record FitScope(PodRequest request, PodOptions options, List<QuotaGuard> guards, DeviceOrder order,
                       DeviceOrder numaOrder) {

    public FitScope {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(options, "options");
        guards = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(guards));
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(numaOrder, "numaOrder");
    }

    /** The scope of a pod with these guards (by type ordinal, {@code null} for none). */
    public static FitScope of(PodRequest request, PodOptions options, List<QuotaGuard> guards) {
        return new FitScope(request, options, guards, DeviceOrder.of(options.gpuPolicy(), false),
                DeviceOrder.of(options.gpuPolicy(), options.numaBind()));
    }

    /** Whether the type's devices must share one NUMA node per container. */
    boolean numaBind(DeviceType type) {
        return options.numaBind() && type.kind() == DeviceType.Kind.NVIDIA;
    }

    /** The device order for a type. */
    DeviceOrder orderFor(DeviceType type) {
        return numaBind(type) ? numaOrder : order;
    }

    /** The quota guard of a type, or {@code null}. */
    QuotaGuard guard(DeviceType type) {
        return type.ordinal() < guards.size() ? guards.get(type.ordinal()) : null;
    }
}
