package io.hami.model.device;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * The value of {@code metax-tech.com/node-gpu-devices}: the GPUs a MetaX sGPU device plugin found on its node, in the
 * order it lists them (HAMi numbers them by that position). Its canonical JSON is a bare array.
 *
 * <p>Like {@link NodeRegistration}, it holds at least one device: HAMi reads an empty list as "no device on the node".
 *
 * @param devices the devices, at least one
 */
public record MetaxSgpuDevices(List<MetaxSgpuDevice> devices) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public MetaxSgpuDevices {
        devices = Checks.copy(devices, "devices");
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("devices must not be empty: no devices registered");
        }
    }

    @Override
    @JsonValue
    public List<MetaxSgpuDevice> devices() {
        return devices;
    }
}
