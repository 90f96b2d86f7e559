package io.hami.model.annotation;

import static io.hami.model.annotation.CodecChecks.rejects;
import static org.assertj.core.api.Assertions.assertThat;

import io.hami.model.device.MetaxSgpuDevice;
import io.hami.model.device.MetaxSgpuDevices;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code metax-tech.com/node-gpu-devices}: the plugin's JSON, Go's unmarshal rules, Go's marshal output. */
class MetaxSgpuDevicesCodecTest {

    private static final MetaxSgpuDevicesCodec CODEC = MetaxSgpuDevicesCodec.INSTANCE;

    private static String q(String json) {
        return json.replace('\'', '"');
    }

    private static final String TWO_CARDS = q("[{'uuid':'GPU-1','bdf':'0000:3b:00.0','model':'MXC500',"
            + "'totalDevCount':16,'totalCompute':100,'totalVRam':65536,'availableDevCount':15,'availableCompute':70,"
            + "'availableVRam':61440,'healthy':true,'qosPolicy':'best-effort','linkZone':1},"
            + "{'uuid':'GPU-2','model':'MXC500','totalDevCount':16,'totalCompute':100,'totalVRam':65536,'numa':1}]");

    @Test
    void decodesWhatThePluginWrites() throws Exception {
        assertThat(CODEC.decode(TWO_CARDS).devices()).containsExactly(
                new MetaxSgpuDevice("GPU-1", "0000:3b:00.0", "MXC500", 16, 100, 65536, 15, 70, 61440, 0, true,
                        "best-effort", 1),
                new MetaxSgpuDevice("GPU-2", "", "MXC500", 16, 100, 65536, 0, 0, 0, 1, false, "", 0));
    }

    @Test
    void encodesByteForByteAsGoDoes() throws Exception {
        assertThat(CODEC.encode(CODEC.decode(TWO_CARDS))).isEqualTo(TWO_CARDS);
    }

    @Test
    void alwaysWritesTheUuid() {
        var blank = new MetaxSgpuDevices(List.of(new MetaxSgpuDevice("", "", "", 0, 0, 0, 0, 0, 0, 0, false, "", 0)));
        assertThat(CODEC.encode(blank)).isEqualTo(q("[{'uuid':''}]"));
    }

    @Test
    void matchesKeysCaseInsensitivelyAndIgnoresUnknownOnes() throws Exception {
        var device = CODEC.decode(q("[{'UUID':'a','TotalVram':1024,'Healthy':true,'extra':{'x':[1]},'numa':null}]"))
                .devices().getFirst();
        assertThat(device.uuid()).isEqualTo("a");
        assertThat(device.totalVRam()).isEqualTo(1024);
        assertThat(device.healthy()).isTrue();
        assertThat(device.numa()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "null", "{}", "[null]", "[1]", "[{'totalVRam':'64G'}]", "[{'totalVRam':4294967296}]",
        "[{'healthy':'yes'}]", "[{'uuid':7}]", "not json", "[{}] []"})
    void rejectsWhatHamiCannotUse(String wire) {
        rejects(CODEC, q(wire));
    }

    @Test
    void namesTheFieldOfAWrongType() {
        assertThat(rejects(CODEC, q("[{'uuid':'a'},{'totalVRam':'64G'}]")).field()).isEqualTo("[1].totalVRam");
    }
}
