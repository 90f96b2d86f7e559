package io.hami.monitor.metrics;

import io.hami.bindings.discovery.DeviceDiscovery;
import io.hami.monitor.metrics.CollectErrors.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host metrics of a vendor other than NVIDIA, from its {@link DeviceDiscovery}: one listing per scrape,
 * with the library initialised and shut down around it (as HAMi does with NVML), so that a driver that went
 * away is found again at the first scrape after it comes back. Memory is what the record holds, MiB, exported
 * in bytes; there is no memory-controller utilization.
 *
 * <p>A device without a UUID or a model (its identity call failed) is left out and counted. A device whose
 * library reported a failed call and that lacks its memory or utilization is counted, and the missing number
 * exports no series; a number a healthy device lacks is one its library does not offer, and is not counted. A
 * used memory no device can have (negative, or more bytes than a long holds) is counted and left out.
 */
final class DiscoveryHost implements HostLibrary {
    private static final Logger LOG = LoggerFactory.getLogger(DiscoveryHost.class);
    private static final int MIB_SHIFT = 20;

    private final DeviceDiscovery discovery;

    DiscoveryHost(DeviceDiscovery discovery) {
        this.discovery = discovery;
    }

    @Override
    public String api() {
        return discovery.apiName();
    }

    @Override
    public List<HostGpuSample> read(CollectErrors errors) {
        var devices = discovery.discover();
        var samples = new ArrayList<HostGpuSample>(devices.size());
        for (var d : devices) {
            if (d.uuid().isEmpty() || d.model().isEmpty()) {
                errors.count(Reason.HOST_LIBRARY);
                LOG.debug("{} device {} left out of the host metrics: {}", discovery.vendor().displayName(), d.index(),
                        d.problems());
                continue;
            }
            var used = bytes(d.memoryUsedMiB());
            boolean impossible = d.memoryUsedMiB().isPresent() && used.isEmpty();
            if (impossible || !d.healthy() && (used.isEmpty() || d.utilization().isEmpty())) {
                errors.count(Reason.HOST_LIBRARY);
                LOG.debug("{} device {}: used memory {} MiB; {}", discovery.vendor().displayName(), d.index(),
                        d.memoryUsedMiB(), d.problems());
            }
            samples.add(new HostGpuSample(d.index(), d.uuid().get(), d.model().get(), used, d.utilization(),
                    OptionalInt.empty()));
        }
        return samples;
    }

    /** Holds nothing between scrapes. */
    @Override
    public void close() {
    }

    /** MiB in bytes; empty for a count no device memory can have (negative, or past a long's bytes). */
    private static OptionalLong bytes(OptionalLong mib) {
        if (mib.isEmpty() || mib.getAsLong() < 0 || mib.getAsLong() > Long.MAX_VALUE >> MIB_SHIFT) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(mib.getAsLong() << MIB_SHIFT);
    }
}
