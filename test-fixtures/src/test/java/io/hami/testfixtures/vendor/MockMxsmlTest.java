package io.hami.testfixtures.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.bindings.discovery.DiscoveredDevice;
import io.hami.bindings.mxsml.DeviceCountForm;
import io.hami.bindings.mxsml.FfmMxsml;
import io.hami.bindings.mxsml.Mxsml;
import io.hami.testfixtures.mock.VendorMock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * MetaX's discovery against the mock libmxsml.so, and what only MXSML has: mxSmlGetDeviceCount in either of its
 * published forms, told apart by probing; the compute IP chosen by brand; board power by the two-call convention.
 */
class MockMxsmlTest extends MockDiscoveryContract {

    @Override
    protected VendorMock mock() {
        return VendorMock.METAX;
    }

    @Override
    protected int initsLeftAfterDiscovery() {
        return 1;
    }

    @Override
    protected String midwayFailure() {
        return "mxSmlGetMemoryInfo failed: INVALID_DEVICE_ID (6)";
    }

    @Override
    protected String healthProblem() {
        return "mxSmlGetDeviceUnavailableReason reports 1: ECC error count over threshold";
    }

    @Override
    protected String initFailure() {
        return "mxSmlInit failed: LOAD_DLL_FAILURE (26)";
    }

    @Override
    protected String oldVariant() {
        return "mxsml-old";
    }

    @Override
    protected String missingSymbolFailure() {
        return "mxSmlGetDeviceUnavailableReason failed: FUNCTION_NOT_FOUND (-99998)";
    }

    @Override
    protected String mainNode(int number) {
        return "/dev/mxcd";
    }

    @Test
    void theCountThatIsTheReturnValueIsFoundByProbing() {
        assertThat(FfmMxsml.open(mock().library().library()).deviceCountForm()).isEqualTo(DeviceCountForm.RETURNS_COUNT);
    }

    @Test
    void theCountThatComesWithAStatusIsFoundByProbing() {
        var variant = mock().variant("mxsml-status-count").useProfile(VendorMock.MACHINE);
        var listed = Mxsml.open(variant.library()).discover();
        assertThat(listed).extracting(DiscoveredDevice::uuid).map(u -> u.orElseThrow()).containsExactlyElementsOf(
                expected(mock().profile(VendorMock.MACHINE)).stream().map(ExpectedDevice::uuid).toList());
        assertThat(FfmMxsml.open(variant.library()).deviceCountForm()).isEqualTo(DeviceCountForm.STATUS_AND_OUT);
    }

    @Test
    void aFailedCountInTheStatusFormIsAFailureNotACount() {
        var variant = mock().variant("mxsml-status-count").useProfileText("""
                {"faults": {"mxSmlGetDeviceCount": "NO_DEVICE"}, "devices": []}""");
        var mxsml = Mxsml.open(variant.library());
        try (var _ = mxsml.start()) {
            assertThat(mxsml.api().deviceCount().code()).isEqualTo(2);
        }
    }

    @Test
    void boardPowerIsTheSumOfItsWays() {
        var mxsml = Mxsml.open(mock().library().useProfile(VendorMock.MACHINE).library());
        try (var _ = mxsml.start()) {
            assertThat(mxsml.api().boardPowerMilliwatts(0).orThrow()).isEqualTo(List.of(210000, 35000));
            assertThat(mxsml.powerMilliwatts(0)).contains(245000L);
            assertThat(mxsml.powerMilliwatts(2)).contains(0L);
        }
    }

    @Test
    void theInferencePartsReportTheirDlaUsage() {
        var listed = Mxsml.open(mock().library().useProfile(VendorMock.FAULT_MIDWAY).library()).discover();
        assertThat(listed.getFirst().utilization()).hasValue(17);
    }
}
