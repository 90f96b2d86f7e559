package io.hami.model.protocol;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A character device handed to a container, as kubelet's {@code DeviceSpec} carries it: the node on the host, where
 * it appears in the container, and the cgroup permissions ({@code r}, {@code w}, {@code m} in that order).
 *
 * @param containerPath where the container sees it, an absolute path
 * @param hostPath      the node on the host, an absolute path under {@code /dev}
 * @param permissions   a non-empty subsequence of {@code rwm}
 */
public record HostDevice(String containerPath, String hostPath, String permissions) {

    private static final Pattern PERMISSIONS = Pattern.compile("r?w?m?");

    /** Read and write, the permissions device plugins hand out unless a vendor needs {@code mknod}. */
    public static final String READ_WRITE = "rw";

    public HostDevice {
        requireDevicePath(containerPath, "containerPath");
        requireDevicePath(hostPath, "hostPath");
        Objects.requireNonNull(permissions, "permissions");
        if (permissions.isEmpty() || !PERMISSIONS.matcher(permissions).matches()) {
            throw new IllegalArgumentException("device permissions must be a non-empty part of \"rwm\": " + permissions);
        }
    }

    /** The same node at the same path in the container, read and write. */
    public static HostDevice same(String path) {
        return new HostDevice(path, path, READ_WRITE);
    }

    private static void requireDevicePath(String path, String what) {
        Objects.requireNonNull(path, what);
        if (!path.startsWith("/dev/") || path.contains("/../") || path.endsWith("/..") || path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " must be a path under /dev/: " + path);
        }
    }
}
