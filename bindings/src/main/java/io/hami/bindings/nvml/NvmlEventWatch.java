package io.hami.bindings.nvml;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An NVML event set with the devices registered on it, as HAMi's health check uses one: register each
 * physical GPU for the health events it supports, then wait in a loop. Close it to free the set (once;
 * closing again is harmless). One thread waits at a time.
 */
public final class NvmlEventWatch implements AutoCloseable {

    private final NvmlApi api;
    private final NvmlEventSet set;
    private final AtomicBoolean closed = new AtomicBoolean();

    NvmlEventWatch(NvmlApi api, NvmlEventSet set) {
        this.api = api;
        this.set = set;
    }

    /**
     * Registers {@code device} for the health events ({@link NvmlEvent#HEALTH_MASK}) it supports.
     *
     * @return false when the device or driver supports none: too old for health checks, not unhealthy
     */
    public boolean registerHealthEvents(NvmlDevice device) {
        var supported = api.deviceSupportedEventTypes(device).optional();
        long mask = supported.orElse(0L) & NvmlEvent.HEALTH_MASK;
        if (mask == 0) {
            return false;
        }
        return register(device, mask);
    }

    /** Registers {@code device} for the events of {@code mask}; false when the device does not support them. */
    public boolean register(NvmlDevice device, long mask) {
        var r = api.deviceRegisterEvents(device, mask, set);
        if (r.ok()) {
            return true;
        }
        if (r.absent()) {
            return false;
        }
        throw NvmlException.of(r.symbol(), r.code());
    }

    /**
     * The next event, waiting up to {@code timeout} (at most 2^31-1 ms) inside the driver; empty when none
     * arrived in time.
     *
     * @throws NvmlException for anything but success or a timeout; HAMi then marks every device unhealthy
     */
    public Optional<NvmlEvent> next(Duration timeout) {
        int ms = Math.clamp(timeout.toMillis(), 0, Integer.MAX_VALUE);
        var r = api.eventSetWait(set, ms);
        if (r.status() == NvmlReturn.TIMEOUT) {
            return Optional.empty();
        }
        return Optional.of(r.orThrow());
    }

    /** Frees the event set. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            api.eventSetFree(set).orThrow();
        }
    }
}
