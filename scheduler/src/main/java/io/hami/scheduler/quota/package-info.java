/**
 * Namespace device quotas as pure values (docs/scheduler.md, "Quotas"): which ResourceQuota keys count
 * ({@link io.hami.scheduler.quota.QuotaLimits}), the per-namespace state ({@link io.hami.scheduler.quota.QuotaBook})
 * and HAMi's {@code FitQuota} check for the filter and the webhook.
 */
package io.hami.scheduler.quota;
