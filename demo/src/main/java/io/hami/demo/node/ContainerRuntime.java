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

    /** A started container. */
    interface Running {
        /** Stops the container and removes what its start created; idempotent. */
        void stop() throws IOException;
    }
}
