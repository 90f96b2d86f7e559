package io.hami.bindings.nvml;

/**
 * {@code nvmlDeviceArchitecture_t}, from {@code nvmlDeviceGetArchitecture}. Codes a newer driver adds map to
 * {@link #UNKNOWN}. (The codes were taken from NVML's public documentation; they are not yet checked on a
 * real driver.)
 */
public enum DeviceArchitecture {
    KEPLER(2),
    MAXWELL(3),
    PASCAL(4),
    VOLTA(5),
    TURING(6),
    AMPERE(7),
    ADA(8),
    HOPPER(9),
    UNKNOWN(-1);

    private final int code;

    DeviceArchitecture(int code) {
        this.code = code;
    }

    /** The C value; -1 (0xFFFFFFFF) for {@link #UNKNOWN}. */
    public int code() {
        return code;
    }

    /** The architecture for a C value; {@link #UNKNOWN} for any value not named here. */
    public static DeviceArchitecture fromCode(int code) {
        for (var a : values()) {
            if (a.code == code) {
                return a;
            }
        }
        return UNKNOWN;
    }
}
