package io.hami.deviceplugin.devices;

import io.hami.bindings.discovery.DeviceDiscovery;
import io.hami.bindings.discovery.DiscoveredDevice;
import io.hami.model.vendor.VendorDescriptor;
import java.util.ArrayList;
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
 * <p>Health is what discovery found: there is no watch yet for these libraries (DCMI's fault events and a
 * periodic re-discovery are left to come).
 */
public final class DiscoverySource implements DeviceSource {
    private static final Logger LOG = LoggerFactory.getLogger(DiscoverySource.class);

    private final DeviceDiscovery discovery;
    private final VendorDescriptor vendor;
    private final UnaryOperator<String> typeOf;

    /**
     * @param typeOf the registered type of a model name, e.g. {@code Z100} to {@code DCU-Z100}
     */
    public DiscoverySource(DeviceDiscovery discovery, VendorDescriptor vendor, UnaryOperator<String> typeOf) {
        this.discovery = Objects.requireNonNull(discovery, "discovery");
        this.vendor = Objects.requireNonNull(vendor, "vendor");
        this.typeOf = Objects.requireNonNull(typeOf, "typeOf");
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
        return new PhysicalDevice(d.index(), d.uuid().get(), type, d.memoryTotalMiB(), d.numa(), d.healthy(), d.pciBusId());
    }

    @Override
    public HealthWatch watchHealth(List<PhysicalDevice> devices, HealthListener listener) {
        LOG.info("{}: no health watch; health is as discovered", vendor.id());
        return () -> { };
    }

    @Override
    public void close() {
        // The discovery opens and closes its library session per call.
    }
}
