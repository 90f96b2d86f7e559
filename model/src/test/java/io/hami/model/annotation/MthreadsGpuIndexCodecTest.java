package io.hami.model.annotation;

import static io.hami.model.annotation.CodecChecks.decode;
import static io.hami.model.annotation.CodecChecks.rejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.model.device.MthreadsGpuIndex;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code mthreads.com/gpu-index}: the GPUs of a Moore Threads pod, as a comma list. */
class MthreadsGpuIndexCodecTest {

    private static final MthreadsGpuIndexCodec CODEC = MthreadsGpuIndexCodec.INSTANCE;

    @Test
    void readsAndWritesHamisCommaList() {
        assertThat(decode(CODEC, "2,3").indexes()).containsExactly(2, 3);
        assertThat(CODEC.encode(new MthreadsGpuIndex(List.of(0)))).isEqualTo("0");
    }

    @Test
    void aPodsIndexesAreEveryEntrysOnceInOrderOfFirstAppearance() {
        assertThat(MthreadsGpuIndex.ofPod(List.of(List.of(), List.of(1), List.of(1))).indexes()).containsExactly(1);
        assertThat(MthreadsGpuIndex.ofPod(List.of(List.of(3, 0), List.of(0, 2))).indexes()).containsExactly(3, 0, 2);
        assertThatThrownBy(() -> MthreadsGpuIndex.ofPod(List.of(List.of()))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no GPU");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ",", "1,", ",1", "1,,2", "-1", "+1", " 1", "1 ", "1;2", "0x1", "2147483648", "1,1"})
    void rejectsAnythingButDistinctDecimalIndexes(String wire) {
        rejects(CODEC, wire);
    }

    @Test
    void namesTheElementThatIsWrong() {
        assertThat(rejects(CODEC, "0,1,x").field()).isEqualTo("[2]");
        assertThat(rejects(CODEC, "4,4").problem()).isEqualTo("index listed twice");
    }
}
