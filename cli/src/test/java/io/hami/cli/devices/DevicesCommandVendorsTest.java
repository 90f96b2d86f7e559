package io.hami.cli.devices;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hami.bindings.discovery.DeviceVendor;
import io.hami.cli.CliRun;
import io.hami.model.json.CanonicalJson;
import io.hami.model.vendor.Vendor;
import io.hami.testfixtures.mock.VendorMock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code hami devices --vendor V} in-process against each vendor's C mock: the same JSON shape for every vendor,
 * with its vendor named; a device failing mid-listing named on stderr with the vendor and the library; a vendor
 * listed through a library other than its preferred one named so on stderr.
 */
class DevicesCommandVendorsTest {

    private static CliRun devices(VendorMock mock, String profile, String... more) {
        var library = mock.library().useProfile(profile).library();
        var args = new ArrayList<>(List.of("devices", "--vendor", mock.vendor().id(), "--library", library));
        args.addAll(List.of(more));
        return CliRun.run("", args.toArray(String[]::new));
    }

    @ParameterizedTest
    @EnumSource(VendorMock.class)
    void everyVendorListsItsMachineInTheSameShape(VendorMock mock) throws Exception {
        var profile = mock == VendorMock.NVIDIA ? "a100x8" : VendorMock.MACHINE;
        var run = devices(mock, profile, "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEqualTo(fallbackNote(mock));
        JsonNode array = CanonicalJson.MAPPER.readTree(run.out());
        var machine = mock == VendorMock.NVIDIA ? null : mock.profile(profile);
        assertThat(array).isNotEmpty();
        for (int i = 0; i < array.size(); i++) {
            var d = array.get(i);
            assertThat(d.fieldNames()).toIterable().containsExactly("vendor", "index", "uuid", "name", "memoryTotalMiB",
                    "memoryUsedMiB", "minor", "pciBusId", "numa", "healthy", "migEnabled", "migDevices");
            assertThat(d.get("vendor").asText()).isEqualTo(mock.vendor().id());
            assertThat(d.get("index").asInt()).isEqualTo(i);
            assertThat(d.get("healthy").asBoolean()).isTrue();
            if (machine != null) {
                assertThat(d.get("uuid").asText()).isEqualTo(machine.devices().get(i).get("uuid").asText());
                assertThat(d.get("memoryTotalMiB").asLong()).isEqualTo(machine.devices().get(i).get("memoryTotalMiB").asLong());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = VendorMock.class, names = "NVIDIA", mode = EnumSource.Mode.EXCLUDE)
    void aDeviceFailingMidListingIsNamedOnStderrWithItsVendorAndLibrary(VendorMock mock) throws Exception {
        var run = devices(mock, VendorMock.FAULT_MIDWAY, "--json");
        assertThat(run.exitCode()).isZero();
        assertThat(CanonicalJson.MAPPER.readTree(run.out()).findValues("healthy")).extracting(JsonNode::asBoolean)
                .containsExactly(true, false, false);
        var prefix = "hami: " + mock.vendor().id() + " " + mock.library().library() + ": device ";
        var problems = run.err().substring(fallbackNote(mock).length());
        assertThat(problems.lines()).hasSize(2).allSatisfy(l -> assertThat(l).startsWith(prefix));
        assertThat(problems.lines().findFirst().orElseThrow()).contains("device 1 (").contains(" failed: ");
    }

    @ParameterizedTest
    @EnumSource(value = VendorMock.class, names = "NVIDIA", mode = EnumSource.Mode.EXCLUDE)
    void aLibraryThatDoesNotInitializeIsNamedAndExitsThree(VendorMock mock) {
        var run = devices(mock, VendorMock.FAULT_INIT);
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith(mock.vendor().displayName() + " " + mock.api() + " not available: "
                + mock.library().library() + ": ").contains(" failed: ").hasLineCount(1);
    }

    /** What stderr says first for a mock of a vendor's other source: the library that served; nothing otherwise. */
    private static String fallbackNote(VendorMock mock) {
        return mock.api().equals(mock.vendor().api()) ? "" : "hami: " + mock.vendor().id() + ": listed through " + mock.api()
                + " (" + mock.library().library() + ") instead of " + mock.vendor().api() + "\n";
    }

    @Test
    void cambriconThroughCnrtSaysSoOnStderr() {
        var run = devices(VendorMock.CAMBRICON_CNRT, VendorMock.MACHINE);
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEqualTo("hami: cambricon: listed through CNRT (" + VendorMock.CAMBRICON_CNRT.library().library()
                + ") instead of CNDEV\n");
        assertThat(run.out().lines().skip(1)).hasSize(4).allSatisfy(l -> assertThat(l).startsWith("cambricon  ")
                .contains("MLU370-X8", " / 49152 ", "healthy"));
    }

    @Test
    void aCambriconLibraryThatIsNeitherCndevNorCnrtIsNamedWithBoth() {
        var other = VendorMock.ASCEND.library().library();
        var run = CliRun.run("", "devices", "--vendor", "cambricon", "--library", other);
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("Cambricon CNDEV or CNRT not available: " + other
                + ": not a CNDEV or CNRT (5 or later) library (it exports neither cndevInit nor cnrtMemGetInfo)\n");
    }

    @Test
    void theTableNamesTheVendorOfEachDevice() {
        var run = devices(VendorMock.ASCEND, VendorMock.MACHINE);
        var lines = run.out().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(1)).startsWith("ascend  0").contains("Ascend910B3", "3276 / 65536", "0000:c1:00.0", "healthy", "n/a");
    }

    @Test
    void aLibraryWithoutAVendorIsAUsageError() {
        var run = CliRun.run("", "devices", "--library", "/opt/x/libcndev.so");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("--library needs --vendor: whose library is /opt/x/libcndev.so?\n");
    }

    @Test
    void anUnknownVendorIsAUsageErrorNamingTheKnownOnes() {
        var run = CliRun.run("", "devices", "--vendor", "amd");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("unknown vendor 'amd' (one of nvidia, cambricon, ascend, hygon, iluvatar, metax, mthreads)\n");
    }

    @Test
    void theBindingsVendorIdsAreTheWireModelsNodeSideVendorIds() {
        assertThat(Arrays.stream(DeviceVendor.values()).map(DeviceVendor::id)).containsExactlyElementsOf(
                Arrays.stream(Vendor.values()).filter(Vendor::nodeSide).map(Vendor::id).toList());
    }
}
