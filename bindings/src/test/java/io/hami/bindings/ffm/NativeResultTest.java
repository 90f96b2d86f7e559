package io.hami.bindings.ffm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.bindings.cndev.CndevReturn;
import io.hami.bindings.dcmi.DcmiReturn;
import io.hami.bindings.nvml.NvmlReturn;
import org.junit.jupiter.api.Test;

class NativeResultTest {

    private static final NativeCalls CNDEV = new NativeCalls(CndevReturn.STATUSES);

    @Test
    void aFailureNamesTheSymbolTheStatusTheCodeAndTheBindingsNote() {
        var r = CNDEV.<Integer>error("cndevGetCardHealthState", 3).withNote("asked with struct version 6");
        assertThatThrownBy(r::orThrow).isInstanceOf(NativeCallException.class)
                .hasMessage("cndevGetCardHealthState failed: UNSUPPORTED_API_VERSION (3), asked with struct version 6");
        assertThat(r.failure().status()).isEqualTo(CndevReturn.UNSUPPORTED_API_VERSION);
        assertThat(r.failure().symbol()).isEqualTo("cndevGetCardHealthState");
    }

    @Test
    void notSupportedAndAMissingSymbolAreEmptyNeverZero() {
        assertThat(CNDEV.<Integer>error("cndevGetNUMANodeIdByDevId", 10).optional()).isEmpty();
        assertThat(CNDEV.<Integer>error("cndevGetNUMANodeIdByDevId", Downcalls.SYMBOL_MISSING).optional()).isEmpty();
        assertThat(CNDEV.ok("cndevGetNUMANodeIdByDevId", 0).optional()).contains(0);
        assertThatThrownBy(() -> CNDEV.<Integer>error("cndevGetNUMANodeIdByDevId", 6).optional())
                .hasMessage("cndevGetNUMANodeIdByDevId failed: INVALID_DEVICE_ID (6)");
    }

    @Test
    void aMissingSymbolSaysNothingOfHealthAndALostGpuSaysAll() {
        var missing = CNDEV.error("cndevGetMemoryUsageV2", Downcalls.SYMBOL_MISSING).failure();
        assertThat(missing.missingFunction()).isTrue();
        assertThat(missing.deviceLost()).isFalse();
        assertThat(missing).hasMessage("cndevGetMemoryUsageV2 failed: FUNCTION_NOT_FOUND (-99998)");
        var lost = new NativeCalls(NvmlReturn.STATUSES).error("nvmlDeviceGetUUID", 15).failure();
        assertThat(lost.deviceLost()).isTrue();
        assertThat(lost.missingFunction()).isFalse();
    }

    @Test
    void unknownCodesKeepTheirNumbers() {
        assertThat(new NativeCalls(DcmiReturn.STATUSES).error("dcmi_init", -7777).failure())
                .hasMessage("dcmi_init failed: UNKNOWN (-7777)");
    }

    @Test
    void mapKeepsFailuresAndTransformsValues() {
        assertThat(CNDEV.ok("x", 2).map(v -> v * 21).value()).isEqualTo(42);
        var failed = CNDEV.<Integer>error("x", 5).map(v -> v * 21);
        assertThat(failed.ok()).isFalse();
        assertThat(failed.status()).isEqualTo(CndevReturn.INVALID_ARGUMENT);
    }

    @Test
    void aStatusTableRefusesTwoNamesForOneCode() {
        assertThatThrownBy(() -> StatusTable.of(Twice.class, Twice.A, Twice.B, java.util.Set.of(), java.util.Set.of()))
                .hasMessage("Twice: code 1 named twice");
    }

    private enum Twice implements NativeStatus {
        A(0), B(1), C(1);

        private final int code;

        Twice(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }
    }
}
