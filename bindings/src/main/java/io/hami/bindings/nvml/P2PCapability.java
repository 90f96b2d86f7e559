package io.hami.bindings.nvml;

/** The peer-to-peer capabilities {@code nvmlDeviceGetP2PStatus} answers for ({@code nvmlGpuP2PCapsIndex_t}). */
public enum P2PCapability {
    READ(0), WRITE(1), NVLINK(2), ATOMICS(3), PCI(4);

    private final int code;

    P2PCapability(int code) {
        this.code = code;
    }

    /** NVML's value. */
    public int code() {
        return code;
    }
}
