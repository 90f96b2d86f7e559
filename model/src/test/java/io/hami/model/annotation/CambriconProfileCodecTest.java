package io.hami.model.annotation;

import static io.hami.model.annotation.CodecChecks.decode;
import static io.hami.model.annotation.CodecChecks.rejects;
import static org.assertj.core.api.Assertions.assertThat;

import io.hami.model.device.CambriconProfile;
import io.hami.model.device.ContainerDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code CAMBRICON_DSMLU_PROFILE}: index, cores and 256 MiB units of the slice Cambricon's plugin creates. */
class CambriconProfileCodecTest {

    private static final CambriconProfileCodec CODEC = CambriconProfileCodec.INSTANCE;

    @Test
    void writesIndexCoresAndWholeMemoryUnits() {
        var profile = CambriconProfile.of(3, new ContainerDevice("n1-cambricon-mlu-3", "MLU", 4096 + 255, 30));
        assertThat(CODEC.encode(profile)).isEqualTo("3_30_16");
    }

    @Test
    void readsWhatHamiWrites() {
        assertThat(decode(CODEC, "0_100_96")).isEqualTo(new CambriconProfile(0, 100, 96));
        assertThat(decode(CODEC, "12_0_0")).isEqualTo(new CambriconProfile(12, 0, 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0_30", "0_30_16_1", "0__16", "-1_30_16", "+1_30_16", "0_30_ 16", "0_30_1.5",
        "0_2147483648_1", "a_b_c", "0,30,16"})
    void rejectsAnythingButThreeDecimalNumbers(String wire) {
        rejects(CODEC, wire);
    }

    @Test
    void namesThePartThatIsWrong() {
        assertThat(rejects(CODEC, "0_x_16").field()).isEqualTo("cores");
        assertThat(rejects(CODEC, "0_30_99999999999").field()).isEqualTo("memoryUnits");
    }
}
