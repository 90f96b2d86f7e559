package io.hami.bindings.nvml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NvmlResultTest {

    @Test
    void failureMessageNamesSymbolStatusAndCode() {
        assertThatThrownBy(() -> NvmlResult.error("nvmlDeviceGetMemoryInfo_v2", 15).orThrow())
                .isInstanceOf(NvmlGpuLostException.class)
                .hasMessage("nvmlDeviceGetMemoryInfo_v2 failed: GPU_IS_LOST (15)");
    }

    @Test
    void aPackedValueOrFailureUnpacksToTheSameResultWithItsClearError() {
        long ok = NvmlResult.pack(NvmlResult.ok("nvmlDeviceGetMemoryInfo", 2_590_179_328L));
        assertThat(NvmlResult.failed(ok)).isFalse();
        assertThat(NvmlResult.unpack("nvmlDeviceGetMemoryInfo", ok)).isEqualTo(NvmlResult.ok("nvmlDeviceGetMemoryInfo", 2_590_179_328L));
        assertThat(NvmlResult.pack(NvmlResult.ok("nvmlDeviceGetMemoryInfo", 0L))).isZero();
        assertThat(NvmlResult.pack(NvmlResult.ok("nvmlDeviceGetMemoryInfo", -1L))).isEqualTo(Long.MAX_VALUE); // uint64 max
        for (int code : new int[] {1, 15, 999, 4242, -7}) {
            long failed = NvmlResult.pack(NvmlResult.error("nvmlDeviceGetMemoryInfo", code));
            assertThat(NvmlResult.failed(failed)).isTrue();
            assertThat(NvmlResult.failureCode(failed)).isEqualTo(code);
            assertThat(NvmlResult.unpack("nvmlDeviceGetMemoryInfo", failed)).isEqualTo(NvmlResult.error("nvmlDeviceGetMemoryInfo", code));
        }
        assertThatThrownBy(() -> NvmlResult.unpack("nvmlDeviceGetMemoryInfo_v2", NvmlResult.failure(15)).orThrow())
                .isInstanceOf(NvmlGpuLostException.class)
                .hasMessage("nvmlDeviceGetMemoryInfo_v2 failed: GPU_IS_LOST (15)");
    }

    @Test
    void unknownCodeKeepsItsNumber() {
        var e = NvmlException.of("nvmlInit_v2", 4242);
        assertThat(e).hasMessage("nvmlInit_v2 failed: UNKNOWN (4242)").isExactlyInstanceOf(NvmlException.class);
        assertThat(e.status()).isEqualTo(NvmlReturn.UNKNOWN);
        assertThat(e.code()).isEqualTo(4242);
        assertThat(e.symbol()).isEqualTo("nvmlInit_v2");
    }

    @Test
    void notSupportedAndMissingSymbolAreEmptyNotZero() {
        assertThat(NvmlResult.<Integer>error("nvmlDeviceGetPowerUsage", NvmlReturn.NOT_SUPPORTED).optional()).isEmpty();
        assertThat(NvmlResult.<Integer>error("nvmlDeviceGetNumaNodeId", NvmlReturn.FUNCTION_NOT_FOUND).optional()).isEmpty();
        assertThat(NvmlResult.ok("nvmlDeviceGetPowerUsage", 0).optional()).contains(0);
    }

    @Test
    void otherFailuresThrowFromOptional() {
        assertThatThrownBy(() -> NvmlResult.error("nvmlDeviceGetSerial", NvmlReturn.NO_PERMISSION).optional())
                .hasMessage("nvmlDeviceGetSerial failed: NO_PERMISSION (4)");
    }

    @Test
    void mapKeepsFailures() {
        var failed = NvmlResult.<Integer>error("nvmlDeviceGetArchitecture", 3).map(DeviceArchitecture::fromCode);
        assertThat(failed.status()).isEqualTo(NvmlReturn.NOT_SUPPORTED);
        assertThat(NvmlResult.ok("nvmlDeviceGetArchitecture", 7).map(DeviceArchitecture::fromCode).value())
                .isEqualTo(DeviceArchitecture.AMPERE);
    }

    @Test
    void pciSysfsNameIsLowerCaseWithAFourDigitDomain() {
        assertThat(PciInfo.sysfsName("00000000:3B:00.0")).isEqualTo("0000:3b:00.0");
        assertThat(PciInfo.sysfsName("00010000:AF:00.0")).isEqualTo("00010000:af:00.0");
        assertThat(PciInfo.sysfsName("0000:3B:00.0")).isEqualTo("0000:3b:00.0");
    }

    @Test
    void pciIdsSplitIntoVendorAndDevice() {
        var pci = new PciInfo("00000000:07:00.0", "0000:07:00.0", 0, 7, 0, 0x20B010DE, 0);
        assertThat(pci.vendorId()).isEqualTo(0x10DE);
        assertThat(pci.deviceId()).isEqualTo(0x20B0);
    }

    @Test
    void unknownArchitectureCodesMapToUnknown() {
        assertThat(DeviceArchitecture.fromCode(9)).isEqualTo(DeviceArchitecture.HOPPER);
        assertThat(DeviceArchitecture.fromCode(77)).isEqualTo(DeviceArchitecture.UNKNOWN);
    }
}
