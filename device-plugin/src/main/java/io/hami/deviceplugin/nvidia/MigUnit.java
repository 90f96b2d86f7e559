package io.hami.deviceplugin.nvidia;

import io.hami.bindings.nvml.MigDevice;
import java.util.List;
import java.util.Objects;

/**
 * A MIG device as the plugin hands it out: its UUID (the kubelet device ID and what {@code NVIDIA_VISIBLE_DEVICES}
 * names) and the device nodes a container needs for it.
 *
 * @param device      the MIG device
 * @param deviceNodes its GPU's {@code /dev/nvidia<minor>} and its two {@code /dev/nvidia-caps} nodes
 */
public record MigUnit(MigDevice device, List<String> deviceNodes) {
    public MigUnit {
        Objects.requireNonNull(device, "device");
        deviceNodes = List.copyOf(deviceNodes);
    }

    public String uuid() {
        return device.uuid();
    }
}
