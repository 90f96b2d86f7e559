package io.hami.monitor.pods;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the monitor needs of one pod, copied out of the API object: its identity, its containers in the
 * order HAMi's allocation annotations index them (init containers first), and the two annotations that say
 * what the scheduler gave it. Annotation values are kept as written; the metrics decode them with the
 * model's codecs.
 *
 * @param uid               the API UID, the first half of a per-container directory name
 * @param namespace         the namespace
 * @param name              the pod name
 * @param initContainers    {@code spec.initContainers[*].name}
 * @param containers        {@code spec.containers[*].name}
 * @param allocatedDevices  {@code hami.io/vgpu-devices-allocated}, when present
 * @param migAllocations    {@code hami.io/vgpu-mig-allocations}, when present
 */
public record PodView(String uid, String namespace, String name, List<String> initContainers, List<String> containers,
                      Optional<String> allocatedDevices, Optional<String> migAllocations) {

    public PodView {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        initContainers = List.copyOf(initContainers);
        containers = List.copyOf(containers);
        Objects.requireNonNull(allocatedDevices, "allocatedDevices");
        Objects.requireNonNull(migAllocations, "migAllocations");
    }

    /** Init containers, then app containers: the index space of the allocation annotations. */
    public List<String> allContainers() {
        if (initContainers.isEmpty()) {
            return containers;
        }
        var all = new java.util.ArrayList<String>(initContainers.size() + containers.size());
        all.addAll(initContainers);
        all.addAll(containers);
        return all;
    }

    /** The name of container {@code index} of the allocation annotations, when there is one. */
    public Optional<String> containerAt(int index) {
        if (index < 0) {
            return Optional.empty();
        }
        if (index < initContainers.size()) {
            return Optional.of(initContainers.get(index));
        }
        int app = index - initContainers.size();
        return app < containers.size() ? Optional.of(containers.get(app)) : Optional.empty();
    }
}
