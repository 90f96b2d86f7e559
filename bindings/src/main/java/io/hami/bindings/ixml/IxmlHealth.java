package io.hami.bindings.ixml;

import java.util.ArrayList;
import java.util.List;

/** The bits of {@code ixmlDeviceGetHealth}'s mask, and their names in messages. */
public final class IxmlHealth {

    /** No problem. */
    public static final long OK = 0;
    /** The GPU is over temperature. */
    public static final long OVER_TEMPERATURE = 0x4;
    /** A PCIe error. */
    public static final long PCIE_ERROR = 0x40;

    /** Every bit we know, in mask order. */
    private static final String[] NAMES = {"syshub", "memory controller", "over-temperature", "over-voltage", "ECC",
        "memory", "PCIe"};

    private IxmlHealth() {
    }

    /** The names of the bits set in {@code mask}, e.g. {@code [over-temperature]}; unknown bits as hex. */
    public static List<String> problems(long mask) {
        var out = new ArrayList<String>();
        for (int bit = 0; bit < NAMES.length; bit++) {
            if ((mask & 1L << bit) != 0) {
                out.add(NAMES[bit]);
            }
        }
        long unknown = mask & -(1L << NAMES.length);
        if (unknown != 0) {
            out.add("0x" + Long.toHexString(unknown));
        }
        return out;
    }
}
