package io.hami.model.protocol;

/**
 * The Moore Threads keys that cross a process boundary (docs/protocol.md, "Pod annotations of the other device
 * types"): what the scheduler and the webhook write for Moore Threads' device plugin. HAMi source:
 * {@code pkg/device/mthreads/device.go}.
 */
public final class MthreadsAnnotations {

    /**
     * Pod, written by the scheduler at filter: the indexes of the GPUs the pod got, a comma list
     * ({@link io.hami.model.annotation.MthreadsGpuIndexCodec}).
     */
    public static final String GPU_INDEX = "mthreads.com/gpu-index";
    /** Pod, written by the scheduler at filter: the chosen node. */
    public static final String PREDICATE_NODE = "mthreads.com/predicate-node";
    /** Pod, written by the scheduler at filter: Unix nanoseconds of the decision. */
    public static final String PREDICATE_TIME = "mthreads.com/predicate-time";
    /** Pod, written by the webhook: the GPU count of a container that asks for more than one. */
    public static final String REQUEST_GPU_NUM = "mthreads.com/request-gpu-num";

    private MthreadsAnnotations() {
    }
}
