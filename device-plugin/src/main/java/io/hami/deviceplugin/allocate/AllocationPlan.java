package io.hami.deviceplugin.allocate;

import io.hami.model.annotation.PodRef;
import io.hami.model.protocol.ContainerIdentity;
import io.hami.model.protocol.ContainerSpec;
import io.hami.model.device.ContainerDevices;
import io.hami.model.device.PodDevices;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.nio.file.Path;

/**
 * What one {@code Allocate} will do, decided before anything is written: per kubelet container request the
 * container, its devices and its environment; the allocation annotation with those entries emptied; and
 * whether that leaves the pod with nothing more to allocate.
 *
 * @param pod        the pod
 * @param containers one per kubelet container request, in request order
 * @param remaining  the pod's {@code …-devices-to-allocate} after this call
 * @param complete   no entry of {@code remaining} holds a device: the bind phase ends with {@code success}
 */
public record AllocationPlan(PodRef pod, List<ContainerAllocation> containers, PodDevices remaining, boolean complete) {

    public AllocationPlan {
        Objects.requireNonNull(pod, "pod");
        containers = List.copyOf(containers);
        Objects.requireNonNull(remaining, "remaining");
    }

    /**
     * One container's share.
     *
     * @param id      the pod UID and container name
     * @param devices the devices the scheduler chose for it
     * @param spec    its environment, mounts and device nodes
     * @param directoryRoot where its host directory is made empty before it starts; empty for none
     * @param claim   what it holds on the host beyond its directory, written before the pod is; empty for nothing
     */
    public record ContainerAllocation(ContainerIdentity id, ContainerDevices devices, ContainerSpec spec,
                                      Optional<Path> directoryRoot, Optional<HostClaim> claim) {
        public ContainerAllocation {
            Objects.requireNonNull(directoryRoot, "directoryRoot");
            Objects.requireNonNull(claim, "claim");
        }
    }

    /** Releases every container's host claim, last first; used when the {@code Allocate} fails after planning. */
    public void releaseClaims() {
        releaseClaims(containers);
    }

    static void releaseClaims(List<ContainerAllocation> containers) {
        for (int i = containers.size() - 1; i >= 0; i--) {
            containers.get(i).claim().ifPresent(HostClaim::release);
        }
    }
}
