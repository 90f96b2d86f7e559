package io.hami.scheduler.metrics;

import io.hami.scheduler.snapshot.ClusterSnapshot;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The scheduler's Prometheus metrics in one registry of its own: HAMi's gauges from the cluster snapshot
 * ({@code hami_gpu_*}, {@code hami_node_gpu_*}, {@code hami_resource_quota_*}, {@code hami_vgpu_*}),
 * {@code hami_build_info}, and this implementation's own: {@code hami_scheduler_filter_duration_seconds} (per
 * outcome), {@code hami_scheduler_filter_failures_total} (per failure reason word, once per failed call),
 * {@code hami_scheduler_bind_duration_seconds} (per result) and {@code hami_scheduler_node_lock_wait_seconds} (binds
 * that waited for a node lock, per outcome).
 */
public final class SchedulerMetrics {

    private static final double[] BUCKETS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
        0.25, 0.5, 1, 2.5, 5, 10, 30};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Histogram filterDuration;
    private final Counter filterFailures;
    private final Histogram bindDuration;
    private final Histogram lockWait;

    /**
     * @param snapshots the latest cluster snapshot, read at scrape time
     * @param legacy    also emit the pre-2.8 names
     * @param buildInfo the labels of {@code hami_build_info}
     */
    public SchedulerMetrics(Supplier<ClusterSnapshot> snapshots, boolean legacy, Map<String, String> buildInfo) {
        registry.register(new ClusterCollector(snapshots, legacy));
        registry.register(buildInfo(buildInfo));
        filterDuration = Histogram.builder().name("hami_scheduler_filter_duration_seconds")
                .help("Time to answer one /filter call, by outcome").labelNames("outcome").classicOnly()
                .classicUpperBounds(BUCKETS).register(registry);
        filterFailures = Counter.builder().name("hami_scheduler_filter_failures_total")
                .help("Filter calls that placed no pod, by failure reason (once per reason and call)")
                .labelNames("reason").register(registry);
        bindDuration = Histogram.builder().name("hami_scheduler_bind_duration_seconds")
                .help("Time to answer one /bind call, by result").labelNames("result").classicOnly()
                .classicUpperBounds(BUCKETS).register(registry);
        lockWait = Histogram.builder().name("hami_scheduler_node_lock_wait_seconds")
                .help("Time a /bind waited for a node lock another pod held, by outcome").labelNames("outcome")
                .classicOnly().classicUpperBounds(BUCKETS).register(registry);
    }

    /** The registry, which the metrics listener serves. */
    public PrometheusRegistry registry() {
        return registry;
    }

    /**
     * Records one filter call.
     *
     * @param outcome {@code scheduled}, {@code unschedulable}, {@code pass_through} or {@code error}
     * @param reasons the failure reason words of an unschedulable or failed call
     */
    public void filtered(Duration elapsed, String outcome, Collection<String> reasons) {
        filterDuration.labelValues(outcome).observe(elapsed.toNanos() / 1e9);
        for (String r : reasons) {
            filterFailures.labelValues(r).inc();
        }
    }

    /** Records one bind call. */
    public void bound(Duration elapsed, boolean success) {
        bindDuration.labelValues(success ? "success" : "failure").observe(elapsed.toNanos() / 1e9);
    }

    /**
     * Records one bind that waited for a node lock.
     *
     * @param outcome {@code acquired}, {@code timeout}, {@code cancelled} (pod or node deleted) or {@code error}
     */
    public void lockWaited(Duration elapsed, String outcome) {
        lockWait.labelValues(outcome).observe(elapsed.toNanos() / 1e9);
    }

    private static MultiCollector buildInfo(Map<String, String> labels) {
        var sorted = new TreeMap<>(labels);
        var info = InfoSnapshot.builder().name("hami_build").help("Build information of the scheduler")
                .dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder()
                        .labels(Labels.of(sorted.keySet().toArray(String[]::new),
                                sorted.values().toArray(String[]::new))).build())
                .build();
        return () -> new MetricSnapshots(info);
    }
}
