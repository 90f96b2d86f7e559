package io.hami.model.device;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The value of Enflame's {@code assigned-containers} pod annotation: per container name, the DRS partition the scheduler
 * chose for it, which Enflame's device plugin creates and then marks allocated. HAMi source: {@code assignedContainerInfo}
 * and {@code PatchAnnotations} in {@code pkg/device/enflame/device.go}.
 *
 * @param containers container name to its partition, sorted by name (Go writes a map's keys sorted)
 */
public record EnflameAssignments(Map<String, Partition> containers) {

    /**
     * One container's partition.
     *
     * @param allocated   whether the plugin has created it ({@code false} from the scheduler)
     * @param request     its slices
     * @param profileId   the node's id of its profile, may be empty
     * @param profileName its profile, e.g. {@code 3g.20gb}, may be empty
     */
    public record Partition(boolean allocated, int request, String profileId, String profileName) {
        public Partition {
            Objects.requireNonNull(profileId, "profileId");
            Objects.requireNonNull(profileName, "profileName");
        }
    }

    public EnflameAssignments {
        containers = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(containers, "containers")));
    }
}
