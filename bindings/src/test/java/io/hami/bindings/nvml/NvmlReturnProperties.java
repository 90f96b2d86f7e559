package io.hami.bindings.nvml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** fromCode is total: every int maps to a status, known codes to themselves, the rest to UNKNOWN. */
class NvmlReturnProperties {

    @Test
    void everyCodeMapsToAStatusWhoseMessageKeepsTheRawCode() {
        qt().forAll(integers().all()).checkAssert(code -> {
            var status = NvmlReturn.fromCode(code);
            assertThat(status.code() == code || status == NvmlReturn.UNKNOWN).isTrue();
            assertThat(NvmlException.message("nvmlX", code)).isEqualTo("nvmlX failed: " + status.name() + " (" + code + ")");
        });
    }

    @Test
    void knownCodesRoundTrip() {
        qt().forAll(integers().between(0, NvmlReturn.values().length - 1)).checkAssert(i -> {
            var status = NvmlReturn.values()[i];
            assertThat(NvmlReturn.fromCode(status.code())).isSameAs(status);
            assertThat(NvmlReturn.fromName(status.name())).contains(status);
        });
    }

    @Test
    void codesAreDistinct() {
        assertThat(Arrays.stream(NvmlReturn.values()).mapToInt(NvmlReturn::code).distinct().count())
                .isEqualTo(NvmlReturn.values().length);
    }
}
