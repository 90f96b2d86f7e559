package io.hami.model.vendor;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The character devices a container needs for one device type.
 *
 * @param shared    nodes every container of this type gets, e.g. {@code /dev/nvidiactl}
 * @param perDevice pattern of the node of one device; {@code {n}} stands for the device's minor or index,
 *                  e.g. {@code /dev/nvidia{n}}; empty when the vendor's runtime injects the nodes itself
 * @param perDeviceMajor the character-device major of every per-device node, where the driver registers a fixed
 *                  one (NVIDIA: 195, Linux's assigned number for NVIDIA GPUs); then the node of device {@code n}
 *                  must be {@code major:n} on the host. Empty where the driver takes a dynamic major.
 * @param visibleDevicesEnv the variable the vendor's container runtime reads to pick devices, where it has one
 */
public record DeviceNodes(List<String> shared, String perDevice, OptionalInt perDeviceMajor, Optional<String> visibleDevicesEnv) {

    /**
     * The variable Cambricon's runtime reads for a container given an sMLU instance, in place of the visible-devices
     * one: the card's node, its IPC node and the instance's node, comma-separated (docs/vendors.md, "Cambricon sMLU
     * instances").
     */
    public static final String CAMBRICON_SMLU_DEVICES_ENV = "VIRTUAL_DEVICES";


    /** The largest major number of a Linux {@code dev_t}: 12 bits. */
    public static final int MAX_MAJOR = 4095;

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
        Objects.requireNonNull(perDeviceMajor, "perDeviceMajor");
        if (perDeviceMajor.isPresent()) {
            int major = perDeviceMajor.getAsInt();
            if (perDevice.isEmpty() || major < 1 || major > MAX_MAJOR) {
                throw new IllegalArgumentException("perDeviceMajor needs a perDevice pattern and must lie in 1.." + MAX_MAJOR + ": " + major);
            }
        }
        Objects.requireNonNull(visibleDevicesEnv, "visibleDevicesEnv");
        if (visibleDevicesEnv.isPresent() && !isVariableName(visibleDevicesEnv.get())) {
            throw new IllegalArgumentException("visibleDevicesEnv is not an environment variable name: " + visibleDevicesEnv.get());
        }
    }

    /** Nodes whose driver takes a dynamic major: the per-device nodes' numbers are not known in advance. */
    public DeviceNodes(List<String> shared, String perDevice, Optional<String> visibleDevicesEnv) {
        this(shared, perDevice, OptionalInt.empty(), visibleDevicesEnv);
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

    /** [A-Z_][A-Z0-9_]*, checked by hand: this runs on every GPU container start, where a regex costs its classes. */
    private static boolean isVariableName(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c == '_' || i > 0 && c >= '0' && c <= '9')) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    private static void requireDevPath(String path, String field) {
        if (path == null || !path.startsWith("/dev/") || path.contains("..")) {
            throw new IllegalArgumentException(field + " device node must be a path under /dev: " + path);
        }
    }
}
