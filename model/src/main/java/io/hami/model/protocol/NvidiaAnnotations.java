package io.hami.model.protocol;

/**
 * The NVIDIA pod keys outside {@code hami.io/} that users set and the scheduler reads (docs/protocol.md, "Set by
 * users"); the device filters sit in the NVIDIA descriptor. HAMi source: {@code pkg/device/nvidia/device.go}.
 */
public final class NvidiaAnnotations {

    /** Pod: a Go boolean; true keeps all GPUs of a container on one NUMA node. */
    public static final String NUMA_BIND = "nvidia.com/numa-bind";
    /** Pod: the GPU modes a pod accepts, e.g. {@code hami-core} or {@code mig,mps}. */
    public static final String VGPU_MODE = "nvidia.com/vgpu-mode";

    private NvidiaAnnotations() {
    }
}
