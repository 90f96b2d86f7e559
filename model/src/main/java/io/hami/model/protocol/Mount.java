package io.hami.model.protocol;

import java.util.Objects;

/**
 * A bind mount a container needs: a host path seen at a container path.
 *
 * @param containerPath absolute path inside the container
 * @param hostPath      absolute path on the node
 * @param kind          whether a directory or a single file is mounted (a runtime binds a directory recursively)
 * @param readOnly      whether the container may write through it
 */
public record Mount(String containerPath, String hostPath, Kind kind, boolean readOnly) {

    /** What is mounted. */
    public enum Kind {
        DIRECTORY,
        FILE
    }

    public Mount {
        requireAbsolute(containerPath, "containerPath");
        requireAbsolute(hostPath, "hostPath");
        Objects.requireNonNull(kind, "kind");
    }

    /** Whether a directory is mounted. */
    public boolean directory() {
        return kind == Kind.DIRECTORY;
    }

    /** Checks that {@code path} is absolute, free of NUL and of {@code ..} components. */
    static void requireAbsolute(String path, String field) {
        Objects.requireNonNull(path, field);
        if (!path.startsWith("/") || path.contains("\0") || ("/" + path + "/").contains("/../")) {
            throw new IllegalArgumentException(field + ": not an absolute path without '..': " + path);
        }
    }
}
