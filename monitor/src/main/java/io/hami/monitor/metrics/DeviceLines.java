package io.hami.monitor.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;

/**
 * The series of one container's device, rendered once for the text format: its labels' text (shared by its families,
 * {@link LabelSet#text()}) and, for each family whose value is fixed by the region's bytes, the end of its line
 * ({@code " 1048576.0\n"}, all in one array). Made when the region changed, written again as it is by every scrape
 * until it changes again; a line is the family's name, the labels' text and that end. The seconds since the last
 * kernel move with the clock and are not among them ({@link Exposition} writes those). Immutable, so scrapes may
 * share it.
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
    private final byte[] ends;
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
        int n = (legacyLabels == null ? CURRENT : WITH_LEGACY).size();
        // the order of WITH_LEGACY; a long exported as a double, as Prometheus's model holds it
        double[] all = {used, limit, used, smUtil, context, module, data, used, limit, used, smUtil};
        this.values = Arrays.copyOf(all, n);
        var text = new String[n];
        this.starts = new int[n + 1];
        for (int i = 0; i < n; i++) {
            text[i] = Exposition.value(values[i]);
            starts[i + 1] = starts[i] + text[i].length() + 2;
        }
        this.ends = new byte[starts[n]];
        for (int i = 0; i < n; i++) {
            int at = starts[i];
            ends[at++] = ' ';
            for (int c = 0; c < text[i].length(); c++) {
                ends[at++] = (byte) text[i].charAt(c); // a number, +Inf or -Inf: ASCII
            }
            ends[at] = '\n';
        }
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
        out.write(family.metricNameText());
        out.write(labelsOf(family).text());
        out.write(ends, starts[slot], starts[slot + 1] - starts[slot]);
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
