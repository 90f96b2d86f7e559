package io.hami.model.protocol;

/**
 * Every {@code hami.io/} key that crosses a process boundary: pod and node annotations, the pod label, the
 * CDI kind. The one place such a key is spelled (docs/protocol.md, "Node annotations" and "Pod annotations");
 * the per-vendor keys are derived here too and kept per vendor in {@code model.vendor.AnnotationKeys}.
 */
public final class HamiAnnotations {
    /** The prefix of HAMi's own keys. */
    public static final String PREFIX = "hami.io/";

    /** Pod annotation and pod label: the node the scheduler chose (written at filter, read by every node daemon). */
    public static final String VGPU_NODE = PREFIX + "vgpu-node";
    /** Pod: Unix seconds of the filter decision. */
    public static final String VGPU_TIME = PREFIX + "vgpu-time";
    /** Pod: Unix seconds of the bind; with {@link #BIND_PHASE} it ages an allocation that never finished. */
    public static final String BIND_TIME = PREFIX + "bind-time";
    /** Pod: where the bind stands, a {@link BindPhase}. */
    public static final String BIND_PHASE = PREFIX + "bind-phase";
    /** Node: the lock serializing binds on a node ({@link NodeLockKind#HAMI}). */
    public static final String NODE_LOCK = PREFIX + "mutex.lock";
    /** Node: the device plugin's pair scores of its NVIDIA GPUs. */
    public static final String NVIDIA_SCORE = PREFIX + "node-nvidia-score";
    /** Node: devices an operator took out of scheduling. */
    public static final String DEVICE_CORDON = PREFIX + "device-cordon";
    /** Pod: {@code binpack}, {@code spread} or {@code topology-aware} over the GPUs of a node. */
    public static final String GPU_SCHEDULER_POLICY = PREFIX + "gpu-scheduler-policy";
    /** Pod: {@code binpack} or {@code spread} over nodes. */
    public static final String NODE_SCHEDULER_POLICY = PREFIX + "node-scheduler-policy";
    /** Pod: the weights of the device scores. */
    public static final String DEVICE_SCORING_WEIGHTS = PREFIX + "device-scoring-weights";
    /** Scheduler pod label: {@code leader} on the replica that holds the lease. */
    public static final String SCHEDULER_ROLE = PREFIX + "scheduler-role";
    /** Pod: the MIG instances of a pod's allocation and, once realized, their runtime ids. */
    public static final String MIG_ALLOCATIONS = PREFIX + "vgpu-mig-allocations";
    /** The CDI kind under which our generated specs name devices ({@code hami.io/gpu=<uuid>}). */
    public static final String CDI_KIND = PREFIX + "gpu";

    private HamiAnnotations() {
    }

    /** A key of HAMi's under its prefix, e.g. {@code key("node-nvidia-register")}. */
    public static String key(String name) {
        if (name == null || name.isEmpty() || name.startsWith("/") || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("not a key name: " + name);
        }
        return PREFIX + name;
    }

    /** A vendor's pod key of allocations still to hand out, {@code hami.io/<prefix>-devices-to-allocate}. */
    public static String devicesToAllocate(String vendorPrefix) {
        return key(vendorPrefix + "-devices-to-allocate");
    }

    /** A vendor's pod key of the allocation the scheduler decided, {@code hami.io/<prefix>-devices-allocated}. */
    public static String devicesAllocated(String vendorPrefix) {
        return key(vendorPrefix + "-devices-allocated");
    }

    /**
     * Node, written by our device plugin of a type HAMi binds without a node lock (Moore Threads, MetaX whole GPUs):
     * {@code "true"} asks binds to the node to take {@link #NODE_LOCK} for the type, which the plugin releases after
     * {@code Allocate}, so that two pods bound in the same second cannot swap devices (docs/protocol.md,
     * "Binds of the types HAMi does not lock"). HAMi's components ignore it; its absence keeps HAMi's behaviour.
     */
    public static String lockRequested(String commonWord) {
        return key("node-lock-requested-" + commonWord);
    }

    /**
     * Node, written by our device plugin of a type whose containers get HAMi-core through our runtime shim:
     * {@code "true"} when the plugin runs in lockless mode (it keeps the node's allocation store and its {@code Allocate}
     * needs no pod identity), so our scheduler binds the type to the node without {@link #NODE_LOCK}; {@code "false"}
     * or absent keeps the lock (docs/protocol.md, "Binds without the node lock"). HAMi's components ignore it.
     */
    public static String locklessBinds(String commonWord) {
        return key("node-lockless-" + commonWord);
    }
}
