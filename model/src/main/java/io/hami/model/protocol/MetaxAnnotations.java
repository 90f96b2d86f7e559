package io.hami.model.protocol;

/**
 * The MetaX keys outside {@code hami.io/} that cross a process boundary (docs/protocol.md, "Pod annotations of the
 * other device types"). HAMi source: {@code pkg/device/metax/protocol.go}, {@code sdevice.go}.
 */
public final class MetaxAnnotations {

    /** Node, written by MetaX's sGPU device plugin: its GPUs ({@link io.hami.model.annotation.MetaxSgpuDevicesCodec}). */
    public static final String NODE_DEVICES = "metax-tech.com/node-gpu-devices";
    /**
     * Pod, written by the scheduler at filter: the sGPUs of each container
     * ({@link io.hami.model.annotation.MetaxSgpuAllocationCodec}).
     */
    public static final String ALLOCATED_DEVICES = "metax-tech.com/gpu-devices-allocated";
    /** Pod, written by the scheduler at filter: Unix nanoseconds of the decision. */
    public static final String PREDICATE_TIME = "metax-tech.com/predicate-time";
    /** Pod, set by the user or defaulted by the webhook: the sharing policy, a {@link MetaxQos} word. */
    public static final String QOS_POLICY = "metax-tech.com/sgpu-qos-policy";
    /** Pod, set by the user: {@code online} or {@code offline}, a {@link MetaxAppClass} word. */
    public static final String APP_CLASS = "metax-tech.com/sgpu-app-class";
    /**
     * Node, written by MetaX's whole-GPU device plugin: per number of GPUs, what placing them costs the node's MetaLink
     * topology ({@link io.hami.model.annotation.MetaxTopologyCodec}); read under the {@code binpack} node policy.
     */
    public static final String GPU_TOPOLOGY_LOSSES = "metax-tech.com/gpu.topology.losses";
    /**
     * Node, written by MetaX's whole-GPU device plugin: per number of GPUs, how well they would be linked
     * ({@link io.hami.model.annotation.MetaxTopologyCodec}); read under the {@code spread} node policy.
     */
    public static final String GPU_TOPOLOGY_SCORES = "metax-tech.com/gpu.topology.scores";
    /** Pod, set by the user: a Go boolean overriding the scheduler's topology scoring of exclusive sGPUs. */
    public static final String TOPOLOGY_AWARE = "metax-tech.com/sgpu-topology-aware";

    private MetaxAnnotations() {
    }
}
