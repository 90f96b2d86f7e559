package io.hami.model.container;

import java.util.Objects;

/**
 * A bind mount a container needs: a host path seen at a container path.
 *
 * @param containerPath absolute path inside the container
 * @param hostPath      absolute path on the node
 * @param readOnly      whether the container may write through it
 */
public record Mount(String containerPath, String hostPath, boolean readOnly) {

    public Mount {
        requireAbsolute(containerPath, "containerPath");
        requireAbsolute(hostPath, "hostPath");
    }

    private static void requireAbsolute(String path, String field) {
        Objects.requireNonNull(path, field);
        if (!path.startsWith("/") || path.contains("\0") || ("/" + path + "/").contains("/../")) {
            throw new IllegalArgumentException(field + ": not an absolute path without '..': " + path);
        }
    }
}
