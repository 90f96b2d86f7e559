package io.hami.model.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a container gets for its devices: environment variables (in the order the vendor's plugin writes them),
 * bind mounts (directories before the files mounted inside them), device nodes, and, where devices are named to the
 * runtime through CDI, the container's annotations and CDI device names.
 *
 * @param env         variable name to value, insertion-ordered and unmodifiable
 * @param mounts      mounts in the order they must be applied
 * @param devices     device nodes, each once, in the order they are handed out
 * @param annotations annotations for the container runtime (CDI's {@code cdi.k8s.io/…}), insertion-ordered
 * @param cdiDevices  fully qualified CDI device names ({@code vendor/class=name}) for kubelet to pass on
 */
public record ContainerSpec(Map<String, String> env, List<Mount> mounts, List<HostDevice> devices,
                            Map<String, String> annotations, List<String> cdiDevices) {

    public ContainerSpec {
        env = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(env, "env")));
        mounts = List.copyOf(Objects.requireNonNull(mounts, "mounts"));
        devices = List.copyOf(Objects.requireNonNull(devices, "devices"));
        if (devices.stream().map(HostDevice::containerPath).distinct().count() != devices.size()) {
            throw new IllegalArgumentException("a container path is handed out twice: " + devices);
        }
        annotations = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(annotations, "annotations")));
        cdiDevices = List.copyOf(Objects.requireNonNull(cdiDevices, "cdiDevices"));
    }

    /** A container whose devices are named without CDI. */
    public ContainerSpec(Map<String, String> env, List<Mount> mounts, List<HostDevice> devices) {
        this(env, mounts, devices, Map.of(), List.of());
    }

    /** A container that gets no device node of ours (HAMi-core's NVIDIA containers: the NVIDIA runtime adds them). */
    public ContainerSpec(Map<String, String> env, List<Mount> mounts) {
        this(env, mounts, List.of());
    }
}
