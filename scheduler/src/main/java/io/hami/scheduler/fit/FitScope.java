package io.hami.scheduler.fit;

import io.hami.scheduler.quota.QuotaGuard;
import io.hami.scheduler.request.PodOptions;
import io.hami.scheduler.request.PodRequest;
import io.hami.scheduler.vendor.DeviceType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What stays the same while one pod is fitted onto many nodes: its requests and options, the device orders of its
 * GPU policy, the quota limits of its namespace per requested type, and which device filters are active (so that the
 * common case, no filter, costs nothing per device). Immutable.
 */
public final class FitScope {

    private final PodRequest request;
    private final PodOptions options;
    private final List<QuotaGuard> guards;
    private final DeviceOrder order;
    private final DeviceOrder numaOrder;
    private final boolean[] uuidFiltered;
    private final boolean[] typeFiltered;
    private final boolean modeFiltered;

    private FitScope(PodRequest request, PodOptions options, List<QuotaGuard> guards) {
        this.request = Objects.requireNonNull(request, "request");
        this.options = Objects.requireNonNull(options, "options");
        this.guards = Collections.unmodifiableList(new ArrayList<>(guards));
        this.order = DeviceOrder.of(options.gpuPolicy(), false);
        this.numaOrder = DeviceOrder.of(options.gpuPolicy(), options.numaBind());
        int types = options.uuidFilters().size();
        this.uuidFiltered = new boolean[types];
        this.typeFiltered = new boolean[types];
        for (int t = 0; t < types; t++) {
            var u = options.uuidFilter(t);
            var m = options.typeFilter(t);
            uuidFiltered[t] = u.use().isPresent() || u.nouse().isPresent();
            typeFiltered[t] = m.use().isPresent() || m.nouse().isPresent();
        }
        this.modeFiltered = options.vgpuMode().allowed().isPresent();
    }

    /**
     * The scope of a pod.
     *
     * @param guards per device type ordinal, the namespace's quota limits, {@code null} where none applies
     */
    public static FitScope of(PodRequest request, PodOptions options, List<QuotaGuard> guards) {
        return new FitScope(request, options, guards);
    }

    /** The pod's requests. */
    public PodRequest request() {
        return request;
    }

    /** The pod's options. */
    public PodOptions options() {
        return options;
    }

    /** Whether the type's devices must share one NUMA node per container (NVIDIA honours numa-bind). */
    boolean numaBind(DeviceType type) {
        return numaBind(options, type);
    }

    static boolean numaBind(PodOptions options, DeviceType type) {
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

    boolean uuidFiltered(int ordinal) {
        return uuidFiltered[ordinal];
    }

    boolean typeFiltered(int ordinal) {
        return typeFiltered[ordinal];
    }

    boolean modeFiltered() {
        return modeFiltered;
    }
}
