package io.hami.deviceplugin.devices;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's devices and their current health, shared by ListAndWatch, node registration and the health
 * watch. Health only goes one way, healthy to unhealthy, as in HAMi: a GPU that raised a critical XID stays
 * out until the plugin restarts. Thread-safe; listeners run on the thread that changed the health.
 */
public final class DeviceInventory {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceInventory.class);

    private final List<PhysicalDevice> devices;
    private final Map<String, Boolean> healthy = new LinkedHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** An inventory of these devices, each as healthy as its discovery found it. */
    public DeviceInventory(List<PhysicalDevice> devices) {
        this.devices = List.copyOf(devices);
        for (var d : this.devices) {
            if (healthy.put(d.uuid(), d.healthy()) != null) {
                throw new IllegalArgumentException("duplicate device UUID " + d.uuid());
            }
        }
    }

    /** One device and its health at the time of a {@link #snapshot()}. */
    public record DeviceState(PhysicalDevice device, boolean healthy) {
    }

    /** The devices, in discovery order. */
    public List<PhysicalDevice> devices() {
        return devices;
    }

    /** Every device with its current health. */
    public synchronized List<DeviceState> snapshot() {
        var out = new ArrayList<DeviceState>(devices.size());
        for (var d : devices) {
            out.add(new DeviceState(d, healthy.get(d.uuid())));
        }
        return out;
    }

    /** Whether a device of this UUID is known and healthy. */
    public synchronized boolean isHealthy(String uuid) {
        return Boolean.TRUE.equals(healthy.get(uuid));
    }

    /** Marks devices unhealthy; unknown UUIDs are ignored. Listeners run once if anything changed. */
    public void markUnhealthy(List<String> uuids, String reason) {
        boolean changed = false;
        synchronized (this) {
            for (var uuid : uuids) {
                if (Boolean.TRUE.equals(healthy.get(uuid))) {
                    healthy.put(uuid, false);
                    changed = true;
                    LOG.warn("device {} is unhealthy: {}", uuid, reason);
                }
            }
        }
        if (changed) {
            listeners.forEach(Runnable::run);
        }
    }

    /** Runs {@code listener} after every health change; closing the returned subscription removes it. */
    public Subscription onChange(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** A listener's registration; closing it twice is harmless. */
    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
