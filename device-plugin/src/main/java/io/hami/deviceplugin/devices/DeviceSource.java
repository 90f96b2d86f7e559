package io.hami.deviceplugin.devices;

import io.hami.bindings.nvml.GpuPairLinks;
import io.hami.model.vendor.VendorDescriptor;
import java.util.List;
import java.util.Optional;

/**
 * Where a device plugin's devices come from: one vendor's management library. The plugin core (kubelet
 * API, node registration, {@code Allocate}) is written once against this interface and a
 * {@link VendorDescriptor}; a vendor adds a source and, where it really differs, small overrides.
 *
 * <p>A source is opened by its vendor's code (it holds the library session) and closed by the plugin.
 */
public interface DeviceSource extends AutoCloseable {

    /** The device type this source serves: resource names, annotation keys, register format. */
    VendorDescriptor vendor();

    /**
     * The node's devices, in the library's order. Called once at start; a device whose facts cannot all be
     * read is listed unhealthy.
     */
    List<PhysicalDevice> discover();

    /**
     * Starts watching the devices' health; the listener hears of devices that became unhealthy (and, where the
     * vendor's health can come back, of devices that recovered), from a thread of the source. Closing the returned watch stops it and waits for its thread.
     */
    HealthWatch watchHealth(List<PhysicalDevice> devices, HealthListener listener);

    /**
     * How every pair of the node's devices is linked (NVIDIA: NVML's PCIe path and NVLinks), for the topology score;
     * empty when the library cannot tell, and the score then knows NUMA nodes only.
     */
    default Optional<List<GpuPairLinks>> links() {
        return Optional.empty();
    }

    /** Releases the library; the health watch must be closed first. */
    @Override
    void close();

    /** A running health watch. */
    @FunctionalInterface
    interface HealthWatch extends AutoCloseable {
        /** Stops the watch and waits until its thread is done with the library. */
        @Override
        void close();
    }

    /** Hears of devices that became unhealthy, and of devices that recovered. */
    interface HealthListener {
        /**
         * @param uuids  the devices that became unhealthy
         * @param reason one line, e.g. {@code XID 79 on GPU-…}
         */
        void unhealthy(List<String> uuids, String reason);

        /**
         * @param uuids  the devices that answer as healthy again
         * @param reason one line
         */
        void recovered(List<String> uuids, String reason);
    }
}
