package io.hami.testfixtures.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.bindings.cndev.Cndev;
import io.hami.bindings.cndev.CndevDevice;
import io.hami.bindings.cndev.CndevProcess;
import io.hami.bindings.cndev.CndevReturn;
import io.hami.bindings.cndev.FfmCndev;
import io.hami.bindings.discovery.DiscoveryException;
import io.hami.testfixtures.mock.VendorMock;
import org.junit.jupiter.api.Test;

/** Cambricon's discovery against the mock libcndev.so, and what only CNDEV has: int handles, struct versions. */
class MockCndevTest extends MockDiscoveryContract {

    @Override
    protected VendorMock mock() {
        return VendorMock.CAMBRICON;
    }

    @Override
    protected String midwayFailure() {
        return "cndevGetMemoryUsageV2 failed: INVALID_DEVICE_ID (6)";
    }

    @Override
    protected String healthProblem() {
        return "cndevGetCardHealthState reports health 0 (device state 1, driver state 5)";
    }

    @Override
    protected String initFailure() {
        return "cndevInit failed: NO_DRIVER (1)";
    }

    @Override
    protected String oldVariant() {
        return "cndev-old";
    }

    @Override
    protected String missingSymbolFailure() {
        return "cndevGetMemoryUsageV2 failed: FUNCTION_NOT_FOUND (-99998)";
    }

    @Override
    protected String mainNode(int number) {
        return "/dev/cambricon_dev" + number;
    }

    private Cndev cndev(String profile) {
        return Cndev.open(mock().library().useProfile(profile).library());
    }

    @Test
    void handlesAreWhatTheLibraryGaveNotIndices() {
        var cndev = cndev(VendorMock.MACHINE);
        try (var _ = cndev.start()) {
            var handle = cndev.api().deviceHandle(2).orThrow();
            assertThat(handle).isEqualTo(new CndevDevice(0x102));
            assertThat(cndev.api().uuid(handle).orThrow()).isEqualTo("7f3a1c20-1b2d-4e5f-8a9b-0c1d2e3f4a52");
            assertThat(cndev.api().cardSerial(handle).orThrow()).isEqualTo(0x4a3b2c1d0003L);
            assertThat(cndev.api().uuid(new CndevDevice(2)).status()).isEqualTo(CndevReturn.INVALID_DEVICE_ID);
        }
    }

    @Test
    void aStructVersionTheLibraryRejectsIsNamedWithTheVersionAskedFor() {
        var cndev = cndev("old-api");
        assertThatThrownBy(cndev::discover).isInstanceOf(DiscoveryException.class).hasMessage(
                "Cambricon CNDEV not available: " + mock().library().library()
                        + ": cndevGetDeviceCount failed: UNSUPPORTED_API_VERSION (3), asked with struct version 6");
        try (var _ = cndev.start()) {
            var handle = cndev.api().deviceHandle(0).orThrow();
            assertThat(cndev.api().memory(handle).ok()).as("cndevMemoryInfoV2_t has no version").isTrue();
            assertThatThrownBy(() -> cndev.api().health(handle).orThrow())
                    .hasMessage("cndevGetCardHealthState failed: UNSUPPORTED_API_VERSION (3), asked with struct version 6");
        }
    }

    @Test
    void processesComeByTheTwoCallConventionInKib() {
        var cndev = cndev(VendorMock.MACHINE);
        try (var _ = cndev.start()) {
            assertThat(cndev.processes(cndev.api().deviceHandle(0).orThrow())).containsExactly(
                    new CndevProcess(4101, 4096 * 1024, 0), new CndevProcess(4102, 2048 * 1024, 0));
            assertThat(cndev.processes(cndev.api().deviceHandle(1).orThrow())).isEmpty();
            assertThat(cndev.driverVersion()).isEqualTo("5.10.22");
        }
    }

    @Test
    void eachLibraryIsOpenedOnce() {
        assertThat(FfmCndev.open(mock().library().library())).isSameAs(FfmCndev.open(mock().library().library()));
    }
}
