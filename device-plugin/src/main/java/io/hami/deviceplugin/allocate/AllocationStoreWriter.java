package io.hami.deviceplugin.allocate;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.hami.model.annotation.PodDevicesCodec;
import io.hami.model.annotation.PodRef;
import io.hami.model.device.ContainerDevices;
import io.hami.model.informer.RetryEveryFailure;
import io.hami.model.kube.LeanPod;
import io.hami.model.protocol.HamiAnnotations;
import io.hami.model.protocol.HamiCoreOptions;
import io.hami.model.store.AllocationStore;
import io.hami.model.store.PodAllocation;
import io.hami.model.vendor.VendorDescriptor;
import io.hami.model.wire.WireFormatException;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the node's allocation store (docs/protocol.md, "The allocation store") from a pod informer, in lockless mode:
 * a pod bound to this node whose {@code …-devices-allocated} gives its containers devices of the plugin's type has its
 * record, written once it is bound and rewritten only when it changes; a pod that is deleted or has finished loses it.
 * Once the informer has listed the node's pods, records of pods that are gone (deleted while the plugin was down) are
 * removed. A pod whose allocation cannot be read gets no record (the shim then fails its container after its wait) and
 * is counted.
 *
 * <p>Where a node lock names a pod that now has its record (HAMi's scheduler locks every bind), {@code released} is
 * told, so the lock does not outlive the bind: the record is what the lock stood for.
 *
 * <p>The writes and removals run on {@code writes}, in order per pod and side by side across pods: each write syncs
 * its file and the directory, and a burst of binds to the node would otherwise wait for those syncs one pod after
 * the other on the informer's thread, while each pod's container waits in the runtime shim for its own record.
 */
public final class AllocationStoreWriter implements ResourceEventHandler<LeanPod>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AllocationStoreWriter.class);

    private final AllocationStore store;
    private final HamiCoreOptions hamiCore;
    private final VendorDescriptor vendor;
    private final String node;
    private final Consumer<PodRef> released;
    private final Executor writes;
    /** The records this writer wrote or is writing, by pod UID: what the store holds once the pod's writes are done. */
    private final Map<String, PodAllocation> written = new ConcurrentHashMap<>();
    /** Per pod UID, the last of its store operations not yet done; the next one runs after it. */
    private final Map<String, CompletableFuture<Void>> queued = new ConcurrentHashMap<>();
    private volatile long unreadable;
    private SharedIndexInformer<LeanPod> informer;

    /**
     * @param target   the store, and the HAMi-core options every record carries
     * @param released told of each pod that got its record, to remove a node lock naming it
     * @param writes   runs the store's writes and removals (a virtual thread each, say; {@code Runnable::run} writes on
     *                 the informer's thread)
     */
    public AllocationStoreWriter(LocklessStore target, VendorDescriptor vendor, String node, Consumer<PodRef> released,
            Executor writes) {
        this.writes = Objects.requireNonNull(writes, "writes");
        this.store = target.store();
        this.hamiCore = target.hamiCore();
        this.vendor = Objects.requireNonNull(vendor, "vendor");
        this.node = Objects.requireNonNull(node, "node");
        this.released = Objects.requireNonNull(released, "released");
    }

    /** Starts the informer on the node's pods (label {@code hami.io/vgpu-node}); prunes once it has listed them. */
    public AllocationStoreWriter start(KubernetesClient client, Duration resync) {
        informer = client.resources(LeanPod.class).inAnyNamespace().withLabel(HamiAnnotations.VGPU_NODE, node).runnableInformer(resync.toMillis());
        informer.addEventHandler(this);
        RetryEveryFailure.install(informer, "pods of node " + node);
        informer.start().thenRun(() -> prune(informer.getStore().list()));
        return this;
    }

    /**
     * The record {@code pod} should have on {@code node}, carrying {@code hamiCore}: empty when it is not bound there, has finished, or gives no
     * container a device of the vendor's type.
     *
     * @throws WireFormatException when its {@code …-devices-allocated} cannot be read or matches no container
     */
    public static Optional<PodAllocation> recordOf(LeanPod pod, VendorDescriptor vendor, String node, HamiCoreOptions hamiCore) throws WireFormatException {
        var meta = pod.getMetadata();
        if (pod.getSpec() == null || !node.equals(pod.getSpec().getNodeName()) || finished(pod) || meta.getUid() == null) {
            return Optional.empty();
        }
        var key = vendor.annotations().devicesAllocated();
        var value = NodeLockPendingPods.annotation(meta.getAnnotations(), key);
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        var allocated = PodDevicesCodec.INSTANCE.decode(value);
        var containers = KubePods.containers(pod);
        var entries = new LinkedHashMap<String, ContainerDevices>();
        for (int i = 0; i < allocated.containers().size(); i++) {
            var entry = allocated.containers().get(i);
            if (entry.isEmpty()) {
                continue;
            }
            int index = i;
            var container = containers.containerOf(allocated, i, vendor.resources().count())
                    .orElseThrow(() -> new WireFormatException(key, "entry " + index,
                            "matches no container that requests " + vendor.resources().count(), value));
            entries.put(container.name(), entry);
        }
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PodAllocation(meta.getNamespace(), meta.getName(), meta.getUid(), entries, hamiCore));
        } catch (IllegalArgumentException e) {
            throw new WireFormatException(key, "pod", e.getMessage(), value);
        }
    }

    private static boolean finished(LeanPod pod) {
        var phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    /** Brings the pod's record up to date. */
    public void sync(LeanPod pod) {
        var uid = pod.getMetadata().getUid();
        var ref = new PodRef(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
        try {
            var record = recordOf(pod, vendor, node, hamiCore);
            if (record.isEmpty()) {
                if (uid != null && finished(pod)) {
                    remove(uid);
                }
                return;
            }
            var r = record.get();
            var before = written.put(uid, r);
            if (!r.equals(before)) {
                inOrder(uid, () -> write(ref, r, before == null));
            }
        } catch (WireFormatException e) {
            unreadable++;
            LOG.warn("pod {}: no allocation record: {}", ref, e.getMessage());
        }
    }

    /**
     * Writes the record, after the pod's earlier store operations.
     *
     * @param first the pod's first record in this process: one on disk already that equals it is kept (a restarted
     *              plugin finds the records it wrote before), and a record written is told to {@code released}
     */
    private void write(PodRef ref, PodAllocation r, boolean first) {
        try {
            if (first && r.equals(onDisk(r.uid()))) {
                return;
            }
            store.write(r);
            LOG.info("allocation record of pod {} written: {} container(s)", ref, r.containers().size());
            if (first) {
                released.accept(ref);
            }
        } catch (IOException | RuntimeException e) {
            written.remove(r.uid(), r); // the pod's next event tries again
            LOG.warn("pod {}: allocation record not written: {}", ref, e.toString());
        }
    }

    /** Runs {@code task} on the executor once the pod's earlier store operations are done. */
    private void inOrder(String uid, Runnable task) {
        CompletableFuture<Void> next = queued.compute(uid, (k, last) -> (last == null
                ? CompletableFuture.<Void>completedFuture(null) : last).handleAsync((v, e) -> {
                    task.run();
                    return null;
                }, writes));
        next.whenComplete((v, e) -> queued.remove(uid, next));
    }

    private PodAllocation onDisk(String uid) {
        try {
            return store.read(uid).orElse(null);
        } catch (IOException e) {
            return null; // rewritten
        }
    }

    /** Removes the record of the pod {@code uid}, after the pod's earlier store operations. */
    public void remove(String uid) {
        written.remove(uid);
        inOrder(uid, () -> delete(uid));
    }

    private void delete(String uid) {
        try {
            if (store.remove(uid)) {
                LOG.info("allocation record of pod uid {} removed", uid);
            }
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("allocation record of pod uid {} not removed: {}", uid, e.getMessage());
        }
    }

    /** Removes the records of pods that are not among {@code pods} (the informer's full list). */
    public void prune(Collection<LeanPod> pods) {
        Set<String> live = pods.stream().map(p -> p.getMetadata().getUid()).filter(Objects::nonNull).collect(Collectors.toSet());
        try {
            for (var uid : store.uids()) {
                if (!live.contains(uid)) {
                    remove(uid);
                }
            }
        } catch (IOException e) {
            LOG.warn("allocation store {} not pruned: {}", store.directory(), e.getMessage());
        }
    }

    /** Pods whose allocation could not be read into a record, since start. */
    public long unreadable() {
        return unreadable;
    }

    @Override
    public void onAdd(LeanPod pod) {
        sync(pod);
    }

    @Override
    public void onUpdate(LeanPod oldPod, LeanPod newPod) {
        sync(newPod);
    }

    @Override
    public void onDelete(LeanPod pod, boolean deletedFinalStateUnknown) {
        var uid = pod.getMetadata().getUid();
        if (uid != null) {
            remove(uid);
        }
    }

    @Override
    public void close() {
        if (informer != null) {
            informer.close();
        }
    }
}
