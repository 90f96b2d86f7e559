package io.hami.model.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a container gets for its devices: environment variables (in the order the vendor's plugin writes them),
 * bind mounts (directories before the files mounted inside them) and device nodes.
 *
 * @param env     variable name to value, insertion-ordered and unmodifiable
 * @param mounts  mounts in the order they must be applied
 * @param devices device nodes, each once, in the order they are handed out
 */
public record ContainerSpec(Map<String, String> env, List<Mount> mounts, List<HostDevice> devices) {

    public ContainerSpec {
        env = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(env, "env")));
        mounts = List.copyOf(Objects.requireNonNull(mounts, "mounts"));
        devices = List.copyOf(Objects.requireNonNull(devices, "devices"));
        if (devices.stream().map(HostDevice::containerPath).distinct().count() != devices.size()) {
            throw new IllegalArgumentException("a container path is handed out twice: " + devices);
        }
    }

    /** A container that gets no device node of ours (HAMi-core's NVIDIA containers: the NVIDIA runtime adds them). */
    public ContainerSpec(Map<String, String> env, List<Mount> mounts) {
        this(env, mounts, List.of());
    }
}
