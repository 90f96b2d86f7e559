package io.hami.testfixtures.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.bindings.DeviceDiscoveries;
import io.hami.bindings.cndev.Cndev;
import io.hami.bindings.cnrt.Cnrt;
import io.hami.bindings.cnrt.CnrtMemory;
import io.hami.bindings.cnrt.CnrtReturn;
import io.hami.bindings.cnrt.FfmCnrt;
import io.hami.bindings.discovery.DeviceVendor;
import io.hami.bindings.discovery.DiscoveredDevice;
import io.hami.testfixtures.mock.VendorMock;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Cambricon's discovery through the mock libcnrt.so, where CNDEV is absent, and what only CNRT has: no init,
 * ordinals, memory of the thread's current device, properties from the {@code _V3} call or only a name from the
 * unversioned one.
 */
class MockCnrtTest extends MockDiscoveryContract {

    @Override
    protected VendorMock mock() {
        return VendorMock.CAMBRICON_CNRT;
    }

    @Override
    protected int initsLeftAfterDiscovery() {
        return 1;
    }

    @Override
    protected String midwayFailure() {
        return "cnrtMemGetInfo failed: NO_CNRT_CONTEXT (632019)";
    }

    @Override
    protected String healthProblem() {
        return "cnrtDeviceGetPCIBusId failed: CNDRV_FUNC_CALL (632015)";
    }

    @Override
    protected String initFailure() {
        return "cnrtDriverGetVersion failed: CNDRV_FUNC_CALL (632015)";
    }

    @Override
    protected String oldVariant() {
        return "cnrt-old";
    }

    @Override
    protected String missingSymbolFailure() {
        return "cnrtGetDeviceProperties_V3 failed: FUNCTION_NOT_FOUND (-99998)";
    }

    /** The id is in the {@code _V3} properties, the call the old library lacks. */
    @Override
    protected boolean oldVariantKeepsTheId() {
        return false;
    }

    /** CNRT names no device number: no test asks for this node. */
    @Override
    protected String mainNode(int number) {
        throw new UnsupportedOperationException("CNRT reports no device number");
    }

    private Cnrt cnrt(String profile) {
        return Cnrt.open(mock().library().useProfile(profile).library());
    }

    @Test
    void aDeviceListsOnlyCambriconsControlNodeForCnrtNamesNoDeviceNumber() {
        assertThat(devices).allSatisfy(d -> {
            assertThat(d.minor()).isEmpty();
            assertThat(d.deviceNodes()).containsExactlyElementsOf(Cndev.CONTROL_NODES);
        });
    }

    @Test
    void theOldLibraryStillNamesTheDeviceAndReadsItsMemory() {
        var first = Cnrt.open(mock().variant(oldVariant()).useProfile(VendorMock.MACHINE).library()).discover().getFirst();
        var expected = expected(mock().profile(VendorMock.MACHINE)).getFirst();
        assertThat(first.model()).contains(expected.model());
        assertThat(first.memoryTotalMiB()).isEqualTo(OptionalLong.of(expected.memoryTotalMiB()));
        assertThat(first.pciBusId()).contains(expected.pciBusId());
    }

    @Test
    void thePropertiesCarryTheUuidBytesAndTheMemory() {
        var api = cnrt(VendorMock.MACHINE).api();
        var properties = api.properties(2).orThrow();
        assertThat(properties.name()).isEqualTo("MLU370-X8");
        assertThat(properties.uuid()).contains("5b1e7c40-2a3d-4c6f-9e8a-1d2c3b4a5f62");
        assertThat(properties.totalMemMb()).isEqualTo(49152);
        assertThat(properties.totalGlobalMemBytes()).isEqualTo(49152L << 20);
        assertThat(api.properties(4).status()).isEqualTo(CnrtReturn.DEVICE_INVALID);
    }

    @Test
    void memoryIsReadOnTheDeviceAskedForAndTheThreadsCurrentDeviceIsSetBack() {
        var cnrt = cnrt(VendorMock.MACHINE);
        cnrt.api().setDevice(3).orThrow();
        assertThat(cnrt.memory(2)).isEqualTo(new CnrtMemory((49152L - 1024) << 20, 49152L << 20));
        assertThat(cnrt.api().currentDevice().orThrow()).isEqualTo(3);
        assertThat(cnrt.api().memoryInfo().orThrow().usedBytes()).isZero();
    }

