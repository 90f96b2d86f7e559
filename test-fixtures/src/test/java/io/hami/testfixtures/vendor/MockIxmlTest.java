package io.hami.testfixtures.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.bindings.ixml.Ixml;
import io.hami.bindings.ixml.IxmlApi.IxmlEccErrors;
import io.hami.bindings.nvml.FfmNvml;
import io.hami.testfixtures.mock.MockProfile;
import io.hami.testfixtures.mock.VendorMock;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Iluvatar's discovery against the mock libixml.so (the NVML mock's sources, less what IXML lacks, plus its
 * four own calls), and what only IXML has: NVML's names without NVML's newer ones, and its own health mask.
 */
class MockIxmlTest extends MockDiscoveryContract {

    @Override
    protected VendorMock mock() {
        return VendorMock.ILUVATAR;
    }

    /** IXML's profiles are NVML profiles: utilization is {gpu, memory}; IXML has no NUMA call. */
    @Override
    protected List<ExpectedDevice> expected(MockProfile profile) {
        return profile.devices().valueStream().map(d -> new ExpectedDevice(d.get("uuid").asText(), d.get("name").asText(),
                d.get("memoryTotalMiB").asLong(), d.get("memoryUsedMiB").asLong(),
                OptionalInt.of(d.path("utilization").path("gpu").asInt()), ExpectedDevice.sysfsForm(d.get("pciBusId").asText()),
                OptionalInt.empty(), OptionalInt.of(d.get("minor").asInt()), true)).toList();
    }

    @Override
    protected String midwayFailure() {
        return "nvmlDeviceGetMemoryInfo_v2 failed: GPU_IS_LOST (15)";
    }

    @Override
    protected String healthProblem() {
        return "ixmlDeviceGetHealth reports 0x4 [over-temperature]";
    }

    @Override
    protected String initFailure() {
        return "nvmlInit_v2 failed: DRIVER_NOT_LOADED (9)";
    }

    @Override
    protected String oldVariant() {
        return "ixml-old";
    }

    @Override
    protected String missingSymbolFailure() {
        return "ixmlDeviceGetHealth failed: FUNCTION_NOT_FOUND (13)";
    }

    @Override
    protected String mainNode(int number) {
        return "/dev/iluvatar" + number;
    }

    @Test
    void ixmlLacksNvmlsNewerNamesAndTheBindingFallsBackToTheOnesItHas() {
        var api = FfmNvml.open(mock().library().library());
        assertThat(api.exports("nvmlInit_v2")).isTrue();
        assertThat(api.exports("nvmlInit")).isFalse();
        assertThat(api.exports("nvmlDeviceGetComputeRunningProcesses_v3")).isFalse();
        assertThat(api.exports("nvmlDeviceGetNumaNodeId")).isFalse();
        assertThat(api.exports("nvmlDeviceGetMigMode")).isFalse();
        var ixml = (Ixml) open(mock().library().useProfile(VendorMock.MACHINE).library());
        try (var _ = ixml.nvml().start()) {
            var processes = api.deviceComputeRunningProcesses(ixml.nvml().device(0));
            assertThat(processes.symbol()).isEqualTo("nvmlDeviceGetComputeRunningProcesses");
            assertThat(processes.value()).singleElement().satisfies(p -> assertThat(p.pid()).isEqualTo(9301));
        }
    }

    @Test
    void ixmlsOwnCallsAnswerFromTheProfile() {
        var ixml = (Ixml) open(mock().library().useProfile(VendorMock.MACHINE).library());
        try (var _ = ixml.nvml().start()) {
            var d = ixml.nvml().device(2);
            assertThat(ixml.ixml().boardPosition(d).orThrow()).isEqualTo(2);
            assertThat(ixml.ixml().voltageMillivolts(d).orThrow()).isEqualTo(1012);
            assertThat(ixml.ixml().eccErrors(d).orThrow()).isEqualTo(new IxmlEccErrors(3, 0));
            assertThat(ixml.ixml().health(d).orThrow()).isZero();
        }
    }
}
