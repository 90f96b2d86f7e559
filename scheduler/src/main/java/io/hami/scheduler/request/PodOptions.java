package io.hami.scheduler.request;

import io.hami.model.annotation.GpuPolicyToken;
import io.hami.model.annotation.GpuSchedulerPolicy;
import io.hami.model.annotation.NodeSchedulerPolicy;
import io.hami.model.annotation.ScoringWeights;
import io.hami.model.annotation.TypeFilter;
import io.hami.model.annotation.UuidFilter;
import io.hami.model.annotation.VgpuModeFilter;
import io.hami.model.protocol.MetaxAppClass;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a pod wants its devices chosen, from its annotations and the scheduler's flags: read once per filter call by
 * {@link PodOptionsReader}.
 *
 * @param gpuPolicy     {@code hami.io/gpu-scheduler-policy}, else the flag
 * @param nodePolicy    {@code hami.io/node-scheduler-policy}, else the flag
 * @param weights       {@code hami.io/device-scoring-weights}, else 1,1,1
 * @param numaBind      {@code nvidia.com/numa-bind} (Go bool; anything else is false): all GPUs of a container on one
 *                      NUMA node
 * @param vgpuMode      {@code nvidia.com/vgpu-mode}
 * @param uuidFilters   per device type (by ordinal): its use/nouse UUID annotations
 * @param typeFilters   per device type (by ordinal): its use/nouse type annotations
 * @param ascendSoft    {@code huawei.com/vnpu-mode: hami-core}: Ascend soft split
 * @param metaxQos      {@code metax-tech.com/sgpu-qos-policy}, {@code best-effort} when absent (what the webhook
 *                      writes), empty for an {@code online} pod, which keeps no policy
 * @param metaxClass    {@code metax-tech.com/sgpu-app-class}: {@code online} or {@code offline}, empty for neither
 * @param metaxTopologyAware {@code metax-tech.com/sgpu-topology-aware} (Go bool), empty when absent or unreadable
 *                      (then the device config's {@code sgpuTopologyAware} applies, as in HAMi)
 */
public record PodOptions(
        GpuSchedulerPolicy gpuPolicy,
        NodeSchedulerPolicy nodePolicy,
        ScoringWeights weights,
        boolean numaBind,
        VgpuModeFilter vgpuMode,
        List<UuidFilter> uuidFilters,
        List<TypeFilter> typeFilters,
        boolean ascendSoft,
        String metaxQos,
        Optional<MetaxAppClass> metaxClass,
        Optional<Boolean> metaxTopologyAware) {

    public PodOptions {
        Objects.requireNonNull(gpuPolicy, "gpuPolicy");
        Objects.requireNonNull(nodePolicy, "nodePolicy");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(vgpuMode, "vgpuMode");
        uuidFilters = List.copyOf(uuidFilters);
        typeFilters = List.copyOf(typeFilters);
        if (uuidFilters.size() != typeFilters.size()) {
            throw new IllegalArgumentException("one UUID and one type filter per device type");
        }
        Objects.requireNonNull(metaxQos, "metaxQos");
        Objects.requireNonNull(metaxClass, "metaxClass");
        Objects.requireNonNull(metaxTopologyAware, "metaxTopologyAware");
    }

    /** Whether the GPU policy only admits idle devices ({@code mutex} anywhere in the list). */
    public boolean mutex() {
        return gpuPolicy.contains(GpuPolicyToken.MUTEX);
    }

    /** Whether multi-GPU sets are chosen by the node's pair scores ({@code topology-aware} anywhere in the list). */
    public boolean topologyAware() {
        return gpuPolicy.contains(GpuPolicyToken.TOPOLOGY_AWARE);
    }

    /** The UUID filter of the type with this ordinal. */
    public UuidFilter uuidFilter(int ordinal) {
        return uuidFilters.get(ordinal);
    }

    /** The type filter of the type with this ordinal. */
    public TypeFilter typeFilter(int ordinal) {
        return typeFilters.get(ordinal);
    }
}
