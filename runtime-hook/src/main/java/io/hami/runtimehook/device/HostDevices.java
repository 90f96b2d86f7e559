package io.hami.runtimehook.device;

import io.hami.runtimehook.HookException;
import io.hami.runtimehook.config.RuntimeHookConfig;
import java.util.Optional;

/**
 * The host's device nodes under the configured device root, by container path ({@code /dev/nvidia0}), read through a
 * {@link DeviceNodeLookup}. A device's node is trusted only when its numbers are the ones the driver gives that
 * device: a node under the device root that names another device (say {@code /dev/nvidia2} made as {@code 195:5})
 * would pass a GPU the allocation does not hold into the container.
 */
public final class HostDevices {
    private final RuntimeHookConfig config;
    private final DeviceNodeLookup lookup;

    public HostDevices(RuntimeHookConfig config, DeviceNodeLookup lookup) {
        this.config = config;
        this.lookup = lookup;
    }

    /**
     * The node behind container path {@code path} (e.g. {@code /dev/nvidia0}); empty when the host has none.
     *
     * @throws HookException when it exists but is not a character device
     */
    public Optional<DeviceNode> find(String path) throws HookException {
        return lookup.read(config.hostNode(path), path);
    }

    /**
     * The node of device number {@code n} (the minor the vendor's library reports), at the vendor's per-device path,
     * which must exist and be the character device {@code major:n}, where {@code major} is the vendor's fixed one
     * (any major where the driver takes a dynamic one).
     *
     * @param what names the device in errors, e.g. {@code GPU GPU-…}
     * @throws HookException when the node is missing, not a character device, or has other numbers
     */
    public DeviceNode requireDevice(int n, String what) throws HookException {
        var pattern = config.deviceNodes();
        var path = pattern.nodeOf(n);
        var node = require(path, what);
        var major = pattern.perDeviceMajor();
        if (node.minor() != n || major.isPresent() && node.major() != major.getAsInt()) {
            throw new HookException(what + ": device node " + config.hostNode(path) + " is c " + node.major() + ":" + node.minor()
                    + " on the host, but the driver reports " + (major.isPresent() ? major.getAsInt() + ":" + n : "minor " + n));
        }
        return node;
    }

    /** The node behind {@code path}, which must exist. */
    public DeviceNode require(String path, String why) throws HookException {
        var node = find(path);
        if (node.isEmpty()) {
            throw new HookException(why + ": device node " + config.hostNode(path) + " does not exist");
        }
        return node.get();
    }
}
