package io.hami.runtimehook.inject;

import io.hami.model.protocol.HamiCoreLimits;
import io.hami.runtimehook.device.DeviceNode;
import io.hami.runtimehook.identity.PodIdentity;
import io.hami.runtimehook.oci.OciHook;
import io.hami.runtimehook.oci.OciMount;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the shim adds to one container's {@code config.json} for its HAMi allocation: computed first, checked
 * whole, then applied in one step, so a refused container leaves nothing behind.
 *
 * @param pod              whose container it is
 * @param limits           the allocation read from the container's environment
 * @param env              variables to add (those the container lacks)
 * @param devices          the device nodes the container gets: the allocated GPUs, then the control nodes
 * @param mounts           the HAMi-core bind mounts the config lacks, in the order they must be made
 * @param hook             the {@code createRuntime} hook to add, unless the config already runs it
 * @param hostContainerDir the per-container directory on the host, mounted at HAMi-core's {@code vgpu} dir
 */
public record AllocationPlan(PodIdentity pod, HamiCoreLimits limits, Map<String, String> env, List<DeviceNode> devices,
        List<OciMount> mounts, Optional<OciHook> hook, Path hostContainerDir) {

    public AllocationPlan {
        Objects.requireNonNull(pod, "pod");
        Objects.requireNonNull(limits, "limits");
        env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
        devices = List.copyOf(devices);
        mounts = List.copyOf(mounts);
        Objects.requireNonNull(hook, "hook");
        Objects.requireNonNull(hostContainerDir, "hostContainerDir");
    }
}
