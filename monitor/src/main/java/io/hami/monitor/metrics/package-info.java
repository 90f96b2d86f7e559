/**
 * {@code /metrics}: one {@link io.hami.monitor.metrics.MonitorCollector} that reads the vendor's library (NVML
 * for NVIDIA) and the open regions at scrape time and exports HAMi's metric families
 * ({@link io.hami.monitor.metrics.Family}), optionally their legacy names, {@code hami_build_info} and
 * {@code hami_monitor_collect_errors_total}.
 */
package io.hami.monitor.metrics;
