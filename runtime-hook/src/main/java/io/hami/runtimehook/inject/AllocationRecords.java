package io.hami.runtimehook.inject;

import io.hami.model.annotation.GoDuration;
import io.hami.model.device.ContainerDevices;
import io.hami.model.input.UntrustedInputException;
import io.hami.model.protocol.HamiCoreOptions;
import io.hami.model.store.AllocationStore;
import io.hami.model.store.PodAllocation;
import io.hami.runtimehook.HookException;
import io.hami.runtimehook.identity.PodIdentity;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The shim's side of the allocation store (docs/protocol.md, "Binds without the node lock"): the devices of a lockless
 * container, from its pod's record, waiting a bounded time for the device plugin to write it (its informer may see
 * the bound pod after kubelet does). Every way this can fail is one line naming the pod and the container: no record
 * within the wait, a damaged record or one of a newer format (at once: waiting would not mend it), a record without
 * the container, or one that gives it another number of devices than kubelet handed it.
 */
public final class AllocationRecords {
    /** How often the store is read again while the record is missing. */
    static final Duration POLL = Duration.ofMillis(25);

    /** Sleeps; tests replace it with a clock of their own. */
    interface Pause {
        void sleep(Duration d) throws InterruptedException;
    }

    private final AllocationStore store;
    private final Duration wait;
    private final LongSupplier nanoTime;
    private final Pause pause;

    /** Reads {@code store}, waiting up to {@code wait} for a record. */
    public AllocationRecords(AllocationStore store, Duration wait) {
        this(store, wait, SystemTime.INSTANCE, SystemTime.INSTANCE);
    }

    /** The system's clock and sleep; a class, not two lambdas: every container start makes one (docs/performance.md). */
    private static final class SystemTime implements LongSupplier, Pause {
        static final SystemTime INSTANCE = new SystemTime();

        @Override
        public long getAsLong() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration d) throws InterruptedException {
            Thread.sleep(d);
        }
    }

    AllocationRecords(AllocationStore store, Duration wait, LongSupplier nanoTime, Pause pause) {
        this.store = Objects.requireNonNull(store, "store");
        this.wait = Objects.requireNonNull(wait, "wait");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.pause = Objects.requireNonNull(pause, "pause");
    }

    /**
     * A lockless container's part of its pod's record.
     *
     * @param devices  the container's devices
     * @param hamiCore the device plugin's optional HAMi-core variables, which the record carries for every container
     */
    public record Entry(ContainerDevices devices, HamiCoreOptions hamiCore) {
    }

    /**
     * The devices of {@code pod}'s container, with the plugin's HAMi-core options of its record.
     *
     * @param devices how many devices kubelet handed the container ({@link AllocationStore#LOCKLESS_DEVICES_ENV})
     * @throws HookException as the class says
     */
    public Entry await(PodIdentity pod, int devices) throws HookException {
        var uid = pod.container().podUid();
        var name = pod.container().containerName();
        long end = nanoTime.getAsLong() + wait.toNanos();
        while (true) {
            Optional<PodAllocation> record;
            try {
                record = store.read(uid);
            } catch (UntrustedInputException e) {
                throw new HookException("pod " + pod + ": allocation record unusable: " + e.getMessage(), e);
            }
            if (record.isPresent()) {
                var found = record.get().devicesOf(name);
                if (found.isEmpty()) {
                    throw new HookException("pod " + pod + ": the allocation record of pod uid " + uid + " gives container "
                            + name + " no device, but kubelet handed it " + devices);
                }
                var entry = found.get();
                if (entry.devices().size() != devices) {
                    throw new HookException("pod " + pod + ": the allocation record gives container " + name + " "
                            + entry.devices().size() + " device(s), kubelet handed it " + devices);
                }
                return new Entry(entry, record.get().hamiCore());
            }
            long left = end - nanoTime.getAsLong();
            if (left <= 0) {
                throw new HookException("pod " + pod + " (uid " + uid + "): no allocation record in " + store.directory()
                        + " after " + GoDuration.format(wait)
                        + ": the device plugin has not written one (is it running with --lockless? is the pod gone?)");
            }
            try {
                pause.sleep(Duration.ofNanos(Math.min(left, POLL.toNanos())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HookException("pod " + pod + ": interrupted while waiting for its allocation record", e);
            }
        }
    }
}
