package io.hami.runtimehook.device;

import io.hami.runtimehook.oci.DeviceCgroupRule;
import io.hami.runtimehook.oci.LinuxDevice;
import java.util.Objects;

/**
 * A character device as the container gets it: its path in the container (the host node has the same name under
 * the configured device root) and the numbers, mode and owner read from the host node.
 *
 * @param path     e.g. {@code /dev/nvidia0}
 * @param major    the host node's major number
 * @param minor    the host node's minor number
 * @param fileMode the host node's permission bits
 * @param uid      the host node's owner
 * @param gid      the host node's group
 */
public record DeviceNode(String path, long major, long minor, int fileMode, long uid, long gid) {

    public DeviceNode {
        Objects.requireNonNull(path, "path");
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("device numbers must not be negative: " + major + ":" + minor);
        }
    }

    /** The {@code linux.devices} entry that makes the runtime create this node. */
    public LinuxDevice linuxDevice() {
        return new LinuxDevice(path, "c", major, minor, fileMode, uid, gid);
    }

    /** The device cgroup rule that lets the container read, write and mknod this node. */
    public DeviceCgroupRule allowRule() {
        return new DeviceCgroupRule(true, "c", major, minor, "rwm");
    }

    /** Whether {@code d} describes this same character device. */
    public boolean sameDevice(LinuxDevice d) {
        return path.equals(d.path()) && "c".equals(d.type())
                && d.major() != null && d.major() == major && d.minor() != null && d.minor() == minor;
    }

    @Override
    public String toString() {
        return path + " (c " + major + ":" + minor + ")";
    }
}
