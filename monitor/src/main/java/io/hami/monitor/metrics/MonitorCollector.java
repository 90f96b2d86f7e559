package io.hami.monitor.metrics;

import io.hami.monitor.pods.PodSource;
import io.hami.monitor.pods.PodView;
import io.hami.monitor.regions.ContainerRegion;
import io.hami.monitor.regions.RegionRegistry;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.OutputStream;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Everything on {@code /metrics}, computed when Prometheus asks: host series from the vendor's library
 * ({@link HostGpus}), per-container series from the regions open at that moment (each read afresh), build info
 * and the error counter. Nothing is mirrored into gauges on a timer, so a scrape never shows values older than
 * itself; what a scrape derived from a region is kept for the next one, which uses it again only while the region's
 * reader answers with the very same snapshot (its bytes did not change). Thread-safe.
 */
public final class MonitorCollector implements MultiCollector {
    private final String nodeName;
    private final boolean legacy;
    private final HostGpus host;
    private final PodSource pods;
    private final RegionRegistry regions;
    private final InstantSource clock;
    private final CollectErrors errors;
    private final BuildInfo build;
    private final String resource;
    private volatile Map<ContainerRegion, ContainerSeries.Rendered> rendered = Map.of();
    private volatile Exposition.Order order = Exposition.Order.NONE;
    private final Exposition.Written buildText;
    private volatile ErrorsText errorsText;

    /** The error counter's text and the counts (with the host library's label) it shows. */
    private record ErrorsText(long[] counts, String library, Exposition.Written text) {
    }

    /**
     * @param nodeName the {@code node} label of the host series
     * @param legacy   whether the legacy families are exported too
     * @param resource the GPU count resource whose askers own the allocation's entries
     */
    public MonitorCollector(String nodeName, boolean legacy, HostGpus host, PodSource pods, RegionRegistry regions,
                            InstantSource clock, CollectErrors errors, BuildInfo build, String resource) {
        this.nodeName = nodeName;
        this.legacy = legacy;
        this.host = host;
        this.pods = pods;
        this.regions = regions;
        this.clock = clock;
        this.errors = errors;
        this.build = build;
        this.resource = resource;
        this.buildText = Exposition.Written.of(build.snapshot());
    }

    @Override
    public MetricSnapshots collect() {
        var out = gather();
        var snapshots = new ArrayList<MetricSnapshot>(out.snapshots());
        snapshots.add(build.snapshot());
        snapshots.add(errors.snapshot());
        return new MetricSnapshots(snapshots);
    }

    /**
     * The same scrape as {@link #collect()}, written straight as the Prometheus text format (0.0.4): the same
     * bytes Prometheus's text writer makes of {@link #collect()}'s snapshots, at a fraction of the cost.
     */
    public void writeText(OutputStream text) throws IOException {
        var out = gather();
        out.writeText(text, List.of(buildText, errorsText()));
        order = out.order(); // as with rendered: a concurrent scrape's may win, either is a valid start
    }

    /** The error counter as Prometheus's text writer writes it, written again only when a count or label moved. */
    private Exposition.Written errorsText() {
        var counts = errors.counts();
        var library = errors.hostLibrary();
        var last = errorsText;
        if (last != null && Arrays.equals(last.counts(), counts) && last.library().equals(library)) {
            return last.text();
        }
        var now = new ErrorsText(counts, library, Exposition.Written.of(errors.snapshot(counts, library)));
        errorsText = now; // a concurrent scrape's may win: each shows the counts it was made of
        return now.text();
    }

    private Exposition gather() {
        var out = new Exposition(legacy, errors, order);
        for (var gpu : host.sample(errors)) {
            String index = Integer.toString(gpu.index());
            gpu.memoryUsed().ifPresent(used -> {
                out.add(Family.HOST_MEMORY_USED, used, nodeName, index, gpu.uuid(), gpu.deviceType());
                out.add(Family.LEGACY_HOST_MEMORY_USED, used, nodeName, index, gpu.uuid(), gpu.deviceType());
            });
            gpu.utilization().ifPresent(u -> {
                out.add(Family.HOST_UTILIZATION, u, nodeName, index, gpu.uuid(), gpu.deviceType());
                out.add(Family.LEGACY_HOST_UTILIZATION, u, nodeName, index, gpu.uuid(), gpu.deviceType());
            });
            gpu.memoryControllerUtilization().ifPresent(u ->
                    out.add(Family.HOST_MEMORY_CONTROLLER_UTILIZATION, u, index, gpu.uuid(), gpu.deviceType()));
        }
        var containers = new ContainerSeries(out, errors, clock.instant().getEpochSecond(), resource, rendered);
        var podList = new ArrayList<>(pods.pods());
        podList.sort(Comparator.comparing(PodView::namespace).thenComparing(PodView::name));
        regions.read(open -> {
            podList.forEach(pod -> containers.add(pod, open));
            return null;
        });
        rendered = containers.rendered(); // a concurrent scrape's may win: either is a valid start for the next
        return out;
    }
}
