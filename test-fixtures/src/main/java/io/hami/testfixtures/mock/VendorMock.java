package io.hami.testfixtures.mock;

import io.hami.bindings.discovery.DeviceVendor;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The C mock of each vendor library, as data: the vendor and the API it stands for (a vendor may have more than
 * one source: Cambricon's CNDEV and CNRT), the file the build writes (under the soname the vendor's library has,
 * so the bindings open it as they would the real one), its control prefix, the class-path directory of its
 * profiles and the variable it reads a profile file from when no test chose one in-process. Variants (an older
 * library without a newer call, another form of a call) live in subdirectories.
 */
public enum VendorMock {
    NVIDIA(DeviceVendor.NVIDIA, "libnvidia-ml.so.1", "hamiMockNvml", "nvml-profiles", "NVML_MOCK_PROFILE"),
    CAMBRICON(DeviceVendor.CAMBRICON, "libcndev.so", "hamiMockCndev", "cndev-profiles", "CNDEV_MOCK_PROFILE"),
    CAMBRICON_CNRT(DeviceVendor.CAMBRICON, "CNRT", "libcnrt.so", "hamiMockCnrt", "cnrt-profiles", "CNRT_MOCK_PROFILE"),
    ASCEND(DeviceVendor.ASCEND, "libdcmi.so", "hamiMockDcmi", "dcmi-profiles", "DCMI_MOCK_PROFILE"),
    HYGON(DeviceVendor.HYGON, "librocm_smi64.so.2", "hamiMockRsmi", "hygon-profiles", "HYGON_MOCK_PROFILE"),
    ILUVATAR(DeviceVendor.ILUVATAR, "libixml.so", "hamiMockIxml", "ixml-profiles", "IXML_MOCK_PROFILE"),
    METAX(DeviceVendor.METAX, "libmxsml.so", "hamiMockMxsml", "mxsml-profiles", "MXSML_MOCK_PROFILE"),
    MTHREADS(DeviceVendor.MTHREADS, "libmtml.so", "hamiMockMtml", "mtml-profiles", "MTML_MOCK_PROFILE");

    /** The profile name every vendor's fixtures have: a healthy machine of a few devices. */
    public static final String MACHINE = "machine";
    /** Device 1 fails its memory call mid-listing; device 2 fails the vendor's own health check. */
    public static final String FAULT_MIDWAY = "fault-midway";
    /** The library's init fails. */
    public static final String FAULT_INIT = "fault-init";

    private static final Map<String, MockLibrary> LOADED = new ConcurrentHashMap<>();

    private final DeviceVendor vendor;
    private final String api;
    private final String file;
    private final String prefix;
    private final String profiles;
    private final String environment;

    /** The mock of the vendor's preferred source. */
    VendorMock(DeviceVendor vendor, String file, String prefix, String profiles, String environment) {
        this(vendor, vendor.api(), file, prefix, profiles, environment);
    }

    VendorMock(DeviceVendor vendor, String api, String file, String prefix, String profiles, String environment) {
        this.vendor = vendor;
        this.api = api;
        this.file = file;
        this.prefix = prefix;
        this.profiles = profiles;
        this.environment = environment;
    }

    /** The mock of {@code vendor}'s preferred source. */
    public static VendorMock of(DeviceVendor vendor) {
        return valueOf(vendor.name());
    }

    /** The mock of the source of {@code vendor} whose API is {@code api}. */
    public static VendorMock of(DeviceVendor vendor, String api) {
        return Arrays.stream(values()).filter(m -> m.vendor == vendor && m.api.equals(api)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no mock of " + vendor.displayName() + " " + api));
    }

    public DeviceVendor vendor() {
        return vendor;
    }

    /** The API the mock stands for, as discoveries and their errors name it: {@code CNRT}. */
    public String api() {
        return api;
    }

    /** The mock library as the build writes it. */
    public MockLibrary library() {
        return load(file);
    }

    /** A variant of the mock, built into {@code <native dir>/<directory>/} under the same file name. */
    public MockLibrary variant(String directory) {
        return load(directory + "/" + file);
    }

    /** The fixtures' profile {@code name} of this vendor. */
    public MockProfile profile(String name) {
        return MockProfile.load(profiles, name);
    }

    /** The prefix of the mock's control functions, e.g. {@code hamiMockCndev}. */
    public String controlPrefix() {
        return prefix;
    }

    /** The class-path directory of this vendor's profiles. */
    public String profiles() {
        return profiles;
    }

    /** The variable naming a profile file, for a process that cannot be told in-process. */
    public String environment() {
        return environment;
    }

    private MockLibrary load(String relative) {
        return LOADED.computeIfAbsent(relative, r -> new MockLibrary(MockLibrary.nativeDir().resolve(r), prefix, profiles));
    }
}
