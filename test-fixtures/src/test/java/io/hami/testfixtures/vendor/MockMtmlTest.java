package io.hami.testfixtures.vendor;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.assertj.core.api.Assertions.assertThat;

import io.hami.bindings.mtml.Mtml;
import io.hami.bindings.mtml.MtmlReturn;
import io.hami.testfixtures.mock.VendorMock;
import java.lang.foreign.FunctionDescriptor;
import org.junit.jupiter.api.Test;

/**
 * Moore Threads' discovery against the mock libmtml.so, and what only MTML has: opaque objects that must all be
 * freed (the mock counts them), and a serial number asked for with its length before its buffer.
 */
class MockMtmlTest extends MockDiscoveryContract {

    @Override
    protected VendorMock mock() {
        return VendorMock.MTHREADS;
    }

    @Override
    protected String midwayFailure() {
        return "mtmlDeviceInitMemory failed: DRIVER_FAILURE (2)";
    }

    @Override
    protected String healthProblem() {
        return "mtmlGpuGetUtilization failed: RESOURCE_IS_BUSY (12)";
    }

    @Override
    protected String initFailure() {
        return "mtmlLibraryInit failed: DRIVER_TOO_OLD (9)";
    }

    @Override
    protected String oldVariant() {
        return "mtml-old";
    }

    @Override
    protected String missingSymbolFailure() {
        return "mtmlDeviceGetPciInfo failed: FUNCTION_NOT_FOUND (-99998)";
    }

    @Override
    protected String mainNode(int number) {
        return "/dev/mtgpu." + number;
    }

    private int liveObjects() throws Throwable {
        return (int) mock().library().control("hamiMockMtmlLiveObjects", FunctionDescriptor.of(JAVA_INT)).invokeExact();
    }

    @Test
    void everyObjectTheBindingMadeIsFreedWhenTheSessionEnds() throws Throwable {
        var mtml = Mtml.open(mock().library().useProfile(VendorMock.MACHINE).library());
        try (var _ = mtml.start()) {
            var device = mtml.api().device(0).orThrow();
            assertThat(mtml.api().device(0).orThrow()).isEqualTo(device);
            mtml.api().memory(device).orThrow();
            mtml.api().gpuUtilization(device).orThrow();
            assertThat(liveObjects()).as("the library object and one device object").isEqualTo(2);
        }
        assertThat(liveObjects()).isZero();
        assertThat(mtml.discover()).hasSize(4);
        assertThat(liveObjects()).isZero();
    }

    @Test
    void aFailedSubObjectCallStillFreesItsObject() throws Throwable {
        var mtml = Mtml.open(mock().library().useProfile(VendorMock.FAULT_MIDWAY).library());
        try (var _ = mtml.start()) {
            var busy = mtml.api().gpuUtilization(mtml.api().device(2).orThrow());
            assertThat(busy.status()).isEqualTo(MtmlReturn.RESOURCE_IS_BUSY);
            assertThat(liveObjects()).isEqualTo(2);
        }
        assertThat(liveObjects()).isZero();
    }

    @Test
    void theSerialNumberIsAskedForWithItsLengthFirst() {
        var mtml = Mtml.open(mock().library().useProfile(VendorMock.MACHINE).library());
        try (var _ = mtml.start()) {
            var device = mtml.api().device(1).orThrow();
            assertThat(mtml.serial(device)).isEqualTo("S4K2312000102");
            assertThat(mtml.multiProcessCapable(device)).isTrue();
            assertThat(mtml.multiProcessCapable(mtml.api().device(3).orThrow())).isFalse();
            assertThat(mtml.api().powerMilliwatts(device).orThrow()).isEqualTo(60000);
            assertThat(mtml.api().powerMilliwatts(mtml.api().device(2).orThrow()).optional()).isEmpty();
        }
    }
}
