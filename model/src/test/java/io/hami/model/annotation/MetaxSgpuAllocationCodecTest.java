package io.hami.model.annotation;

import static io.hami.model.annotation.CodecChecks.assertJsonRoundTrip;
import static io.hami.model.annotation.CodecChecks.decode;
import static io.hami.model.annotation.CodecChecks.rejects;
import static org.assertj.core.api.Assertions.assertThat;

import io.hami.model.device.ContainerDevice;
import io.hami.model.device.ContainerDevices;
import io.hami.model.device.MetaxSgpuAllocation;
import io.hami.model.device.MetaxSgpuShare;
import io.hami.model.device.PodDevices;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code metax-tech.com/gpu-devices-allocated}: what HAMi's scheduler writes for MetaX's sGPU plugin. */
class MetaxSgpuAllocationCodecTest {

    private static final MetaxSgpuAllocationCodec CODEC = MetaxSgpuAllocationCodec.INSTANCE;

    private static String q(String json) {
        return json.replace('\'', '"');
    }

    @Test
    void writesOneArrayPerAllocationEntryAndLeavesZeroNumbersOut() {
        var allocation = PodDevices.of(ContainerDevices.NONE,
                ContainerDevices.of(new ContainerDevice("GPU-1", "Metax-SGPU", 4096, 30),
                        new ContainerDevice("GPU-2", "Metax-SGPU", 0, 0)));
        assertThat(CODEC.encode(MetaxSgpuAllocation.of(allocation)))
                .isEqualTo(q("[[],[{'uuid':'GPU-1','compute':30,'vRam':4096},{'uuid':'GPU-2'}]]"));
    }

    @Test
    void decodesWhatHamiWritesAndGoesNullAndCaseLikeGo() throws Exception {
        String hami = q("[[],[{'uuid':'GPU-1','compute':30,'vRam':4096}]]");
        assertThat(decode(CODEC, hami).containers()).containsExactly(List.of(),
                List.of(new MetaxSgpuShare("GPU-1", 30, 4096)));
        assertThat(CODEC.encode(decode(CODEC, hami))).isEqualTo(hami);
        assertThat(decode(CODEC, q("[null,[{'UUID':'a','VRAM':null,'Compute':5,'x':1}]]")).containers())
                .containsExactly(List.of(), List.of(new MetaxSgpuShare("a", 5, 0)));
        assertThat(decode(CODEC, "[]").containers()).isEmpty();
    }

    @Test
    void canonicalJsonRoundTrips() {
        assertJsonRoundTrip(new MetaxSgpuAllocation(List.of(List.of(), List.of(new MetaxSgpuShare("a", 1, 2)))),
                MetaxSgpuAllocation.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "null", "{}", "[1]", "[[null]]", "[[1]]", "[[{}]]", "[[{'uuid':''}]]",
        "[[{'uuid':'a','vRam':-1}]]", "[[{'uuid':'a','compute':'30'}]]", "[[{'uuid':'a','vRam':2147483648}]]",
        "[[]] []", "nope"})
    void rejectsWhatNoSchedulerWrites(String wire) {
        rejects(CODEC, q(wire));
    }

    @Test
    void namesTheEntryShareAndField() {
        assertThat(rejects(CODEC, q("[[],[{'uuid':'a'},{'uuid':'b','vRam':'4G'}]]")).field()).isEqualTo("[1][1].vRam");
    }
}
