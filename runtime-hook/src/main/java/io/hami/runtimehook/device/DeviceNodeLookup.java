package io.hami.runtimehook.device;

import io.hami.runtimehook.HookException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads one device node of the host: its numbers, mode and owner. The hook asks it for every node it passes into a
 * container or verifies there; {@link #fileSystem()} reads the real files, and tests give a lookup of their own, so
 * that the planning and verification run without device nodes made by root.
 */
@FunctionalInterface
public interface DeviceNodeLookup {

    /**
     * The character device at host path {@code host}, described as the container sees it at {@code path}; empty when
     * nothing is there.
     *
     * @throws HookException when something else than a character device is there, or it cannot be read
     */
    Optional<DeviceNode> read(Path host, String path) throws HookException;

    /** The host's file system: the node itself, never what a symbolic link points to. */
    static DeviceNodeLookup fileSystem() {
        return FileSystemDeviceNodes.INSTANCE;
    }
}
