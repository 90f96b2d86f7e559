package io.hami.runtimehook.device;

import io.hami.runtimehook.HookException;
import io.hami.runtimehook.config.RuntimeHookConfig;
import java.util.Optional;

/**
 * The host's device nodes under the configured device root, by container path ({@code /dev/nvidia0}), read through a
 * {@link DeviceNodeLookup}.
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

    /** The node behind {@code path}, which must exist. */
    public DeviceNode require(String path, String why) throws HookException {
        return find(path).orElseThrow(() -> new HookException(why + ": device node " + config.hostNode(path) + " does not exist"));
    }
}
