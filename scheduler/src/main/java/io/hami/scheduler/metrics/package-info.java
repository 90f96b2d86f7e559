/** Prometheus metrics of the scheduler with HAMi's names and labels ({@link io.hami.scheduler.metrics.SchedulerMetrics}). */
package io.hami.scheduler.metrics;
