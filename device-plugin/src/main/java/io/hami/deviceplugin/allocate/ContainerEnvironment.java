package io.hami.deviceplugin.allocate;

import io.hami.model.container.ContainerIdentity;
import io.hami.model.container.ContainerSpec;
import io.hami.model.device.ContainerDevices;

/**
 * What a vendor puts into a container for its share of devices: the one vendor-specific step of
 * {@code Allocate}. Implementations are pure functions of their arguments and their configuration.
 */
public interface ContainerEnvironment {

    /**
     * The environment and mounts of one container.
     *
     * @param devices        the container's devices as the scheduler chose them
     * @param id             the pod and container
     * @param cacheId        a fresh random UUID naming the container's region file
     * @param disableControl the container asked to run without the limiter library
     * @throws IllegalArgumentException when the allocation cannot be expressed (e.g. too many devices)
     */
    ContainerSpec spec(ContainerDevices devices, ContainerIdentity id, String cacheId, boolean disableControl);

    /** The host directory created, empty and world-writable, for the container before it starts. */
    String hostContainerDir(ContainerIdentity id);
}
