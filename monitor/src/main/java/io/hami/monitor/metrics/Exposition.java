package io.hami.monitor.metrics;

import io.hami.monitor.metrics.CollectErrors.Reason;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.function.Function;

/**
 * The series of one scrape, gathered family by family. A legacy family is dropped unless legacy metrics are
 * on; a series whose labels repeat one already added is dropped and counted, so that one hostile region can
 * never make the whole scrape invalid. Used by one scrape thread.
 *
 * <p>The series come out either as Prometheus's snapshots (for OpenMetrics, protobuf and filtered scrapes) or
 * written straight as the text format ({@link #writeText}), byte for byte what Prometheus's text writer makes of
 * the snapshots, without building them: the scrape of a full node is thousands of series, and the snapshot
 * model costs several times the reading of the regions.
 *
 * <p>A container's device brings its series already rendered ({@link DeviceLines}: one text line per family, made
 * when its region's bytes changed, kept while they do not); the text writer merges them family by family in the
 * order of their labels, sorting the devices once per scrape rather than once per family, and not at all when the
 * same devices were claimed as in the scrape before ({@link Order}).
 */
final class Exposition {
    private static final PrometheusTextFormatWriter TEXT = PrometheusTextFormatWriter.create();
    /** Below this, a whole number's double is written as its digits and {@code .0}; from it on, in E notation. */
    private static final long PLAIN_BELOW = 10_000_000;
    /** Above this, not every whole number is a double: {@link #writeValue} leaves those to {@link #value}. */
    private static final long EXACT_UP_TO = 1L << 53;
    /** The digits of a long, the most a value needs. */
    private static final int VALUE_DIGITS = 20;

    private final boolean legacy;
    private final CollectErrors errors;
    private final Map<Family, List<Point>> points = new EnumMap<>(Family.class);
    private final Map<Family, Set<LabelSet>> seen = new EnumMap<>(Family.class);
    private final Set<LabelSet> devices;
    private DeviceLines[] claimed; // the devices claimed, in claim order, and the seconds since their last kernel
    private long[] lastKernels;
    private int claimedCount;
    private boolean anyLastKernel;
    private final Order previous;
    private Order order;
    private final byte[] digits = new byte[VALUE_DIGITS];

    private record Point(LabelSet labels, double value) {
    }

    /**
     * The devices claimed in one scrape, and the order in which each of their families writes them (positions in
     * the claim order): by their labels, by their legacy labels and by their legacy memory labels. Immutable once
     * made; the next scrape uses it again when it claims the very same devices in the same order.
     */
    static final class Order {
        static final Order NONE = new Order(new DeviceLines[0], new int[0], null, null);

        private final DeviceLines[] claimed;
        private final int[] byLabels;
        private final int[] byLegacyLabels;
        private final int[] byLegacyMemoryLabels;

        private Order(DeviceLines[] claimed, int[] byLabels, int[] byLegacyLabels, int[] byLegacyMemoryLabels) {
            this.claimed = claimed;
            this.byLabels = byLabels;
            this.byLegacyLabels = byLegacyLabels;
            this.byLegacyMemoryLabels = byLegacyMemoryLabels;
        }

