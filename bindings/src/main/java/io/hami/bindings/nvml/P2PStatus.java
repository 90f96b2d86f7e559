package io.hami.bindings.nvml;

/** {@code nvmlGpuP2PStatus_t}: whether two GPUs can use a peer-to-peer capability, and why not. */
public enum P2PStatus {
    OK(0), CHIPSET_NOT_SUPPORTED(1), GPU_NOT_SUPPORTED(2), IOH_TOPOLOGY_NOT_SUPPORTED(3), DISABLED_BY_REGKEY(4),
    NOT_SUPPORTED(5), UNKNOWN(6);

    private final int code;

    P2PStatus(int code) {
        this.code = code;
    }

    /** NVML's value. */
    public int code() {
        return code;
    }

    /** The status of an NVML value; {@link #UNKNOWN} for any other. */
    public static P2PStatus fromCode(int code) {
        for (P2PStatus s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return UNKNOWN;
    }
}
