package io.hami.model.device;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * The devices of one container, in allocation order; empty for a container that got none. Its canonical JSON is a bare
 * array. The same UUID may appear twice only across containers, but HAMi does not check that, and neither does this.
 *
 * @param devices the container's devices
 */
public record ContainerDevices(List<ContainerDevice> devices) {

    /** A container without devices. */
    public static final ContainerDevices NONE = new ContainerDevices(List.of());

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public ContainerDevices {
        devices = Checks.copy(devices, "devices");
    }

    /** A container with the given devices. */
    public static ContainerDevices of(ContainerDevice... devices) {
        return new ContainerDevices(List.of(devices));
    }

    @Override
    @JsonValue
    public List<ContainerDevice> devices() {
        return devices;
    }

    /** Whether the container got no device. */
    public boolean isEmpty() {
        return devices.isEmpty();
    }
}
