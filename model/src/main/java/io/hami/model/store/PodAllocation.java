package io.hami.model.store;

import io.hami.model.annotation.KubernetesNames;
import io.hami.model.device.ContainerDevices;
import io.hami.model.protocol.ContainerIdentity;
import io.hami.model.protocol.HamiCoreOptions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One pod's record in the node-local allocation store (docs/protocol.md, "The allocation store"): the pod, and per
 * container that gets HAMi-core devices its entry of {@code …-devices-allocated}. A container of the pod that is not
 * listed gets none.
 *
 * @param namespace  the pod's namespace
 * @param name       the pod's name
 * @param uid        the pod's API UID, which names the file
 * @param containers container name to its devices, in the pod's container order; every entry holds a device
 * @param hamiCore   the optional HAMi-core variables of the writing plugin's settings, which every container of the
 *                   record gets as {@code Allocate} would give them
 */
public record PodAllocation(String namespace, String name, String uid, Map<String, ContainerDevices> containers,
                            HamiCoreOptions hamiCore) {

    public PodAllocation {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(hamiCore, "hamiCore");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uid, "uid");
        if (!KubernetesNames.isDnsLabel(namespace)) {
            throw new IllegalArgumentException("namespace: not an RFC 1123 label: " + namespace);
        }
        if (!KubernetesNames.isDnsSubdomain(name)) {
            throw new IllegalArgumentException("name: not a DNS subdomain: " + name);
        }
        var copy = new LinkedHashMap<String, ContainerDevices>();
        containers.forEach((container, devices) -> {
            new ContainerIdentity(uid, container); // checks both
            if (devices.isEmpty()) {
                throw new IllegalArgumentException("containers." + container + ": an entry without devices");
            }
            copy.put(container, devices);
        });
        new ContainerIdentity(uid, "c"); // checks the UID of a pod without containers
        containers = Collections.unmodifiableMap(copy);
    }

    /** The devices of {@code container}; empty when the pod gives it none. */
    public Optional<ContainerDevices> devicesOf(String container) {
        return Optional.ofNullable(containers.get(container));
    }
}
