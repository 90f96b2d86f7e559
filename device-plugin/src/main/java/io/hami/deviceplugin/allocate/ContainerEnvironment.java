package io.hami.deviceplugin.allocate;

import io.hami.model.protocol.ContainerSpec;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a vendor puts into a container for its share of devices: the one vendor-specific step of
 * {@code Allocate}. {@link #spec} and {@link #directoryRoot} are pure functions of their arguments and the
 * configuration; a vendor that keeps state per container on the host reserves it in {@link #claim}.
 */
public interface ContainerEnvironment {

    /**
     * The environment, mounts and device nodes of one container.
     *
     * @throws IllegalArgumentException when the allocation cannot be expressed (too many devices, a device that is
     *                                  not on this node, a pod annotation the vendor needs that is missing or bad)
     */
    ContainerSpec spec(ContainerShare share);

    /**
     * The host directory under which the container's own directory ({@code <uid>_<container>}) is made empty before it
     * starts; empty when the vendor keeps no per-container state on the host.
     */
    Optional<Path> directoryRoot(ContainerShare share);

    /**
     * Reserves what the container needs on the host beyond its spec (Hygon's vDCU ids and files), written by the
     * {@link Allocator} once the whole plan stands; empty, as for most vendors, when it needs nothing. Called after
     * {@link #spec} succeeded for the share.
     *
     * @throws IllegalArgumentException when what the share needs cannot be reserved (every id in use)
     */
    default Optional<HostClaim> claim(ContainerShare share) {
        return Optional.empty();
    }
}
