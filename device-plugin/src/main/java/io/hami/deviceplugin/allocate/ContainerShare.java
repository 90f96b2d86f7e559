package io.hami.deviceplugin.allocate;

import io.hami.deviceplugin.devices.PhysicalDevice;
import io.hami.model.device.ContainerDevice;
import io.hami.model.device.ContainerDevices;
import io.hami.model.protocol.ContainerIdentity;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One container's share of a pod's allocation, with what a {@link ContainerEnvironment} may read to answer it.
 *
 * @param id             the pod UID and container name
 * @param devices        the devices the scheduler chose for it
 * @param cacheId        a fresh random UUID naming the container's region file
 * @param disableControl the container asked to run without the limiter library
 * @param podAnnotations the pod's annotations (a vendor's runtime annotations, its sharing mode)
 * @param node           this node's device of a UUID; empty when the node has none of that UUID
 * @param entry          the position of the container's entry in the allocation value (what MIG reservations call
 *                       {@code containerIndex})
 */
public record ContainerShare(ContainerIdentity id, ContainerDevices devices, String cacheId, boolean disableControl,
                             Map<String, String> podAnnotations, Function<String, Optional<PhysicalDevice>> node,
                             int entry) {

    public ContainerShare {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(devices, "devices");
        Objects.requireNonNull(cacheId, "cacheId");
        podAnnotations = podAnnotations == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(podAnnotations));
        Objects.requireNonNull(node, "node");
        if (entry < 0) {
            throw new IllegalArgumentException("entry must not be negative: " + entry);
        }
    }

    /** This node's device for one of the share's devices. */
    public PhysicalDevice physical(ContainerDevice device) {
        return node.apply(device.uuid()).orElseThrow(() -> new IllegalArgumentException("device " + device.uuid()
                + " of the allocation is not a device of this node"));
    }
}
