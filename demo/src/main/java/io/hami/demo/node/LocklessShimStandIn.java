package io.hami.demo.node;

import io.hami.kubelet.v1beta1.ContainerAllocateResponse;
import io.hami.kubelet.v1beta1.Mount;
import io.hami.model.protocol.ContainerIdentity;
import io.hami.model.protocol.HamiCoreSettings;
import io.hami.model.protocol.HamiCoreView;
import io.hami.model.store.AllocationStore;
import io.hami.runtimehook.HookException;
import io.hami.runtimehook.identity.PodIdentity;
import io.hami.runtimehook.inject.AllocationRecords;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * What the runtime shim does to a lockless container (docs/protocol.md, "Binds without the node lock"), for
 * containers that start without an OCI runtime (region writers): the container's record is read from the node's
 * allocation store by the shim's own reader, with its bounded wait, and turned into HAMi-core's variables and mounts by
 * the function {@code Allocate} uses, with the plugin's optional variables the record carries. A container whose answer is not lockless is left as it is.
 */
final class LocklessShimStandIn {
    private final AllocationRecords records;
    private final HamiCoreSettings settings;

    /**
     * @param hookPath the node's HAMi-core hook path (its store is {@code <hookPath>/vgpu/allocations})
     * @param wait     how long a container waits for its record, as the shim's {@code allocationWait}
     */
    LocklessShimStandIn(Path hookPath, Duration wait) {
        var hook = hookPath.toString();
        this.settings = new HamiCoreSettings(hook, hook + "/vgpu/libvgpu.so", false, Optional.empty(), false);
        this.records = new AllocationRecords(AllocationStore.under(Path.of(settings.vgpuDir())), wait);
    }

    /** The answer the container really starts with. */
    ContainerAllocateResponse resolve(PodContainer id, ContainerAllocateResponse allocation) throws IOException {
        var count = allocation.getEnvsMap().get(AllocationStore.LOCKLESS_DEVICES_ENV);
        if (count == null) {
            return allocation;
        }
        var container = new ContainerIdentity(id.uid(), id.container());
        try {
            var entry = records.await(new PodIdentity(id.namespace(), id.pod(), container), Integer.parseInt(count));
            var core = settings.withOptions(entry.hamiCore());
            var out = allocation.toBuilder().removeEnvs(AllocationStore.LOCKLESS_DEVICES_ENV)
                    .putAllEnvs(HamiCoreView.env(entry.devices(), core, HamiCoreView.sharedCachePath(core, UUID.randomUUID().toString())));
            for (var m : HamiCoreView.mounts(container, settings, false)) {
                out.addMounts(Mount.newBuilder().setContainerPath(m.containerPath()).setHostPath(m.hostPath()).setReadOnly(m.readOnly()));
            }
            return out.build();
        } catch (HookException | NumberFormatException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
