package io.hami.monitor;

import io.hami.monitor.config.MonitorConfig;
import io.hami.monitor.feedback.FeedbackLoop;
import io.hami.monitor.metrics.BuildInfo;
import io.hami.monitor.metrics.CollectErrors;
import io.hami.monitor.metrics.HostGpus;
import io.hami.monitor.metrics.MonitorCollector;
import io.hami.monitor.pods.PodSource;
import io.hami.monitor.regions.RegionRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor without threads: its parts wired together, one {@link #runPass() pass} (discovery, then
 * feedback) on demand, and the Prometheus registry whose collector reads everything at scrape time. Its
 * pods, host library and clock are injected, so tests drive it pass by pass; {@link MonitorDaemon} runs it.
 */
public final class Monitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Monitor.class);

    private final PodSource pods;
    private final HostGpus host;
    private final RegionRegistry regions;
    private final FeedbackLoop feedback;
    private final CollectErrors errors;
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final MonitorCollector collector;
    private final InstantSource clock;
    private final Duration stallAfter;
    private final Instant started;
    private volatile Instant lastGoodPass;

    /** Wires a monitor; it owns {@code pods} and {@code host} from now on and closes them. */
    public Monitor(MonitorConfig config, PodSource pods, HostGpus host, InstantSource clock, BuildInfo build) {
        this.pods = pods;
        this.host = host;
        this.errors = new CollectErrors(host.vendor());
        this.clock = clock;
        this.regions = new RegionRegistry(config.containersDir(), config.resyncInterval(), clock, errors);
        this.feedback = new FeedbackLoop(regions, config.migApplyLock(), errors);
        this.stallAfter = config.feedbackInterval().multipliedBy(3);
        this.started = clock.instant();
        this.collector = new MonitorCollector(config.nodeName(), config.legacyMetrics(), host, pods, regions, clock,
                errors, build, config.resourceName());
        registry.register(collector);
    }

    /** The registry {@code /metrics} serves. */
    public PrometheusRegistry registry() {
        return registry;
    }

    /**
     * Writes a scrape of {@link #registry()} as the Prometheus text format, straight from the regions and pods
     * (what {@code /metrics} serves a plain scrape).
     */
    public void writeMetricsText(OutputStream out) throws IOException {
        collector.writeText(out);
    }

    /** The error counter. */
    public CollectErrors errors() {
        return errors;
    }

    /** The open regions. */
    public RegionRegistry regions() {
        return regions;
    }

    /**
     * One period's work: discover and re-validate regions, remove stale directories, then the feedback. A pass that
     * throws is logged and does not count for {@link #healthy()}; items a pass skips do not make it fail.
     */
    public void runPass() {
        try {
            regions.refresh(pods);
            feedback.run();
            lastGoodPass = clock.instant();
        } catch (RuntimeException e) {
            LOG.error("monitor pass failed", e);
        }
    }

    /**
     * Whether passes keep succeeding: the last pass that completed (or, before the first, the start) is at most
     * three feedback intervals old. So the monitor turns unhealthy when its loop stops and also when every pass
     * throws: with the 5 s default, the fourth failed pass in a row (or 15 s without any pass) turns it
     * unhealthy, and the next pass that completes turns it healthy again.
     */
    public boolean healthy() {
        var last = lastGoodPass == null ? started : lastGoodPass;
        return Duration.between(last, clock.instant()).compareTo(stallAfter) <= 0;
    }

    /** Closes the regions, the pod source and the host library. */
    @Override
    public void close() {
        regions.close();
        pods.close();
        host.close();
    }
}
