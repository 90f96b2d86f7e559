package io.hami.model.device;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * The value of a node's register annotation ({@code hami.io/node-nvidia-register} and the other vendors'): the devices a
 * device plugin found on the node, in the order it lists them. Its canonical JSON is a bare array of devices.
 *
 * <p>A registration holds at least one device. HAMi treats an annotation without devices ({@code []}, {@code null},
 * or a legacy {@code :}) as a discovery error, "no gpu found on node", not as a node with zero devices, so such a value
 * cannot be represented here.
 *
 * @param devices the devices, at least one
 */
public record NodeRegistration(List<NodeDevice> devices) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public NodeRegistration {
        devices = Checks.copy(devices, "devices");
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("devices must not be empty: no devices registered");
        }
    }

    @Override
    @JsonValue
    public List<NodeDevice> devices() {
        return devices;
    }
}
