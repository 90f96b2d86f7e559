package io.hami.monitor.metrics;

import io.hami.monitor.metrics.CollectErrors.Reason;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The series of one scrape, gathered family by family. A legacy family is dropped unless legacy metrics are
 * on; a series whose labels repeat one already added is dropped and counted, so that one hostile region can
 * never make the whole scrape invalid. Used by one scrape thread.
 */
final class Exposition {
    private final boolean legacy;
    private final CollectErrors errors;
    private final Map<Family, List<GaugeDataPointSnapshot>> points = new EnumMap<>(Family.class);
    private final Map<Family, Set<Labels>> seen = new EnumMap<>(Family.class);
    private final Set<Labels> devices = new HashSet<>();

    Exposition(boolean legacy, CollectErrors errors) {
        this.legacy = legacy;
        this.errors = errors;
    }

    /** Adds one series; {@code values} follow {@link Family#labelNames()}. */
    void add(Family family, double value, String... values) {
        if (family.legacy() && !legacy) {
            return;
        }
        add(family, value, labels(family, values));
    }

    /**
     * Adds one series with labels made by {@link #labels} for a family with the same label names; one
     * {@link Labels} serves every family of a container's device.
     */
    void add(Family family, double value, Labels labels) {
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
    boolean claim(Labels deviceLabels) {
        if (!devices.add(deviceLabels)) {
            errors.count(Reason.DUPLICATE_SERIES);
            return false;
        }
        return true;
    }

    /** Adds a series whose labels were {@linkplain #claim claimed}. */
    void put(Family family, double value, Labels labels) {
        if (family.legacy() && !legacy) {
            return;
        }
        points.computeIfAbsent(family, f -> new ArrayList<>()).add(new GaugeDataPointSnapshot(value, labels, null));
    }

    /** The labels of a series of {@code family}, {@code zone} included. */
    static Labels labels(Family family, String... values) {
        var names = family.labelNames();
        if (values.length != names.size()) {
            throw new IllegalArgumentException(family + " takes " + names.size() + " label values, not " + values.length);
        }
        var allNames = new String[names.size() + 1];
        var allValues = new String[names.size() + 1];
        for (int i = 0; i < values.length; i++) {
            allNames[i] = names.get(i);
            allValues[i] = values[i];
        }
        allNames[values.length] = Family.ZONE;
        allValues[values.length] = Family.ZONE_VALUE;
        return Labels.of(allNames, allValues);
    }

    /** Whether legacy families are exported. */
    boolean legacy() {
        return legacy;
    }

    /** The gauges gathered, one snapshot per family that has series. */
    List<MetricSnapshot> snapshots() {
        var out = new ArrayList<MetricSnapshot>(points.size());
        points.forEach((family, list) -> out.add(new GaugeSnapshot(new MetricMetadata(family.metricName(), family.help()), list)));
        return out;
    }
}