        private boolean sameDevices(DeviceLines[] now, int count) {
            if (count != claimed.length) {
                return false;
            }
            for (int i = 0; i < count; i++) {
                if (claimed[i] != now[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    Exposition(boolean legacy, CollectErrors errors) {
        this(legacy, errors, Order.NONE);
    }

    /** @param previous the {@link #order()} of the scrape before, to sort nothing again when nothing changed */
    Exposition(boolean legacy, CollectErrors errors, Order previous) {
        this.legacy = legacy;
        this.errors = errors;
        this.previous = previous;
        int expected = Math.max(previous.claimed.length, 16); // as many devices as the scrape before, usually
        this.devices = HashSet.newHashSet(expected);
        this.claimed = new DeviceLines[expected];
        this.lastKernels = new long[expected];
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
        if (DeviceLines.renders(family)) {
            throw new IllegalArgumentException(family + " is written from the lines of claimed devices");
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

    /**
     * Adds the series of a device whose labels were {@linkplain #claim claimed}: every family of
     * {@link DeviceLines}, and the seconds since its last kernel when {@code lastKernel} is not negative.
     */
    void put(DeviceLines device, long lastKernel) {
        if (claimedCount == claimed.length) {
            claimed = Arrays.copyOf(claimed, claimedCount * 2);
            lastKernels = Arrays.copyOf(lastKernels, claimedCount * 2);
        }
        claimed[claimedCount] = device;
        lastKernels[claimedCount++] = lastKernel;
        anyLastKernel |= lastKernel >= 0;
    }

    private void put(Family family, double value, LabelSet labels) {
        points.computeIfAbsent(family, f -> new ArrayList<>()).add(new Point(labels, value));
    }

    /** Whether legacy families are exported. */
    boolean legacy() {
        return legacy;
    }

    /** The gauges gathered, one snapshot per family that has series. */
    List<MetricSnapshot> snapshots() {
        var all = new EnumMap<>(points);
        for (int i = 0; i < claimedCount; i++) {
            claimed[i].forEachSeries(legacy, lastKernels[i],
                    (family, labels, value) -> all.computeIfAbsent(family, f -> new ArrayList<>()).add(new Point(labels, value)));
        }
        var out = new ArrayList<MetricSnapshot>(all.size());
        all.forEach((family, list) -> out.add(new GaugeSnapshot(new MetricMetadata(family.metricName(), family.help()),
                list.stream().map(p -> new GaugeDataPointSnapshot(p.value(), p.labels().toLabels(), null)).toList())));
        return out;
    }

    /**
     * A family outside the gathered ones, as Prometheus's own text writer writes it: its name as exposed (where it
     * sorts among the others) and its text. Made once and written by every scrape while what it shows is the same.
     */
    record Written(String name, byte[] text) {
        static Written of(MetricSnapshot snapshot) {
            var out = new ByteArrayOutputStream();
            try {
                TEXT.write(out, MetricSnapshots.of(snapshot), EscapingScheme.ALLOW_UTF8);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
            }
            return new Written(snapshot.getMetadata().getPrometheusName(), out.toByteArray());
        }
    }

    /**
     * Writes the gauges gathered and {@code others} as the Prometheus text format (0.0.4): families sorted by
     * name, series sorted by labels, as {@link MetricSnapshots} orders them.
     */
    void writeText(OutputStream out, List<Written> others) throws IOException {
        var names = new ArrayList<Object>(points.keySet());
        var order = order();
        if (claimedCount > 0) {
            names.addAll(DeviceLines.families(legacy));
            if (anyLastKernel) {
                names.add(Family.CONTAINER_LAST_KERNEL);
                if (legacy) {
                    names.add(Family.LEGACY_CONTAINER_LAST_KERNEL);
                }
            }
        }
        names.addAll(others);
        names.sort(Comparator.comparing(Exposition::exposedName));
        for (var entry : names) {
            if (entry instanceof Family family && points.containsKey(family)) {
                writeFamily(out, family, points.get(family));
            } else if (entry == Family.CONTAINER_LAST_KERNEL) {
                writeLastKernel(out, Family.CONTAINER_LAST_KERNEL, order.byLabels);
            } else if (entry == Family.LEGACY_CONTAINER_LAST_KERNEL) {
                writeLastKernel(out, Family.LEGACY_CONTAINER_LAST_KERNEL, order.byLegacyLabels);
            } else if (entry instanceof Family family) {
                var sorted = family == Family.LEGACY_CONTAINER_MEMORY ? order.byLegacyMemoryLabels
                        : family.legacy() ? order.byLegacyLabels : order.byLabels;
                header(out, family);
                for (int i : sorted) {
                    claimed[i].write(out, family);
                }
            } else {
                out.write(((Written) entry).text());
            }
        }
    }

    /**
     * The claimed devices in the orders the text writer needs; the {@link Order} of the scrape before when the
     * same devices were claimed in the same order.
     */
    Order order() {
        if (order == null) {
            if (previous.sameDevices(claimed, claimedCount)) {
                order = previous;
            } else {
                var devices = Arrays.copyOf(claimed, claimedCount);
                order = new Order(devices, sorted(devices, DeviceLines::labels),
                        legacy ? sorted(devices, DeviceLines::legacyLabels) : null,
                        legacy ? sorted(devices, DeviceLines::legacyMemoryLabels) : null);
            }
        }
        return order;
    }

    /** Positions into {@code devices}, in the order of the labels {@code labels} gives each. */
    private static int[] sorted(DeviceLines[] devices, Function<DeviceLines, LabelSet> labels) {
        var positions = new Integer[devices.length];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = i;
        }
        Arrays.sort(positions, Comparator.comparing(i -> labels.apply(devices[i])));
        return Arrays.stream(positions).mapToInt(Integer::intValue).toArray();
    }

    /** The seconds since the last kernel move with the clock: rendered at each scrape, for the devices that have one. */
    private void writeLastKernel(OutputStream out, Family family, int[] sorted) throws IOException {
        header(out, family);
        var name = family.metricNameText();
        for (int i : sorted) {
            if (lastKernels[i] >= 0) {
                out.write(name);
                out.write((family.legacy() ? claimed[i].legacyLabels() : claimed[i].labels()).text());
                out.write(' ');
                writeValue(out, lastKernels[i], digits);
                out.write('\n');
            }
        }
    }

    private static String exposedName(Object entry) {
        return entry instanceof Family family ? family.metricName() : ((Written) entry).name();
    }

    private static void header(OutputStream out, Family family) throws IOException {
        out.write(family.headerText());
    }

    private static void writeFamily(OutputStream out, Family family, List<Point> series) throws IOException {
        var name = family.metricNameText();
        header(out, family);
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

    /**
     * Writes {@code v}, a count such as seconds, as {@link #value} writes it as a double, without making a string:
     * a whole number up to 2<sup>53</sup> is a double exactly, and its shortest decimal, the one
     * {@link Double#toString(double)} gives, is its own digits (without trailing zeros in E notation).
     * {@code digits} is room for {@value #VALUE_DIGITS} digits.
     */
    static void writeValue(OutputStream out, long v, byte[] digits) throws IOException {
        if (v < 0 || v > EXACT_UP_TO) {
            out.write(value(v).getBytes(StandardCharsets.US_ASCII));
            return;
        }
        int start = digits.length;
        long rest = v;
        do {
            digits[--start] = (byte) ('0' + rest % 10);
            rest /= 10;
        } while (rest != 0);
        if (v < PLAIN_BELOW) {
            out.write(digits, start, digits.length - start);
            out.write('.');
            out.write('0');
            return;
        }
        int exponent = digits.length - start - 1;
        int end = digits.length;
        while (digits[end - 1] == '0') {
            end--;
        }
        out.write(digits[start]);
        out.write('.');
        if (end - start > 1) {
            out.write(digits, start + 1, end - start - 1);
        } else {
            out.write('0');
        }
        out.write('E');
        if (exponent >= 10) { // 7 to 15 here
            out.write('0' + exponent / 10);
        }
        out.write('0' + exponent % 10);
    }

    /** A sample value as the text format writes it. */
    static String value(double d) {
        if (d == Double.POSITIVE_INFINITY) {
            return "+Inf";
        }
        return d == Double.NEGATIVE_INFINITY ? "-Inf" : Double.toString(d);
    }
}
