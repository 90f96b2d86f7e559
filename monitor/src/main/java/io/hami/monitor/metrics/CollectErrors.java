package io.hami.monitor.metrics;

import io.hami.bindings.discovery.DeviceVendor;
import io.hami.bindings.region.InvalidRegionException;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import java.util.ArrayList;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code hami_monitor_collect_errors_total{reason}}: every bad item a loop of the monitor survived, by reason.
 * Discovery, the feedback and each scrape count here and go on with the other items. Every reason is
 * exported from the start (as 0), so a rate over it never starts from a missing series. Thread-safe.
 */
public final class CollectErrors {
    /** The metric's name as exposed. */
    public static final String NAME = "hami_monitor_collect_errors_total";

    /** Why an item was skipped. The label value is the constant's name in lower case. */
    public enum Reason {
        /** The containers directory could not be listed. */
        CONTAINERS_DIR,
        /** A directory whose name is not {@code <podUID>_<container>}. */
        DIRECTORY_NAME,
        /** A container directory with more than two region or library files in it. */
        CACHE_FILES,
        /** The region path is a link, a directory, a device or a FIFO. */
        REGION_NOT_A_FILE,
        /** The region has no magic: not a region, or libvgpu has not finished initializing it. */
        REGION_NO_MAGIC,
        /** The region is shorter than its layout (truncated, or shrank while read). */
        REGION_TRUNCATED,
        /**
         * The region has a magic but a size and version no known layout has (the file is skipped), or a 1.x
         * version this monitor does not know (it is read with the newest 1.x layout and counted at each scrape).
         */
        REGION_UNKNOWN_VERSION,
        /** The file behind an open region was replaced or removed; the region is re-opened. */
        REGION_REPLACED,
        /** Reading or opening a region failed with an I/O error. */
        REGION_IO,
        /**
         * An active slot whose memory accounting kept moving under its seqlock through every retry; the scrape
         * exports its last consistent copy (stale) rather than leaving it out. Counted once per region and scrape.
         */
        REGION_SEQLOCK,
        /** A region priority outside 0..99; the container takes no part in the priority feedback. */
        PRIORITY,
        /** Writing {@code utilization_switch} or {@code recent_kernel} failed. */
        FEEDBACK_WRITE,
        /** The directory of a pod that is gone could not be removed. */
        CLEANUP,
        /**
         * A call of the vendor library behind the host metrics failed, or the library cannot be opened or
         * initialised. Its label is the library's API in lower case ({@code nvml}, {@code cndev}, {@code dcmi},
         * {@code rocm-smi}, {@code ixml}, {@code mxsml}, {@code mtml}): see {@link CollectErrors#label}.
         */
        HOST_LIBRARY,
        /** A pod's allocation annotation could not be decoded. */
        ANNOTATION,
        /** Two series with the same labels; the second is dropped so the scrape stays valid. */
        DUPLICATE_SERIES;

        /** The {@code reason} label value but for {@link #HOST_LIBRARY}, whose label names the library. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The reason of a rejected region. */
        public static Reason of(InvalidRegionException.Reason why) {
            return switch (why) {
                case NOT_A_FILE -> REGION_NOT_A_FILE;
                case NOT_A_REGION -> REGION_NO_MAGIC;
                case TRUNCATED -> REGION_TRUNCATED;
                case UNKNOWN_VERSION -> REGION_UNKNOWN_VERSION;
            };
        }
    }

    private final LongAdder[] counts = new LongAdder[Reason.values().length];
    private volatile String hostLibrary;

    /** All counts at 0, for a monitor whose host metrics come from NVML. */
    public CollectErrors() {
        this(DeviceVendor.NVIDIA);
    }

    /** All counts at 0, for a monitor whose host metrics come from {@code hostVendor}'s library. */
    public CollectErrors(DeviceVendor hostVendor) {
        this.hostLibrary = hostVendor.api().toLowerCase(Locale.ROOT);
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    /** The API that serves the host metrics now (CNRT where a Cambricon node has no CNDEV), naming its errors. */
    public void hostApi(String api) {
        this.hostLibrary = api.toLowerCase(Locale.ROOT);
    }

    /** Counts one skipped item. */
    public void count(Reason reason) {
        counts[reason.ordinal()].increment();
    }

    /** The count so far for {@code reason}. */
    public long get(Reason reason) {
        return counts[reason.ordinal()].sum();
    }

    /**
     * The {@code reason} label of {@code reason}: {@link Reason#label()}, but the library's API for
     * {@link Reason#HOST_LIBRARY}, so that an NVIDIA node keeps its {@code reason="nvml"}.
     */
    public String label(Reason reason) {
        return reason == Reason.HOST_LIBRARY ? hostLibrary : reason.label();
    }

    /** The counter as a snapshot for a scrape. */
    public CounterSnapshot snapshot() {
        return snapshot(counts(), hostLibrary);
    }

    /** Every count so far, by {@link Reason#ordinal()}. */
    long[] counts() {
        var now = new long[counts.length];
        for (int i = 0; i < now.length; i++) {
            now[i] = counts[i].sum();
        }
        return now;
    }

    /** The label of {@link Reason#HOST_LIBRARY} now. */
    String hostLibrary() {
        return hostLibrary;
    }

    /** The counter showing {@code counts} (from {@link #counts()}), with {@code library} the host library's label. */
    CounterSnapshot snapshot(long[] counts, String library) {
        var points = new ArrayList<CounterDataPointSnapshot>(counts.length);
        for (var reason : Reason.values()) {
            String label = reason == Reason.HOST_LIBRARY ? library : reason.label();
            points.add(new CounterDataPointSnapshot(counts[reason.ordinal()], Labels.of("reason", label), null, 0));
        }
        return new CounterSnapshot(new MetricMetadata("hami_monitor_collect_errors",
                "Items the hami monitor skipped while discovering, scraping or running the feedback, by reason"), points);
    }
}
