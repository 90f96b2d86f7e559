package io.hami.monitor.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The series of one container's device, rendered once as the text format's lines: one line per family whose value
 * is fixed by the region's bytes ({@code name{labels} value\n}, all in one array), made when the region changed and
 * written again, as they are, by every scrape until it changes again. The seconds since the last kernel move with the
 * clock and are not among them ({@link Exposition} writes those). Immutable, so scrapes may share it.
 *
 * <p>Memory: about 180 bytes a line, 7 lines a device (11 with the legacy families): some 0.5 MB for a node of 110
 * containers with 4 devices each, kept between scrapes.
 */
final class DeviceLines {
    private static final List<Family> CURRENT = List.of(Family.VGPU_MEMORY_USED, Family.VGPU_MEMORY_LIMIT,
            Family.CONTAINER_DEVICE_MEMORY, Family.CONTAINER_DEVICE_UTILIZATION, Family.VGPU_MEMORY_CONTEXT,
            Family.VGPU_MEMORY_MODULE, Family.VGPU_MEMORY_BUFFER);
    private static final List<Family> WITH_LEGACY = List.of(Family.VGPU_MEMORY_USED, Family.VGPU_MEMORY_LIMIT,
            Family.CONTAINER_DEVICE_MEMORY, Family.CONTAINER_DEVICE_UTILIZATION, Family.VGPU_MEMORY_CONTEXT,
            Family.VGPU_MEMORY_MODULE, Family.VGPU_MEMORY_BUFFER, Family.LEGACY_VGPU_MEMORY_USED,
            Family.LEGACY_VGPU_MEMORY_LIMIT, Family.LEGACY_CONTAINER_MEMORY, Family.LEGACY_CONTAINER_UTILIZATION);
    /** For each family's ordinal, its line's position in {@link #WITH_LEGACY}, or -1. */
    private static final int[] SLOT = new int[Family.values().length];

    static {
        Arrays.fill(SLOT, -1);
        for (int i = 0; i < WITH_LEGACY.size(); i++) {
            SLOT[WITH_LEGACY.get(i).ordinal()] = i;
        }
    }

    private final LabelSet labels;
    private final LabelSet legacyLabels;
    private final LabelSet legacyMemoryLabels;
    private final double[] values;
    private final byte[] text;
    private final int[] starts;

    /** A series to hand over, for the snapshot model. */
    interface Series {
        void accept(Family family, LabelSet labels, double value);
    }

    /**
     * @param legacyLabels       the labels of the legacy families, or null when they are not exported
     * @param legacyMemoryLabels those of {@link Family#LEGACY_CONTAINER_MEMORY}, null likewise
     */
    DeviceLines(LabelSet labels, LabelSet legacyLabels, LabelSet legacyMemoryLabels, long used, long limit, long smUtil,
                long context, long module, long data) {
        this.labels = labels;
        this.legacyLabels = legacyLabels;
        this.legacyMemoryLabels = legacyMemoryLabels;
        var families = legacyLabels == null ? CURRENT : WITH_LEGACY;
        // the order of WITH_LEGACY; a long exported as a double, as Prometheus's model holds it
        double[] all = {used, limit, used, smUtil, context, module, data, used, limit, used, smUtil};
        this.values = Arrays.copyOf(all, families.size());
        this.starts = new int[families.size() + 1];
        var bytes = new ByteArrayOutputStream(families.size() * 180);
        for (int i = 0; i < families.size(); i++) {
            starts[i] = bytes.size();
            var family = families.get(i);
            bytes.writeBytes(family.metricName().getBytes(StandardCharsets.UTF_8));
            bytes.writeBytes(labelsOf(family).text());
            bytes.writeBytes((" " + Exposition.value(values[i]) + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        starts[families.size()] = bytes.size();
        this.text = bytes.toByteArray();
    }

    /** Whether {@code family}'s series of container devices come from {@link DeviceLines}, last kernel included. */
    static boolean renders(Family family) {
        return SLOT[family.ordinal()] >= 0 || family == Family.CONTAINER_LAST_KERNEL
                || family == Family.LEGACY_CONTAINER_LAST_KERNEL;
    }

    /** The families every device has a line in. */
    static List<Family> families(boolean legacy) {
        return legacy ? WITH_LEGACY : CURRENT;
    }

    LabelSet labels() {
        return labels;
    }

    LabelSet legacyLabels() {
        return legacyLabels;
    }

    LabelSet legacyMemoryLabels() {
        return legacyMemoryLabels;
    }

    /** Writes this device's line of {@code family}, one of {@link #families}. */
    void write(OutputStream out, Family family) throws IOException {
        int slot = SLOT[family.ordinal()];
        out.write(text, starts[slot], starts[slot + 1] - starts[slot]);
    }

    /** Hands over each series, the seconds since the last kernel too unless {@code lastKernel} is negative. */
    void forEachSeries(boolean legacy, long lastKernel, Series series) {
        var families = legacy && legacyLabels != null ? WITH_LEGACY : CURRENT;
        for (int i = 0; i < families.size(); i++) {
            series.accept(families.get(i), labelsOf(families.get(i)), values[i]);
        }
        if (lastKernel >= 0) {
            series.accept(Family.CONTAINER_LAST_KERNEL, labels, lastKernel);
            if (families == WITH_LEGACY) {
                series.accept(Family.LEGACY_CONTAINER_LAST_KERNEL, legacyLabels, lastKernel);
            }
        }
    }

    private LabelSet labelsOf(Family family) {
        return family == Family.LEGACY_CONTAINER_MEMORY ? legacyMemoryLabels : family.legacy() ? legacyLabels : labels;
    }
}
