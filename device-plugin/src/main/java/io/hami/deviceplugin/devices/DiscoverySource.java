package io.hami.deviceplugin.devices;

import io.hami.bindings.discovery.DeviceDiscovery;
import io.hami.bindings.discovery.DiscoveredDevice;
import io.hami.model.vendor.VendorDescriptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The devices of any vendor library behind the shared {@link DeviceDiscovery}: each {@link DiscoveredDevice}
 * becomes a {@link PhysicalDevice} with the type the vendor registers ({@code typeOf} the library's model; the
 * descriptor's common word when the model cannot be read). A device without a readable id is left out, a
 * device whose calls failed is listed unhealthy. The discovery holds a library session only for the call, so
 * closing the source releases nothing.
 *
 * <p>Health is polled: every {@code pollInterval} the library is surveyed again. A device that is missing, or whose
 * calls fail or whose vendor health check fails, is reported unhealthy with the problems the survey found; a
 * library that cannot list at all (unloaded driver, library gone) makes every device unhealthy; a device that
 * answers well again is reported recovered. Vendors with fault events (Ascend) add those on top.
 */
public final class DiscoverySource implements DeviceSource {
    private static final Logger LOG = LoggerFactory.getLogger(DiscoverySource.class);

    /** How often health is polled unless a vendor says otherwise. */
    public static final Duration DEFAULT_POLL = Duration.ofSeconds(10);

    private final DeviceDiscovery discovery;
    private final VendorDescriptor vendor;
    private final UnaryOperator<String> typeOf;
    private final Duration pollInterval;

    /**
     * @param typeOf the registered type of a model name, e.g. {@code Z100} to {@code DCU-Z100}
     */
    public DiscoverySource(DeviceDiscovery discovery, VendorDescriptor vendor, UnaryOperator<String> typeOf) {
        this(discovery, vendor, typeOf, DEFAULT_POLL);
    }

    /**
     * @param typeOf       the registered type of a model name, e.g. {@code Z100} to {@code DCU-Z100}
     * @param pollInterval how often health is surveyed
     */
    public DiscoverySource(DeviceDiscovery discovery, VendorDescriptor vendor, UnaryOperator<String> typeOf,
                           Duration pollInterval) {
        this.discovery = Objects.requireNonNull(discovery, "discovery");
        this.vendor = Objects.requireNonNull(vendor, "vendor");
        this.typeOf = Objects.requireNonNull(typeOf, "typeOf");
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("health poll interval must be positive: " + pollInterval);
        }
    }

    @Override
    public VendorDescriptor vendor() {
        return vendor;
    }

    /**
     * @throws io.hami.bindings.discovery.DiscoveryException when the library cannot list at all
     */
    @Override
    public List<PhysicalDevice> discover() {
        var out = new ArrayList<PhysicalDevice>();
        for (var d : discovery.discover()) {
            d.problems().forEach(p -> LOG.warn("{} {}: {}", d.vendor().displayName(), d.vendor().api(), p));
            if (d.uuid().isEmpty()) {
                LOG.error("{} device {} has no readable id; it is left out", d.vendor().displayName(), d.index());
                continue;
            }
            out.add(device(d));
        }
        return out;
    }

    private PhysicalDevice device(DiscoveredDevice d) {
        String type = d.model().map(typeOf).orElse(vendor.commonWord());
        return new PhysicalDevice(d.index(), d.uuid().get(), type, d.memoryTotalMiB(), d.numa(), d.healthy(), d.pciBusId(),
                d.minor(), d.deviceNodes());
    }

    @Override
    public HealthWatch watchHealth(List<PhysicalDevice> devices, HealthListener listener) {
        var watched = devices.stream().map(PhysicalDevice::uuid).toList();
        var thread = Thread.ofPlatform().daemon().name("hami-health-" + vendor.id())
                .start(() -> poll(watched, listener));
        return () -> {
            thread.interrupt();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    private void poll(List<String> watched, HealthListener listener) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(pollInterval);
            } catch (InterruptedException e) {
                return;
            }
            survey(watched, listener);
        }
    }

    /** One health survey of the watched devices, reported to the listener. */
    void survey(List<String> watched, HealthListener listener) {
        List<DiscoveredDevice> found;
        try {
            found = discovery.discover();
        } catch (RuntimeException e) {
            listener.unhealthy(watched, vendor.id() + ": the library cannot list devices: " + e.getMessage());
            return;
        }
        var byUuid = new HashMap<String, DiscoveredDevice>();
        found.forEach(d -> d.uuid().ifPresent(u -> byUuid.put(u, d)));
        var recovered = new ArrayList<String>();
        for (var uuid : watched) {
            var d = byUuid.get(uuid);
            if (d == null) {
                listener.unhealthy(List.of(uuid), "device " + uuid + " is no longer listed by " + discovery.library());
            } else if (!d.healthy()) {
                listener.unhealthy(List.of(uuid), d.problems().isEmpty() ? "device " + uuid + " failed its health check"
                        : String.join("; ", d.problems()));
            } else {
                recovered.add(uuid);
            }
        }
        if (!recovered.isEmpty()) {
            listener.recovered(recovered, "answers " + discovery.library() + " as healthy");
        }
    }

    @Override
    public void close() {
        // The discovery opens and closes its library session per call.
    }
}
