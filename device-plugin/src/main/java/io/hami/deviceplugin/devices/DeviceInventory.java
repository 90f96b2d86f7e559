package io.hami.deviceplugin.devices;

import io.hami.model.vendor.CapacityIds;
import io.hami.model.vendor.Vendor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's devices and their current health, shared by ListAndWatch, node registration and the health
 * watch. A device comes back only when its source says it {@linkplain #markRecovered recovered}: an NVIDIA GPU
 * that raised a critical XID stays out until the plugin restarts, as in HAMi, while a device another vendor's
 * library stopped answering for returns once it answers again. Thread-safe; listeners run on the thread that
 * changed the health.
 */
public final class DeviceInventory implements DeviceSource.HealthListener {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceInventory.class);

    private final List<PhysicalDevice> devices;
    private final Map<String, Boolean> healthy = new LinkedHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, PhysicalDevice> byUuid = new HashMap<>();

    /** An inventory of these devices, each as healthy as its discovery found it. */
    public DeviceInventory(List<PhysicalDevice> devices) {
        this(devices, List.of());
    }

    /**
     * An inventory of these devices, and the health of devices handed out whole outside them ({@code wholeIds}: the
     * MIG devices of a static MIG strategy, by UUID), healthy at first. The whole devices are neither registered nor
     * {@linkplain #knows known}; {@link #isHealthy} and the health listeners cover them.
     */
    public DeviceInventory(List<PhysicalDevice> devices, Collection<String> wholeIds) {
        this.devices = List.copyOf(devices);
        for (var d : this.devices) {
            byUuid.put(d.uuid(), d);
            if (healthy.put(d.uuid(), d.healthy()) != null) {
                throw new IllegalArgumentException("duplicate device UUID " + d.uuid());
            }
        }
        for (var id : wholeIds) {
            if (healthy.put(id, true) != null) {
                throw new IllegalArgumentException("duplicate device UUID " + id);
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

    /** Whether a device of this UUID is one of the inventory's. */
    public boolean knows(String uuid) {
        return byUuid.containsKey(uuid);
    }

    /** The device of this UUID. */
    public Optional<PhysicalDevice> device(String uuid) {
        return Optional.ofNullable(byUuid.get(uuid));
    }

    /**
     * The device an allocation names: by its UUID, or, for a device type the scheduler learns from the node's
     * capacity, by the id it made up for the device's position ({@link CapacityIds}).
     */
    public Optional<PhysicalDevice> allocated(String nodeName, Vendor vendor, String id) {
        var device = device(id);
        if (device.isPresent()) {
            return device;
        }
        var index = CapacityIds.index(nodeName, vendor, id);
        return index.isPresent() && index.getAsInt() < devices.size() ? Optional.of(devices.get(index.getAsInt()))
                : Optional.empty();
    }

    /** Whether a device of this UUID is known and healthy. */
    public synchronized boolean isHealthy(String uuid) {
        return Boolean.TRUE.equals(healthy.get(uuid));
    }

    /** Marks devices unhealthy; unknown UUIDs are ignored. Listeners run once if anything changed. */
    public void markUnhealthy(List<String> uuids, String reason) {
        mark(uuids, false, reason);
    }

    /** Marks devices healthy again; unknown UUIDs are ignored. Listeners run once if anything changed. */
    public void markRecovered(List<String> uuids, String reason) {
        mark(uuids, true, reason);
    }

    private void mark(List<String> uuids, boolean now, String reason) {
        boolean changed = false;
        synchronized (this) {
            for (var uuid : uuids) {
                if (Boolean.valueOf(!now).equals(healthy.get(uuid))) {
                    healthy.put(uuid, now);
                    changed = true;
                    if (now) {
                        LOG.info("device {} is healthy again: {}", uuid, reason);
                    } else {
                        LOG.warn("device {} is unhealthy: {}", uuid, reason);
                    }
                }
            }
        }
        if (changed) {
            listeners.forEach(Runnable::run);
        }
    }

    @Override
    public void unhealthy(List<String> uuids, String reason) {
        markUnhealthy(uuids, reason);
    }

    @Override
    public void recovered(List<String> uuids, String reason) {
        markRecovered(uuids, reason);
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
