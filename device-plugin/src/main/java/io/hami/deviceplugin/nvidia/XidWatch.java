package io.hami.deviceplugin.nvidia;

import io.hami.bindings.nvml.Nvml;
import io.hami.bindings.nvml.NvmlDevice;
import io.hami.bindings.nvml.NvmlEvent;
import io.hami.bindings.nvml.NvmlEventWatch;
import io.hami.bindings.nvml.NvmlException;
import io.hami.deviceplugin.devices.DeviceSource;
import io.hami.deviceplugin.devices.DeviceSource.HealthListener;
import io.hami.deviceplugin.devices.PhysicalDevice;
import io.hami.deviceplugin.devices.XidPolicy;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread waiting on one NVML event set for the devices' XID events, as HAMi's health check does: a
 * critical XID makes its GPU unhealthy; a failed wait (anything but success or timeout) makes every GPU
 * unhealthy and ends the watch. A device that supports no health events is not watched (too old, not ill).
 */
final class XidWatch implements DeviceSource.HealthWatch {
    private static final Logger LOG = LoggerFactory.getLogger(XidWatch.class);

    private final NvmlEventWatch watch;
    private final Map<NvmlDevice, String> uuids;
    private final List<String> all;
    private final XidPolicy policy;
    private final Duration slice;
    private final HealthListener listener;
    private final Thread thread;
    private volatile boolean running = true;

    private XidWatch(NvmlEventWatch watch, Map<NvmlDevice, String> uuids, List<String> all, XidPolicy policy,
                     Duration slice, HealthListener listener) {
        this.watch = watch;
        this.uuids = uuids;
        this.all = all;
        this.policy = policy;
        this.slice = slice;
        this.listener = listener;
        this.thread = Thread.ofPlatform().daemon().name("hami-xid-watch").unstarted(this::run);
    }

    static XidWatch start(Nvml nvml, List<PhysicalDevice> devices, XidPolicy policy, Duration slice,
                          HealthListener listener) {
        var watch = nvml.watch();
        var uuids = new HashMap<NvmlDevice, String>();
        try {
            for (var d : devices) {
                var handle = nvml.deviceByUuid(d.uuid());
                if (watch.registerHealthEvents(handle)) {
                    uuids.put(handle, d.uuid());
                } else {
                    LOG.warn("device {} supports no health events; its XIDs are not watched", d.uuid());
                }
            }
        } catch (RuntimeException e) {
            watch.close();
            throw e;
        }
        var all = devices.stream().map(PhysicalDevice::uuid).toList();
        var xid = new XidWatch(watch, Map.copyOf(uuids), all, policy, slice, listener);
        xid.thread.start();
        return xid;
    }

    private void run() {
        try {
            while (running) {
                watch.next(slice).ifPresent(this::handle);
            }
        } catch (NvmlException e) {
            listener.unhealthy(all, "NVML event wait failed: " + e.getMessage());
        }
    }

    private void handle(NvmlEvent event) {
        if (!event.isXid() || !policy.critical(event.eventData())) {
            LOG.debug("ignored NVML event {} (data {})", event.eventType(), event.eventData());
            return;
        }
        var uuid = uuids.get(event.device());
        var reason = "XID " + event.eventData() + (uuid == null ? " on an unknown device" : " on " + uuid);
        listener.unhealthy(uuid == null ? all : List.of(uuid), reason);
    }

    /**
     * Stops the thread (within one wait slice) and frees the event set. It waits for the thread even when
     * interrupted, since freeing the set under a waiting driver call is unsafe; the interrupt is kept.
     */
    @Override
    public void close() {
        running = false;
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        watch.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
