package io.hami.bindings.nvml;

/** What is at the other end of an NVLink ({@code nvmlIntNvLinkDeviceType_t}), with NVML's codes. */
public enum NvLinkRemote {
    GPU(0x00), IBMNPU(0x01), SWITCH(0x02), UNKNOWN(0xFF);

    private final int code;

    NvLinkRemote(int code) {
        this.code = code;
    }

    /** NVML's value. */
    public int code() {
        return code;
    }

    /** The kind of an NVML value; {@link #UNKNOWN} for any other. */
    public static NvLinkRemote fromCode(int code) {
        for (NvLinkRemote r : values()) {
            if (r.code == code) {
                return r;
            }
        }
        return UNKNOWN;
    }
}
