package io.hami.bindings.ffm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.hami.bindings.cndev.CndevReturn;
import io.hami.bindings.dcmi.DcmiReturn;
import io.hami.bindings.hygon.DmiReturn;
import io.hami.bindings.hygon.RsmiReturn;
import io.hami.bindings.mtml.MtmlReturn;
import io.hami.bindings.mxsml.MxsmlReturn;
import io.hami.bindings.nvml.NvmlReturn;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every library's status table is total and keeps raw codes in its messages; a missing symbol is absent, not lost. */
class StatusTableProperties {

    private static final List<StatusTable<?>> TABLES = List.of(NvmlReturn.STATUSES, CndevReturn.STATUSES, DcmiReturn.STATUSES,
            RsmiReturn.STATUSES, DmiReturn.STATUSES, MxsmlReturn.STATUSES, MtmlReturn.STATUSES);

    @Test
    void everyCodeMapsToAStatusAndEveryMessageKeepsTheRawCode() {
        for (var table : TABLES) {
            qt().forAll(integers().all()).checkAssert(code -> {
                var status = table.fromCode(code);
                assertThat(status).isNotNull();
                assertThat(table.message("f", code)).isEqualTo("f failed: " + status.name() + " (" + code + ")");
            });
        }
    }

    @Test
    void namedCodesRoundTripAndAreDistinct() {
        for (var table : TABLES) {
            var members = constants(table);
            for (var s : members) {
                assertThat(table.fromName(s.name()).map(NativeStatus.class::cast)).contains(s);
            }
            long distinct = Arrays.stream(members).mapToInt(NativeStatus::code).distinct().count();
            assertThat(distinct).isEqualTo(members.length);
        }
    }

    @Test
    void aMissingSymbolIsAbsentButNeverLost() {
        for (var table : TABLES) {
            int missing = table.missingCode();
            assertThat(table.missing(missing)).isTrue();
            assertThat(table.absent(missing)).isTrue();
            assertThat(table.lost(missing)).isFalse();
            assertThat(table.absent(0)).isFalse();
        }
        assertThat(NvmlReturn.STATUSES.missingCode()).isEqualTo(13);
        assertThat(CndevReturn.STATUSES.missingCode()).isEqualTo(Downcalls.SYMBOL_MISSING);
    }

    private static NativeStatus[] constants(StatusTable<?> table) {
        return (NativeStatus[]) table.fromCode(0).getClass().getEnumConstants();
    }
}
