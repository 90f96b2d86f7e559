package io.hami.scheduler.quota;

import io.hami.scheduler.request.ContainerRequest;
import io.hami.scheduler.request.ContainerRequests;
import io.hami.scheduler.request.PodRequest;
import io.hami.scheduler.vendor.DeviceType;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The device quotas of every namespace: limits from ResourceQuotas and usage from scheduled pods
 * (docs/scheduler.md, "Quotas"), as one immutable value. Only memory and core resources of the configured device types
 * are tracked.
 *
 * @param entries namespace to resource name (e.g. {@code nvidia.com/gpumem}) to state
 */
public record QuotaBook(Map<String, Map<String, QuotaEntry>> entries) {

    /** No quotas. */
    public static final QuotaBook EMPTY = new QuotaBook(Map.of());

    public QuotaBook {
        entries = entries.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                e -> Map.copyOf(e.getValue())));
    }

    /** The state of one resource in one namespace. */
    public QuotaEntry entry(String namespace, String resource) {
        var ns = entries.get(namespace);
        if (ns == null) {
            return QuotaEntry.NONE;
        }
        return ns.getOrDefault(resource, QuotaEntry.NONE);
    }

    /**
     * HAMi's {@code FitQuota} (docs/scheduler.md, "Quotas"): whether a namespace may take {@code memory} more MiB and
     * {@code cores} more cores of a type. Memory limits count the type's unit ({@code memoryFactor}, 256 MiB, …), so
     * the limit is scaled to MiB before comparing.
     */
    public boolean fits(String namespace, DeviceType type, long memory, long cores) {
        return guard(namespace, type).map(g -> g.fits(memory, cores)).orElse(true);
    }

    /** The limits that apply to a namespace and type, or empty when none does. */
    public Optional<QuotaGuard> guard(String namespace, DeviceType type) {
        var names = type.descriptor().resources();
        QuotaEntry mem = names.memory().map(n -> entry(namespace, n)).orElse(QuotaEntry.NONE);
        QuotaEntry cores = names.cores().map(n -> entry(namespace, n)).orElse(QuotaEntry.NONE);
        if (!mem.limitSet() && !cores.limitSet()) {
            return Optional.empty();
        }
        long factor = Math.max(type.descriptor().memoryUnit().mib(), 1);
        long memLimit = mem.limitSet() ? saturatedMultiply(mem.limit(), factor) : Long.MAX_VALUE;
        long coreLimit = cores.limitSet() ? cores.limit() : Long.MAX_VALUE;
        return Optional.of(new QuotaGuard(type, mem.used(), memLimit, cores.used(), coreLimit));
    }

    /**
     * The webhook's quota check (docs/scheduler.md, "Quotas"): per type, the app containers' total (memory × count,
     * cores × count) against the largest init container's, the larger of the two per dimension must fit.
     *
     * @return the first type that does not fit, or empty when the pod fits
     */
    public Optional<DeviceType> admissionExceeds(String namespace, PodRequest pod) {
        for (DeviceType type : pod.types()) {
            long appMem = 0;
            long appCores = 0;
            long initMem = 0;
            long initCores = 0;
            for (ContainerRequests c : pod.containers()) {
                ContainerRequest r = c.forType(type.ordinal());
                if (r == null) {
                    continue;
                }
                long mem = (long) r.memory() * r.count();
                long cores = (long) r.cores() * r.count();
                if (c.init()) {
                    initMem = Math.max(initMem, mem);
                    initCores = Math.max(initCores, cores);
                } else {
                    appMem += mem;
                    appCores += cores;
                }
            }
            long mem = Math.max(appMem, initMem);
            long cores = Math.max(appCores, initCores);
            if ((mem != 0 || cores != 0) && !fits(namespace, type, mem, cores)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    private static long saturatedMultiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        if ((high == 0 && low >= 0) || (high == -1 && low < 0)) {
            return low;
        }
        return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
}
