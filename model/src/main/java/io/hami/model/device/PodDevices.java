package io.hami.model.device;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * One vendor's allocation for a pod: the value of {@code hami.io/vgpu-devices-to-allocate} or
 * {@code hami.io/vgpu-devices-allocated} (or another vendor's pair). Its canonical JSON is an array of arrays.
 *
 * <p>Positional: entry {@code i} belongs to container {@code i}, counting init containers first, then app containers;
 * a container without devices of this vendor has an empty entry. Trailing containers without devices may be left out
 * (HAMi's own writer leaves them out on real nodes, see the codec), so the list may be shorter than the pod's container
 * list, never longer.
 *
 * @param containers per-container devices, init containers first
 */
public record PodDevices(List<ContainerDevices> containers) {

    /** An allocation without containers (the empty annotation value). */
    public static final PodDevices EMPTY = new PodDevices(List.of());

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public PodDevices {
        containers = Checks.copy(containers, "containers");
    }

    /** An allocation for the given containers. */
    public static PodDevices of(ContainerDevices... containers) {
        return new PodDevices(List.of(containers));
    }

    @Override
    @JsonValue
    public List<ContainerDevices> containers() {
        return containers;
    }
}
