package io.hami.model.annotation;

import static io.hami.model.annotation.CodecChecks.decode;
import static io.hami.model.annotation.CodecChecks.rejects;
import static org.assertj.core.api.Assertions.assertThat;

import io.hami.model.device.CambriconProfileInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code CAMBRICON_DSMLU_PROFILE_INSTANCE}: profile id, instance handle, card index and instance id. */
class CambriconProfileInstanceCodecTest {

    private static final CambriconProfileInstanceCodec CODEC = CambriconProfileInstanceCodec.INSTANCE;

    @Test
    void writesProfileHandleIndexAndInstanceInCambriconsOrder() {
        assertThat(CODEC.encode(new CambriconProfileInstance(0, 258, 2, 1))).isEqualTo("0_258_2_1");
    }

    @Test
    void readsWhatCambriconsPluginWritesBackToTheSameValue() {
        var value = decode(CODEC, "3_1281_1_5");
        assertThat(value).isEqualTo(new CambriconProfileInstance(3, 1281, 1, 5));
        assertThat(CODEC.encode(value)).isEqualTo("3_1281_1_5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0_258_2", "0_258_2_1_0", "0__2_1", "-1_258_2_1", "0_258_2_x", "0 258 2 1"})
    void rejectsAnythingButFourDecimalNumbers(String wire) {
        rejects(CODEC, wire);
    }

    @Test
    void namesThePartThatIsWrong() {
        assertThat(rejects(CODEC, "0_h_2_1").field()).isEqualTo("instanceHandle");
        assertThat(rejects(CODEC, "0_258_2_99999999999").field()).isEqualTo("instanceId");
    }
}
