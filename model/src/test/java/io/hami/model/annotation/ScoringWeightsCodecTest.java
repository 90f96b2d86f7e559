package io.hami.model.annotation;

import io.hami.model.wire.WireFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.hami.model.annotation.CodecChecks.assertJsonRoundTrip;
import static io.hami.model.annotation.CodecChecks.rejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ScoringWeightsCodecTest {

    private final ScoringWeightsCodec codec = ScoringWeightsCodec.INSTANCE;

    @Test
    void defaultWeightsAreOneEach() {
        assertThat(ScoringWeights.DEFAULT).isEqualTo(new ScoringWeights(1, 1, 1));
    }

    @Test
    void decodesCanonicalAnnotation() throws WireFormatException {
        assertThat(codec.decode("slot=1,core=1,memory=3")).isEqualTo(new ScoringWeights(1, 1, 3));
    }

    @Test
    void decodesEntriesInAnyOrderWithSurroundingWhiteSpace() throws WireFormatException {
        assertThat(codec.decode(" memory=3, slot=2 ,core=1 ")).isEqualTo(new ScoringWeights(2, 1, 3));
        assertThat(codec.decode("slot = 0 ,\tcore=\u00a07, memory=+0")).isEqualTo(new ScoringWeights(0, 7, 0));
        assertThat(codec.decode("slot=-0,core=9223372036854775807,memory=0"))
                .isEqualTo(new ScoringWeights(0, Long.MAX_VALUE, 0));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(delimiter = '|', value = {
        "''                                         | value      | expected slot, core, and memory weights",
        "slot=1,memory=3                            | value      | expected slot, core, and memory weights",
        "slot=1,core=1,memory=3,                    | value      | expected slot, core, and memory weights",
        "slot=1;core=1;memory=3                     | value      | expected slot, core, and memory weights",
        "slot=1,core,memory=3                       | entries[1] | expected key=value entries",
        "slot=1,core=1,                             | entries[2] | expected key=value entries",
        "slot=1,core=high,memory=1                  | core       | \"core\" weight must be an integer",
        "slot=1,core=,memory=1                      | core       | \"core\" weight must be an integer",
        "slot=1.5,core=1,memory=1                   | slot       | \"slot\" weight must be an integer",
        "slot=1,core=1,memory=9223372036854775808   | memory     | \"memory\" weight must be an integer",
        "slot=1,core=1,memory=1_000                 | memory     | \"memory\" weight must be an integer",
        "slot=1,core=1,memory=\u0661                | memory     | \"memory\" weight must be an integer",
        "slot=1,core=1=1,memory=1                   | core       | \"core\" weight must be an integer",
        "slot=1,core=-1,memory=1                    | core       | \"core\" weight must not be negative",
        "slot=1,bandwidth=2,memory=1                | entries[1] | unknown weight \"bandwidth\"",
        "slot=1,Core=2,memory=1                     | entries[1] | unknown weight \"Core\"",
        "slot=1,=2,memory=1                         | entries[1] | unknown weight \"\"",
        "slot=1,slot=2,memory=1                     | slot       | duplicate \"slot\" weight",
        "slot=0,core=0,memory=0                     | value      | at least one weight must be positive",
    })
    void rejectsWithHamiWordingAndNamesTheField(String wire, String field, String problem) {
        WireFormatException e = rejects(codec, wire);

        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage()).contains(problem);
    }

    @Test
    void checksKeyBeforeValue() {
        assertThat(rejects(codec, "slot=1,bandwidth=x,memory=1").problem()).startsWith("unknown weight");
        assertThat(rejects(codec, "slot=1,slot=x,memory=1").problem()).startsWith("duplicate");
    }

    @Test
    void quotesUntrustedKeysInTheMessage() {
        assertThat(rejects(codec, "slot=1,a\"\nb=2,memory=1").getMessage()).contains("unknown weight \"a\\\"\\nb\"");
    }

    @Test
    void encodesCanonicalOrderGolden() {
        assertThat(codec.encode(new ScoringWeights(1, 1, 3))).isEqualTo("slot=1,core=1,memory=3");
        assertThat(codec.encode(new ScoringWeights(0, Long.MAX_VALUE, 2)))
                .isEqualTo("slot=0,core=9223372036854775807,memory=2");
    }

    @Test
    void recordRejectsNegativeOrAllZeroWeights() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ScoringWeights(-1, 1, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new ScoringWeights(0, 0, 0))
                .withMessageContaining("at least one weight must be positive");
    }

    @Test
    void canonicalJsonIsThreeNumbers() {
        assertThat(assertJsonRoundTrip(new ScoringWeights(1, 1, 3), ScoringWeights.class))
                .isEqualTo("{\"slot\":1,\"core\":1,\"memory\":3}");
    }
}
