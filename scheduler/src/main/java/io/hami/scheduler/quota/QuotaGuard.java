package io.hami.scheduler.quota;

import io.hami.scheduler.vendor.DeviceType;

/**
 * The limits one namespace has for one device type, with what its other pods hold, for the per-device quota check of
 * the fitter (check 8 of docs/scheduler.md, "Fitting and reasons") and the webhook.
 *
 * @param type      the device type
 * @param memUsed   MiB the namespace's other pods hold
 * @param memLimit  the memory limit in MiB ({@link Long#MAX_VALUE} when none is set)
 * @param coresUsed cores the namespace's other pods hold
 * @param coreLimit the core limit ({@link Long#MAX_VALUE} when none is set)
 */
public record QuotaGuard(DeviceType type, long memUsed, long memLimit, long coresUsed, long coreLimit) {

    /**
     * Whether {@code memory} MiB and {@code cores} cores more stay within the limits: HAMi's
     * {@code Used + request > Limit} refusal, so a namespace already over its limit is refused even a zero request.
     */
    public boolean fits(long memory, long cores) {
        return within(memUsed, memory, memLimit) && within(coresUsed, cores, coreLimit);
    }

    private static boolean within(long used, long request, long limit) {
        if (limit == Long.MAX_VALUE) {
            return true;
        }
        long total = used + request;
        boolean overflow = ((used ^ total) & (request ^ total)) < 0;
        return !overflow && total <= limit;
    }
}
