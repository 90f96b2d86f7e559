package io.hami.monitor.metrics;

import io.hami.monitor.metrics.CollectErrors.Reason;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The series of one scrape, gathered family by family. A legacy family is dropped unless legacy metrics are
 * on; a series whose labels repeat one already added is dropped and counted, so that one hostile region can
 * never make the whole scrape invalid. Used by one scrape thread.
 *
 * <p>The series come out either as Prometheus's snapshots (for OpenMetrics, protobuf and filtered scrapes) or
 * written straight as the text format ({@link #writeText}), byte for byte what Prometheus's text writer makes of
 * the snapshots, without building them: the scrape of a full node is thousands of series, and the snapshot
 * model costs several times the reading of the regions.
 */
final class Exposition {
    private static final PrometheusTextFormatWriter TEXT = PrometheusTextFormatWriter.create();

    private final boolean legacy;
    private final CollectErrors errors;
    private final Map<Family, List<Point>> points = new EnumMap<>(Family.class);
    private final Map<Family, Set<LabelSet>> seen = new EnumMap<>(Family.class);
    private final Set<LabelSet> devices = new HashSet<>();

    private record Point(LabelSet labels, double value) {
    }

    Exposition(boolean legacy, CollectErrors errors) {
        this.legacy = legacy;
        this.errors = errors;
    }

    /** Adds one series; {@code values} follow {@link Family#labelNames()}. */
    void add(Family family, double value, String... values) {
        if (family.legacy() && !legacy) {
            return;
        }
        add(family, value, LabelSet.of(family, values));
    }

    /**
     * Adds one series with labels made by {@link LabelSet#of} for a family with the same label names; one
     * {@link LabelSet} serves every family of a container's device.
     */
    void add(Family family, double value, LabelSet labels) {
        if (family.legacy() && !legacy) {
            return;
        }
        if (!seen.computeIfAbsent(family, f -> new HashSet<>()).add(labels)) {
            errors.count(Reason.DUPLICATE_SERIES);
            return;
        }
        put(family, value, labels);
    }

    /**
     * Claims the labels of one container's device for all its families at once: false (and counted) when a
     * device with the same labels was added before, so none of its series is added twice.
     */
    boolean claim(LabelSet deviceLabels) {
        if (!devices.add(deviceLabels)) {
            errors.count(Reason.DUPLICATE_SERIES);
            return false;
        }
        return true;
    }

    /** Adds a series whose labels were {@linkplain #claim claimed}. */
    void put(Family family, double value, LabelSet labels) {
        if (family.legacy() && !legacy) {
            return;
        }
        points.computeIfAbsent(family, f -> new ArrayList<>()).add(new Point(labels, value));
    }

    /** Whether legacy families are exported. */
    boolean legacy() {
        return legacy;
    }

    /** The gauges gathered, one snapshot per family that has series. */
    List<MetricSnapshot> snapshots() {
        var out = new ArrayList<MetricSnapshot>(points.size());
        points.forEach((family, list) -> out.add(new GaugeSnapshot(new MetricMetadata(family.metricName(), family.help()),
                list.stream().map(p -> new GaugeDataPointSnapshot(p.value(), p.labels().toLabels(), null)).toList())));
        return out;
    }

    /**
     * Writes the gauges gathered and {@code others} as the Prometheus text format (0.0.4): families sorted by
     * name, series sorted by labels, as {@link MetricSnapshots} orders them. {@code others} go through
     * Prometheus's own writer.
     */
    void writeText(OutputStream out, List<MetricSnapshot> others) throws IOException {
        var names = new ArrayList<Object>(points.keySet());
        names.addAll(others);
        names.sort(Comparator.comparing(Exposition::exposedName));
        for (var entry : names) {
            if (entry instanceof Family family) {
                writeFamily(out, family, points.get(family));
            } else {
                TEXT.write(out, MetricSnapshots.of((MetricSnapshot) entry), EscapingScheme.ALLOW_UTF8);
            }
        }
    }

    private static String exposedName(Object entry) {
        return entry instanceof Family family ? family.metricName()
                : ((MetricSnapshot) entry).getMetadata().getPrometheusName();
    }

    private static void writeFamily(OutputStream out, Family family, List<Point> series) throws IOException {
        var name = family.metricName().getBytes(StandardCharsets.UTF_8);
        out.write(("# HELP " + family.metricName() + " " + escapeHelp(family.help()) + "\n# TYPE " + family.metricName()
                + " gauge\n").getBytes(StandardCharsets.UTF_8));
        var sorted = series.toArray(Point[]::new);
        Arrays.sort(sorted, Comparator.comparing(Point::labels));
        for (var point : sorted) {
            out.write(name);
            out.write(point.labels().text());
            out.write(' ');
            out.write(value(point.value()).getBytes(StandardCharsets.US_ASCII));
            out.write('\n');
        }
    }

    private static String value(double d) {
        if (d == Double.POSITIVE_INFINITY) {
            return "+Inf";
        }
        return d == Double.NEGATIVE_INFINITY ? "-Inf" : Double.toString(d);
    }

    private static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
