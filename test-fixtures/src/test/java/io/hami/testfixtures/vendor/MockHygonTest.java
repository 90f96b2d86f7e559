package io.hami.testfixtures.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.bindings.ffm.NativeLibraryException;
import io.hami.bindings.hygon.DmiRemaining;
import io.hami.bindings.hygon.DmiReturn;
import io.hami.bindings.hygon.HydmiApi.VdcuSize;
import io.hami.bindings.hygon.HygonSmi;
import io.hami.bindings.hygon.RsmiProcess;
import io.hami.testfixtures.mock.VendorMock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hygon's discovery against the mock librocm_smi64.so.2, and what only Hygon has: a second library, hydmi, for
 * vDCUs, found beside rocm_smi, its absence costing only the vDCU calls; the node-wide process list.
 */
class MockHygonTest extends MockDiscoveryContract {

    private static final long MIB = 1L << 20;

    @Override
    protected VendorMock mock() {
        return VendorMock.HYGON;
    }

    @Override
    protected String midwayFailure() {
        return "rsmi_dev_memory_total_get failed: FILE_ERROR (3)";
    }

    @Override
    protected String healthProblem() {
        return "rsmi_dev_busy_percent_get failed: PERMISSION (4)";
    }

    @Override
    protected String initFailure() {
        return "rsmi_init failed: INIT_ERROR (8)";
    }

    @Override
    protected String oldVariant() {
        return "hygon-old";
    }

    @Override
    protected String missingSymbolFailure() {
        return "rsmi_dev_drm_render_minor_get failed: FUNCTION_NOT_FOUND (-99998)";
    }

    @Override
    protected String mainNode(int number) {
        return "/dev/dri/renderD" + number;
    }

    private HygonSmi hygon(String library) {
        return HygonSmi.open(library);
    }

    @Test
    void theCardNodeGoesWithTheRenderNode() {
        assertThat(devices.get(2).deviceNodes()).containsExactly("/dev/dri/card2", "/dev/dri/renderD130", "/dev/kfd", "/dev/mkfd");
    }

    @Test
    void vdcusAreCarvedThroughHydmiBesideRocmSmi() {
        var hygon = hygon(mock().library().useProfile(VendorMock.MACHINE).library());
        try (var _ = hygon.start()) {
            var hydmi = hygon.hydmi();
            assertThat(hydmi.deviceCount().orThrow()).isEqualTo(4);
            assertThat(hydmi.deviceInfo(1).orThrow().computeUnits()).isEqualTo(60);
            assertThat(hydmi.deviceInfo(1).orThrow().memoryBytes()).isEqualTo(32752 * MIB);
            hydmi.createVdcus(1, List.of(new VdcuSize(15, 8192), new VdcuSize(30, 16384))).orThrow();
            assertThat(hydmi.vdcuCount().orThrow()).isEqualTo(2);
            assertThat(hydmi.remaining(1).orThrow()).isEqualTo(new DmiRemaining(15, (32752 - 24576) * MIB));
            assertThat(hydmi.createVdcus(1, List.of(new VdcuSize(16, 1024))).status()).isEqualTo(DmiReturn.OUT_OF_RESOURCES);
            hydmi.destroyVdcus(1).orThrow();
            assertThat(hydmi.vdcuCount().orThrow()).isZero();
        }
    }

    @Test
    void hydmiAnswersOnlyWhileRocmSmiIsInitialized() {
        var hygon = hygon(mock().library().useProfile(VendorMock.MACHINE).library());
        assertThatThrownBy(() -> hygon.hydmi().deviceCount().orThrow())
                .hasMessage("dmiGetDeviceCount failed: ERROR_NOT_INITIALIZED (13)");
    }

    @Test
    void withoutHydmiOnlyTheVdcuCallsAreMissing() {
        var old = mock().variant(oldVariant());
        var hygon = hygon(old.useProfile(VendorMock.MACHINE).library());
        assertThat(hygon.discover()).hasSize(4);
        assertThatThrownBy(hygon::hydmi).isInstanceOf(NativeLibraryException.class)
                .hasMessage(old.library().replace("librocm_smi64.so.2", "libhydmi.so.1") + ": cannot open shared object file");
    }

    @Test
    void theNodesProcessesComeByTheTwoCallConvention() {
        var hygon = hygon(mock().library().useProfile(VendorMock.MACHINE).library());
        try (var _ = hygon.start()) {
            assertThat(hygon.processes()).containsExactly(new RsmiProcess(7001, 0, 4096 * MIB, 0, 10),
                    new RsmiProcess(7002, 0, 2048 * MIB, 0, 10));
            assertThat(hygon.rocmSmi().deviceId(0).orThrow()).isEqualTo(0x54b7);
        }
    }
}
