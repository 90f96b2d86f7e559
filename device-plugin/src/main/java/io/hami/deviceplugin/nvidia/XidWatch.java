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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread waiting on one NVML event set for the devices' XID events, as HAMi's health check does: a
 * critical XID makes its GPU unhealthy; a failed wait (anything but success or timeout) makes every GPU
 * unhealthy and ends the watch. A device that supports no health events is not watched (too old, not ill).
 *
 * <p>MIG devices handed out whole (the static MIG strategies) are watched through their GPU, as NVIDIA's plugin
 * watches them: an XID whose event names a GPU instance and a compute instance makes only the MIG device of those
 * ids unhealthy, the GPU's other MIG devices staying healthy; an XID naming no instance makes every MIG device of
 * the GPU unhealthy.
 */
final class XidWatch implements DeviceSource.HealthWatch {
    private static final Logger LOG = LoggerFactory.getLogger(XidWatch.class);

    private final NvmlEventWatch watch;
    private final Map<NvmlDevice, List<Watched>> watched;
    private final List<String> all;
    private final XidPolicy policy;
    private final Duration slice;
    private final HealthListener listener;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * A device the listener knows by {@code uuid}: a whole GPU (no instance ids), or a MIG device of the GPU whose
     * events carry its GPU-instance and compute-instance ids.
     */
    private record Watched(String uuid, OptionalInt gpuInstanceId, OptionalInt computeInstanceId) {

        static Watched gpu(String uuid) {
            return new Watched(uuid, OptionalInt.empty(), OptionalInt.empty());
        }

        static Watched mig(MigUnit unit) {
            return new Watched(unit.uuid(), OptionalInt.of(unit.device().gpuInstanceId()),
                    OptionalInt.of(unit.device().computeInstanceId()));
        }

        /** Whether an event on this device's GPU is about this device. */
        boolean hit(NvmlEvent event) {
            return gpuInstanceId.isEmpty() || event.gpuInstanceId().isEmpty() || event.computeInstanceId().isEmpty()
                    || (event.gpuInstanceId().equals(gpuInstanceId) && event.computeInstanceId().equals(computeInstanceId));
        }
    }

    private XidWatch(NvmlEventWatch watch, Map<NvmlDevice, List<Watched>> watched, List<String> all, XidPolicy policy,
                     Duration slice, HealthListener listener) {
        this.watch = watch;
        this.watched = watched;
        this.all = all;
        this.policy = policy;
        this.slice = slice;
        this.listener = listener;
        this.thread = Thread.ofPlatform().daemon().name("hami-xid-watch").unstarted(this::run);
    }

    static XidWatch start(Nvml nvml, List<PhysicalDevice> devices, List<MigUnit> migDevices, XidPolicy policy,
                          Duration slice, HealthListener listener) {
        var byGpu = new LinkedHashMap<String, List<Watched>>();
        devices.forEach(d -> byGpu.computeIfAbsent(d.uuid(), u -> new ArrayList<>()).add(Watched.gpu(d.uuid())));
        migDevices.forEach(m -> byGpu.computeIfAbsent(m.device().parentUuid(), u -> new ArrayList<>()).add(Watched.mig(m)));
        var watch = nvml.watch();
        var watched = new HashMap<NvmlDevice, List<Watched>>();
        try {
            for (var gpu : byGpu.entrySet()) {
                var handle = nvml.deviceByUuid(gpu.getKey());
                if (watch.registerHealthEvents(handle)) {
                    watched.put(handle, List.copyOf(gpu.getValue()));
                } else {
                    LOG.warn("device {} supports no health events; its XIDs are not watched", gpu.getKey());
                }
            }
        } catch (RuntimeException e) {
            watch.close();
            throw e;
        }
        var all = byGpu.values().stream().flatMap(List::stream).map(Watched::uuid).toList();
        var xid = new XidWatch(watch, Map.copyOf(watched), all, policy, slice, listener);
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
        var onGpu = watched.get(event.device());
        if (onGpu == null) {
            listener.unhealthy(all, "XID " + event.eventData() + " on an unknown device");
            return;
        }
        var hit = onGpu.stream().filter(w -> w.hit(event)).map(Watched::uuid).toList();
        var instance = event.gpuInstanceId().isPresent() && event.computeInstanceId().isPresent()
                ? " (GPU instance " + event.gpuInstanceId().getAsInt() + ", compute instance "
                        + event.computeInstanceId().getAsInt() + ")" : "";
        if (hit.isEmpty()) {
            LOG.warn("XID {} on a MIG device that is not offered{}; no device is marked", event.eventData(), instance);
            return;
        }
        for (var uuid : hit) {
            listener.unhealthy(List.of(uuid), "XID " + event.eventData() + " on " + uuid + instance);
        }
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
