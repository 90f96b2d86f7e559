package io.hami.demo.node;

import io.hami.kubelet.v1beta1.ContainerAllocateResponse;
import java.io.IOException;

/**
 * How the node's kubelet "starts" a container once the device plugin allocated it: as HAMi-core's process
 * would appear to the monitor ({@link RegionWriterRuntime}), or under a real OCI runtime.
 */
public interface ContainerRuntime {

    /**
     * Starts {@code container} with what {@code Allocate} answered (the default instance for a container
     * without devices).
     *
     * @throws IOException when the container cannot be started; nothing of it is left behind
     */
    Running start(PodContainer container, ContainerAllocateResponse allocation) throws IOException;

    /**
     * What the container is really created with, given what {@code Allocate} answered: a runtime with our runtime shim
     * in front adds what the shim adds (a lockless container's limits from the allocation store). The default: the
     * answer itself, where a real shim does that work or none is needed.
     *
     * @throws IOException when the container must not be created (the shim's one line)
     */
    default ContainerAllocateResponse prepare(PodContainer container, ContainerAllocateResponse allocation) throws IOException {
        return allocation;
    }

    /**
     * Removes what a container that was allocated but never started left on the node (the per-container directory its
     * device plugin's {@code Allocate} made), as stopping a started container does: its pod failed admission at a later
     * container. The default: nothing is left.
     */
    default void discard(PodContainer container, ContainerAllocateResponse allocation) throws IOException {
    }

    /** A started container. */
    interface Running {
        /** Stops the container and removes what its start created; idempotent. */
        void stop() throws IOException;
    }
}
