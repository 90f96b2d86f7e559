package io.hami.model.annotation;

import static io.hami.model.annotation.CodecChecks.assertJsonRoundTrip;
import static io.hami.model.annotation.CodecChecks.decode;
import static io.hami.model.annotation.CodecChecks.rejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.model.config.VnpuConfig;
import io.hami.model.config.VnpuSection;
import io.hami.model.device.AscendRuntimeInfo;
import io.hami.model.device.AscendRuntimeInfos;
import io.hami.model.device.ContainerDevice;
import io.hami.model.device.ContainerDevices;
import io.hami.model.device.PodDevices;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code huawei.com/<commonWord>}: what HAMi's scheduler writes for Ascend's device plugin, Go's JSON both ways. */
class AscendRuntimeInfoCodecTest {

    private static final AscendRuntimeInfoCodec CODEC = AscendRuntimeInfoCodec.INSTANCE;

    private static String q(String json) {
        return json.replace('\'', '"');
    }

    private static VnpuConfig chip(String commonWord) {
        return VnpuSection.defaults().configs().stream().filter(c -> c.commonWord().equals(commonWord)).findFirst()
                .orElseThrow();
    }

    private static ContainerDevice npu(String id, int mem, int cores) {
        return new ContainerDevice(id, "Ascend910B3", mem, cores);
    }

    @Test
    void hardSplitNamesTheTemplateOfEachDeviceAndLeavesZeroCoresOut() {
        var allocation = PodDevices.of(ContainerDevices.NONE, ContainerDevices.of(npu("npu-7", 16384, 0)),
                ContainerDevices.of(npu("npu-6", 65536, 0)));
        var info = AscendRuntimeInfos.of(allocation, chip("Ascend910B3"), false);
        assertThat(CODEC.encode(info)).isEqualTo(q("[{'UUID':'npu-7','temp':'vir05_1c_16g','memory':16384},"
                + "{'UUID':'npu-6','memory':65536}]"));
    }

    @Test
    void aMemoryBetweenTemplatesGetsTheLargerTemplate() {
        var info = AscendRuntimeInfos.of(PodDevices.of(ContainerDevices.of(npu("npu-0", 20000, 0))),
                chip("Ascend910B3"), false);
        assertThat(info.devices()).containsExactly(new AscendRuntimeInfo("npu-0", "vir10_3c_32g", 20000, 0));
    }

    @Test
    void softSplitWritesMemoryAndCoresWithoutTemplate() {
        var info = AscendRuntimeInfos.of(PodDevices.of(ContainerDevices.of(npu("npu-7", 10000, 50))),
                chip("Ascend910B3"), true);
        assertThat(CODEC.encode(info)).isEqualTo(q("[{'UUID':'npu-7','memory':10000,'core':50}]"));
    }

    @Test
    void anAllocationWithoutDevicesHasNoRuntimeInfo() {
        assertThatThrownBy(() -> AscendRuntimeInfos.of(PodDevices.of(ContainerDevices.NONE), chip("Ascend910B3"),
                false)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no device");
    }

    @Test
    void decodesWhatHamiWritesAndItsOwnKeysCaseInsensitively() throws Exception {
        String hami = q("[{'UUID':'npu-7','temp':'vir05_1c_16g','memory':16384},{'UUID':'npu-6','memory':65536}]");
        assertThat(decode(CODEC, hami).devices()).containsExactly(
                new AscendRuntimeInfo("npu-7", "vir05_1c_16g", 16384, 0), new AscendRuntimeInfo("npu-6", "", 65536, 0));
        assertThat(CODEC.encode(decode(CODEC, hami))).isEqualTo(hami);
        assertThat(decode(CODEC, q("[{'uuid':'a','TEMP':null,'Memory':1,'core':2,'extra':[1,{}]}]")).devices())
                .containsExactly(new AscendRuntimeInfo("a", "", 1, 2));
    }

    @Test
    void canonicalJsonRoundTrips() {
        assertJsonRoundTrip(new AscendRuntimeInfos(List.of(new AscendRuntimeInfo("a", "vir01", 3072, 1))),
                AscendRuntimeInfos.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "null", "[]", "{}", "[null]", "[1]", "[{}]", "[{'UUID':''}]", "[{'UUID':7}]",
        "[{'UUID':'a','memory':-1}]", "[{'UUID':'a','memory':1.5}]", "[{'UUID':'a','core':2147483648}]",
        "[{'UUID':'a','temp':3}]", "[{'UUID':'a'}] x", "not json"})
    void rejectsWhatNoSchedulerWrites(String wire) {
        rejects(CODEC, q(wire));
    }

    @Test
    void namesTheDeviceAndFieldThatIsWrong() {
        assertThat(rejects(CODEC, q("[{'UUID':'a'},{'UUID':'b','memory':'16G'}]")).field()).isEqualTo("[1].memory");
        assertThat(rejects(CODEC, q("[{'UUID':'a'},{'memory':1}]")).field()).isEqualTo("[1].UUID");
    }
}
