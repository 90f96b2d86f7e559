package io.hami.scheduler.quota;

/**
 * One namespace's quota state for one resource (docs/scheduler.md, "Quotas").
 *
 * @param used     what the namespace's scheduled pods hold, in MiB or cores
 * @param limit    the {@code limits.<resource>} value, in the resource's own unit
 * @param limitSet whether a ResourceQuota sets it; without one the resource is unlimited (an explicit 0 blocks)
 */
public record QuotaEntry(long used, long limit, boolean limitSet) {

    /** No limit, nothing used. */
    public static final QuotaEntry NONE = new QuotaEntry(0, 0, false);
}
