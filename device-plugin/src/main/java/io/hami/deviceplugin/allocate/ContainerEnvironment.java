package io.hami.deviceplugin.allocate;

import io.hami.model.protocol.ContainerIdentity;
import io.hami.model.protocol.ContainerSpec;
import io.hami.model.device.ContainerDevices;
import java.nio.file.Path;

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

    /** The host's HAMi-core directory, under which each container's directory is made empty before it starts. */
    Path vgpuDir();
}
