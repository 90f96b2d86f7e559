package io.hami.bindings.discovery;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The vendors whose management libraries we bind, as data: the id used on the command line (the same ids as
 * the wire model's vendors), a name for messages, the library's API name, and where the library is looked for,
 * in order (a bare name is found by the dynamic linker, a path is tried as it is).
 */
public enum DeviceVendor {
    NVIDIA("nvidia", "NVIDIA", "NVML", List.of("libnvidia-ml.so.1")),
    CAMBRICON("cambricon", "Cambricon", "CNDEV", List.of("libcndev.so")),
    ASCEND("ascend", "Ascend", "DCMI", List.of("libdcmi.so", "/usr/local/Ascend/driver/lib64/driver/libdcmi.so")),
    HYGON("hygon", "Hygon", "ROCm-SMI", List.of("librocm_smi64.so.2", "/opt/hyhal/lib/librocm_smi64.so.2")),
    ILUVATAR("iluvatar", "Iluvatar", "IXML",
            List.of("libixml.so", "/usr/local/corex/lib64/libixml.so", "/usr/local/corex/lib/libixml.so")),
    METAX("metax", "MetaX", "MXSML", List.of("/opt/mxdriver/lib/libmxsml.so", "/opt/maca/lib/libmxsml.so",
            "/opt/mxn100/lib/libmxsml.so", "libmxsml.so")),
    MTHREADS("mthreads", "Moore Threads", "MTML", List.of("libmtml.so"));

    private final String id;
    private final String displayName;
    private final String api;
    private final List<String> libraries;

    DeviceVendor(String id, String displayName, String api, List<String> libraries) {
        this.id = id;
        this.displayName = displayName;
        this.api = api;
        this.libraries = libraries;
    }

    /** The lower-case id: {@code nvidia}, {@code cambricon}, … */
    public String id() {
        return id;
    }

    /** The vendor's name in messages: {@code Moore Threads}. */
    public String displayName() {
        return displayName;
    }

    /** The management library's API name: {@code MTML}. */
    public String api() {
        return api;
    }

    /** Where the library is looked for, in order. */
    public List<String> libraries() {
        return libraries;
    }

    /** The vendor of an id, ignoring case. */
    public static Optional<DeviceVendor> byId(String id) {
        var lower = id.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(v -> v.id.equals(lower)).findFirst();
    }
}
