package io.hami.bindings.discovery;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The vendors whose management libraries we bind, as data: the id used on the command line (the same ids as
 * the wire model's vendors), a name for messages, and the vendor's sources in the order they are preferred:
 * each an API name and where its library is looked for, in order (a bare name is found by the dynamic linker, a
 * path is tried as it is). Every vendor has one source but Cambricon, whose runtime library CNRT lists the
 * devices where its management library CNDEV is not installed.
 */
public enum DeviceVendor {
    NVIDIA("nvidia", "NVIDIA", new Source("NVML", List.of("libnvidia-ml.so.1"))),
    CAMBRICON("cambricon", "Cambricon", new Source("CNDEV", List.of("libcndev.so")),
            new Source("CNRT", List.of("libcnrt.so"))),
    ASCEND("ascend", "Ascend", new Source("DCMI",
            List.of("libdcmi.so", "/usr/local/Ascend/driver/lib64/driver/libdcmi.so"))),
    HYGON("hygon", "Hygon", new Source("ROCm-SMI", List.of("librocm_smi64.so.2", "/opt/hyhal/lib/librocm_smi64.so.2"))),
    ILUVATAR("iluvatar", "Iluvatar", new Source("IXML",
            List.of("libixml.so", "/usr/local/corex/lib64/libixml.so", "/usr/local/corex/lib/libixml.so"))),
    METAX("metax", "MetaX", new Source("MXSML", List.of("/opt/mxdriver/lib/libmxsml.so", "/opt/maca/lib/libmxsml.so",
            "/opt/mxn100/lib/libmxsml.so", "libmxsml.so"))),
    MTHREADS("mthreads", "Moore Threads", new Source("MTML", List.of("libmtml.so")));

    /**
     * One library that can list a vendor's devices.
     *
     * @param api       its API's name in messages: {@code CNDEV}
     * @param libraries where it is looked for, in order
     */
    public record Source(String api, List<String> libraries) {
        public Source {
            libraries = List.copyOf(libraries);
        }
    }

    private final String id;
    private final String displayName;
    private final List<Source> sources;

    DeviceVendor(String id, String displayName, Source... sources) {
        this.id = id;
        this.displayName = displayName;
        this.sources = List.of(sources);
    }

    /** The lower-case id: {@code nvidia}, {@code cambricon}, … */
    public String id() {
        return id;
    }

    /** The vendor's name in messages: {@code Moore Threads}. */
    public String displayName() {
        return displayName;
    }

    /** The API of the vendor's preferred library: {@code MTML}, {@code CNDEV}. */
    public String api() {
        return sources.getFirst().api();
    }

    /**
     * Every source's API, for messages about the vendor before it is known which library serves:
     * {@code CNDEV or CNRT}; the one API of a vendor with one source.
     */
    public String apiNames() {
        return String.join(" or ", sources.stream().map(Source::api).toList());
    }

    /** The sources, the preferred one first. */
    public List<Source> sources() {
        return sources;
    }

    /** Where the vendor's libraries are looked for, in order: every source's places, the preferred source's first. */
    public List<String> libraries() {
        return sources.stream().flatMap(s -> s.libraries().stream()).toList();
    }

    /** The vendor of an id, ignoring case. */
    public static Optional<DeviceVendor> byId(String id) {
        var lower = id.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(v -> v.id.equals(lower)).findFirst();
    }
}