    @Test
    void aFailedMemoryReadStillSetsTheCurrentDeviceBack() {
        var cnrt = cnrt(VendorMock.FAULT_MIDWAY);
        cnrt.api().setDevice(2).orThrow();
        assertThatThrownBy(() -> cnrt.memory(1)).hasMessage("cnrtMemGetInfo failed: NO_CNRT_CONTEXT (632019)");
        assertThat(cnrt.api().currentDevice().orThrow()).isEqualTo(2);
    }

    @Test
    void eachThreadHasItsOwnCurrentDevice() throws Exception {
        var cnrt = cnrt(VendorMock.MACHINE);
        cnrt.api().setDevice(1).orThrow();
        try (var other = Executors.newSingleThreadExecutor()) {
            assertThat(other.submit(() -> cnrt.api().currentDevice().orThrow()).get()).isZero();
        }
        assertThat(cnrt.api().currentDevice().orThrow()).isEqualTo(1);
    }

    @Test
    void versionsAndErrorTextsComeFromTheLibrary() {
        var cnrt = cnrt(VendorMock.MACHINE);
        assertThat(cnrt.driverVersion()).isEqualTo("6.2.10");
        assertThat(cnrt.api().libVersion().orThrow()).isEqualTo("6.14.1");
        assertThat(cnrt.api().errorString(CnrtReturn.NO_DEVICE.code()).orThrow()).isEqualTo("mock CNRT error");
        assertThat(cnrt(VendorMock.FAULT_MIDWAY).api().libVersion().optional()).as("a profile without libVersion").isEmpty();
    }

    @Test
    void aCambriconLibraryIsToldApartByWhatItExports() {
        var cndev = VendorMock.CAMBRICON.library().library();
        assertThat(DeviceDiscoveries.open(DeviceVendor.CAMBRICON, cndev).apiName()).isEqualTo("CNDEV");
        assertThat(DeviceDiscoveries.open(DeviceVendor.CAMBRICON, mock().library().library())).isInstanceOf(Cnrt.class);
    }

    @Test
    void aProfileWithAFactCnrtCannotReportIsRefusedByName() {
        var device = """
                {"devices": [{"uuid": "MLU-5b1e7c40-2a3d-4c6f-9e8a-1d2c3b4a5f60", "name": "MLU370-X8", "memoryTotalMiB": 1,
                  "memoryUsedMiB": 0, "pciBusId": "0000:1a:00.0"%s}]}""";
        assertThatThrownBy(() -> mock().library().useProfileText(device.formatted(", \"minor\": 0")))
                .hasMessageContaining("devices[0].minor").hasMessageContaining("CNRT reports no such fact");
        assertThatThrownBy(() -> mock().library().useProfileText(device.formatted("").replace("4a5f60", "4a5f6g")))
                .hasMessageContaining("devices[0].uuid").hasMessageContaining("is not MLU- and a 36-character UUID");
    }

    @Test
    void uuidBytesLeftZeroAreNoId() {
        var listed = Cnrt.open(mock().library().useProfileText("""
                {"devices": [{"uuid": "MLU-00000000-0000-0000-0000-000000000000", "name": "MLU370-S4", "memoryTotalMiB": 24576,
                  "memoryUsedMiB": 0, "pciBusId": "0000:3d:00.0"}]}""").library()).discover();
        assertThat(listed).singleElement().satisfies(d -> {
            assertThat(d.uuid()).isEmpty();
            assertThat(d.model()).contains("MLU370-S4");
            assertThat(d.problems()).isEmpty();
        });
    }

    @Test
    void everyDeviceIsListedEvenWithoutAnId() {
        var listed = Cnrt.open(mock().variant(oldVariant()).useProfile(VendorMock.MACHINE).library()).discover();
        assertThat(listed).hasSize(4).allSatisfy(d -> assertThat(d.uuid()).isEmpty())
                .extracting(DiscoveredDevice::healthy).containsOnly(true);
    }

    @Test
    void eachLibraryIsOpenedOnce() {
        assertThat(FfmCnrt.open(mock().library().library())).isSameAs(FfmCnrt.open(mock().library().library()));
    }
}
