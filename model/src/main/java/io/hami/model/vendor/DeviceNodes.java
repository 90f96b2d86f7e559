package io.hami.model.vendor;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The character devices a container needs for one device type.
 *
 * @param shared    nodes every container of this type gets, e.g. {@code /dev/nvidiactl}
 * @param perDevice pattern of the node of one device; {@code {n}} stands for the device's minor or index,
 *                  e.g. {@code /dev/nvidia{n}}; empty when the vendor's runtime injects the nodes itself
 * @param visibleDevicesEnv the variable the vendor's container runtime reads to pick devices, where it has one
 */
public record DeviceNodes(List<String> shared, String perDevice, Optional<String> visibleDevicesEnv) {

    public DeviceNodes {
        shared = List.copyOf(Objects.requireNonNull(shared, "shared"));
        for (var node : shared) {
            requireDevPath(node, "shared");
        }
        Objects.requireNonNull(perDevice, "perDevice");
        if (!perDevice.isEmpty()) {
            requireDevPath(perDevice, "perDevice");
            if (!perDevice.contains("{n}")) {
                throw new IllegalArgumentException("perDevice pattern lacks {n}: " + perDevice);
            }
        }
        Objects.requireNonNull(visibleDevicesEnv, "visibleDevicesEnv");
        visibleDevicesEnv.ifPresent(env -> {
            if (!env.matches("[A-Z_][A-Z0-9_]*")) {
                throw new IllegalArgumentException("visibleDevicesEnv is not an environment variable name: " + env);
            }
        });
    }

    /** The node path of device {@code n}. */
    public String nodeOf(int n) {
        if (perDevice.isEmpty()) {
            throw new IllegalStateException("this device type has no per-device node pattern");
        }
        if (n < 0) {
            throw new IllegalArgumentException("device number must not be negative: " + n);
        }
        return perDevice.replace("{n}", Integer.toString(n));
    }

    private static void requireDevPath(String path, String field) {
        if (path == null || !path.startsWith("/dev/") || path.contains("..")) {
            throw new IllegalArgumentException(field + " device node must be a path under /dev: " + path);
        }
    }
}
