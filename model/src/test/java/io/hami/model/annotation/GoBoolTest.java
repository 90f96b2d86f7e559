package io.hami.model.annotation;

import io.hami.model.wire.WireFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.hami.model.annotation.CodecChecks.assertJsonRoundTrip;
import static io.hami.model.annotation.CodecChecks.rejects;
import static org.assertj.core.api.Assertions.assertThat;

class GoBoolTest {

    private final GoBool codec = GoBool.INSTANCE;

    @ParameterizedTest
    @ValueSource(strings = {"1", "t", "T", "TRUE", "true", "True"})
    void acceptsGoTrueSpellings(String wire) throws WireFormatException {
        assertThat(codec.decode(wire)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "f", "F", "FALSE", "false", "False"})
    void acceptsGoFalseSpellings(String wire) throws WireFormatException {
        assertThat(codec.decode(wire)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yes", "no", "tRUE", "TRue", " true", "true ", "2", "on", "\u0031\u0000"})
    void rejectsEverythingElseListingTheSpellings(String wire) {
        WireFormatException e = rejects(codec, wire);

        assertThat(e.field()).isEqualTo("value");
        assertThat(e.problem()).isEqualTo("not a Go boolean (1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False)");
    }

    @Test
    void encodesLikeFormatBool() {
        assertThat(codec.encode(true)).isEqualTo("true");
        assertThat(codec.encode(false)).isEqualTo("false");
        assertThat(assertJsonRoundTrip(Boolean.TRUE, Boolean.class)).isEqualTo("true");
    }
}
