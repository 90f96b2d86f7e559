package io.hami.demo.cluster;

import io.hami.bindings.discovery.DeviceVendor;
import io.hami.demo.node.NativeTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the simulated machines come from: the vendors' C mock libraries and the region writer (built by
 * {@code test-fixtures} into {@code target/native}) and the mocks' machine profiles (in {@code test-fixtures}'
 * resources, one directory per mock: {@code nvml-profiles}, {@code cndev-profiles}, …).
 *
 * @param nativeDir    the directory holding the mocks ({@code libnvidia-ml.so.1}, {@code libcndev.so}, …) and
 *                     {@code region-writer}
 * @param resourcesDir the directory holding each mock's profiles directory
 */
public record Fixtures(Path nativeDir, Path resourcesDir) {

    /** Where a vendor mock's profiles lie, and the variable it reads a profile file from when no test chose one. */
    private record MockProfiles(String directory, String variable) {
    }

    /** test-fixtures' mocks, as its mock-profiles.md lists them (FixturesTest holds the two in agreement). */
    private static final Map<DeviceVendor, MockProfiles> PROFILES = Map.of(
            DeviceVendor.NVIDIA, new MockProfiles("nvml-profiles", "NVML_MOCK_PROFILE"),
            DeviceVendor.CAMBRICON, new MockProfiles("cndev-profiles", "CNDEV_MOCK_PROFILE"),
            DeviceVendor.ASCEND, new MockProfiles("dcmi-profiles", "DCMI_MOCK_PROFILE"),
            DeviceVendor.HYGON, new MockProfiles("hygon-profiles", "HYGON_MOCK_PROFILE"),
            DeviceVendor.ILUVATAR, new MockProfiles("ixml-profiles", "IXML_MOCK_PROFILE"),
            DeviceVendor.METAX, new MockProfiles("mxsml-profiles", "MXSML_MOCK_PROFILE"),
            DeviceVendor.MTHREADS, new MockProfiles("mtml-profiles", "MTML_MOCK_PROFILE"));

    /** The mock NVML. */
    public Path nvmlLibrary() {
        return library(DeviceVendor.NVIDIA);
    }

    /** The NVML profile {@code name}.json. */
    public Path profile(String name) {
        return profile(DeviceVendor.NVIDIA, name);
    }

    /** {@code vendor}'s mock library. */
    public Path library(DeviceVendor vendor) {
        return nativeDir.resolve(NativeTools.mockLibrary(vendor));
    }

    /** The profile {@code name}.json of {@code vendor}'s mock. */
    public Path profile(DeviceVendor vendor, String name) {
        return resourcesDir.resolve(profilesDirectory(vendor)).resolve(name + ".json");
    }

    /** The name of {@code vendor}'s profiles directory, e.g. {@code cndev-profiles}. */
    public static String profilesDirectory(DeviceVendor vendor) {
        return PROFILES.get(vendor).directory();
    }

    /** The variable {@code vendor}'s mock reads its profile file from, e.g. {@code CNDEV_MOCK_PROFILE}. */
    public static String profileVariable(DeviceVendor vendor) {
        return PROFILES.get(vendor).variable();
    }

    /**
     * The fixtures of a source checkout at {@code root}.
     *
     * @throws IllegalStateException naming what is missing and how to build it
     */
    public static Fixtures inCheckout(Path root) {
        var fixtures = new Fixtures(root.resolve("test-fixtures/target/native").toAbsolutePath().normalize(),
                root.resolve("test-fixtures/src/main/resources").toAbsolutePath().normalize());
        if (!Files.isRegularFile(fixtures.nvmlLibrary()) || !Files.isRegularFile(fixtures.nativeDir()
                .resolve("region-writer"))) {
            throw new IllegalStateException("the mock NVML is not built under " + fixtures.nativeDir()
                    + " (run ./mvnw -B -DskipTests package -pl cli -am)");
        }
        if (!Files.isDirectory(fixtures.profile("a100x8").getParent())) {
            throw new IllegalStateException("no NVML profiles at " + fixtures.profile("a100x8").getParent());
        }
        return fixtures;
    }
}
