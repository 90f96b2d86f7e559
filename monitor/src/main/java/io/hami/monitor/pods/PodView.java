package io.hami.monitor.pods;

import io.hami.model.protocol.PodContainer;
import io.hami.model.protocol.PodContainers;
import io.hami.model.vendor.Vendors;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the monitor needs of one pod, copied out of the API object: its identity, its containers in the
 * order HAMi's allocation annotations index them (init containers first) with the resources each asks for,
 * and the two annotations that say what the scheduler gave it. Annotation values are kept as written; the
 * metrics decode them with the model's codecs.
 *
 * @param uid               the API UID, the first half of a per-container directory name
 * @param namespace         the namespace
 * @param name              the pod name
 * @param containers        the containers in annotation order
 * @param allocatedDevices  NVIDIA's {@code …-devices-allocated}, when present
 * @param migAllocations    the MIG allocation annotation, when present
 */
public record PodView(String uid, String namespace, String name, PodContainers containers,
                      Optional<String> allocatedDevices, Optional<String> migAllocations) {

    /** The default GPU count resource ({@code resource-name} of the monitor's settings). */
    public static final String GPU_RESOURCE = Vendors.defaults().byId("nvidia").orElseThrow().resources().count();

    public PodView {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(containers, "containers");
        Objects.requireNonNull(allocatedDevices, "allocatedDevices");
        Objects.requireNonNull(migAllocations, "migAllocations");
    }

    /** A pod with app containers only, each asking for {@link #GPU_RESOURCE} (for harnesses that have no API pod). */
    public static PodView ofGpuContainers(String uid, String namespace, String name, List<String> containers,
            Optional<String> allocatedDevices, Optional<String> migAllocations) {
        var app = containers.stream().map(c -> new PodContainer(c, false, Set.of(GPU_RESOURCE))).toList();
        return new PodView(uid, namespace, name, PodContainers.of(List.of(), app), allocatedDevices, migAllocations);
    }
}
