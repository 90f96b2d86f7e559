package io.hami.demo.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.hami.model.annotation.LegacyNodeRegisterCodec;
import io.hami.model.device.NodeDevice;
import io.hami.model.device.NodeRegistration;
import io.hami.model.vendor.Vendors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegisteredDevicesTest {

    /** The scheduler's series of two Cambricon cards it made up for node mlu-1 and an NVIDIA GPU of another node. */
    private static final String SCHEDULER = """
            # TYPE hami_gpu_memory_limit_bytes gauge
            hami_gpu_memory_limit_bytes{device_index="1",device_type="MLU",device_uuid="mlu-1-cambricon-mlu-1",node="mlu-1",zone="vGPU"} 5.1539607552E10
            hami_gpu_memory_limit_bytes{device_index="0",device_type="MLU",device_uuid="mlu-1-cambricon-mlu-0",node="mlu-1",zone="vGPU"} 5.1539607552E10
            hami_gpu_memory_limit_bytes{device_index="0",device_type="NVIDIA A10",device_uuid="GPU-1",node="gpu-1",zone="vGPU"} 2.5769803776E10
            # TYPE hami_gpu_core_limit_ratio gauge
            hami_gpu_core_limit_ratio{device_index="0",device_type="MLU",device_uuid="mlu-1-cambricon-mlu-0",node="mlu-1",zone="vGPU"} 100.0
            hami_gpu_core_limit_ratio{device_index="1",device_type="MLU",device_uuid="mlu-1-cambricon-mlu-1",node="mlu-1",zone="vGPU"} 100.0
            """;

    private static Node node(String name, Map<String, String> annotations) {
        return new NodeBuilder().withNewMetadata().withName(name).withAnnotations(annotations).endMetadata().build();
    }

    @Test
    void devicesLearntFromCapacityAreTheOnesTheSchedulerPublishesForTheNode() {
        var problems = new ArrayList<String>();

        var devices = new RegisteredDevices(Vendors.defaults(), SCHEDULER).of(node("mlu-1", Map.of()), problems);

        assertThat(devices).extracting(RegisteredDevices.Device::id, RegisteredDevices.Device::index,
                RegisteredDevices.Device::model, RegisteredDevices.Device::count, RegisteredDevices.Device::memoryMiB,
                RegisteredDevices.Device::cores).containsExactly(
                org.assertj.core.groups.Tuple.tuple("mlu-1-cambricon-mlu-0", 0, "MLU", 0, 49152, 100),
                org.assertj.core.groups.Tuple.tuple("mlu-1-cambricon-mlu-1", 1, "MLU", 0, 49152, 100));
        assertThat(devices).allSatisfy(d -> assertThat(d.type().id()).isEqualTo("cambricon"));
        assertThat(problems).isEmpty();
    }

    @Test
    void devicesOfARegisterAnnotationAreReadWithTheirFormatsCodec() {
        var hygon = Vendors.defaults().byId("hygon").orElseThrow();
        var wire = LegacyNodeRegisterCodec.INSTANCE.encode(new NodeRegistration(List.of(
                NodeDevice.of("DCU-2", 1, 4, 32752, 100, "DCU-Z100", 0, "hami", true),
                NodeDevice.of("DCU-1", 0, 4, 32752, 100, "DCU-Z100", 0, "hami", true))));
        var problems = new ArrayList<String>();

        var devices = new RegisteredDevices(Vendors.defaults(), SCHEDULER).of(
                node("dcu-1", Map.of(hygon.annotations().nodeRegister().orElseThrow(), wire)), problems);

        assertThat(devices).extracting(RegisteredDevices.Device::id).containsExactly("DCU-1", "DCU-2");
        assertThat(devices.getFirst().count()).isEqualTo(4);
        assertThat(problems).isEmpty();
    }

    @Test
    void aNodeWithoutDevicesOrWithAnUnreadableAnnotationSaysSo() {
        var problems = new ArrayList<String>();
        assertThat(new RegisteredDevices(Vendors.defaults(), "").of(node("empty", Map.of()), problems)).isEmpty();
        assertThat(problems).containsExactly("no devices registered");

        var broken = new ArrayList<String>();
        assertThat(new RegisteredDevices(Vendors.defaults(), "").of(node("bad", Map.of("hami.io/node-dcu-register", "x:y")),
                broken)).isEmpty();
        assertThat(broken).singleElement().asString().startsWith("hami.io/node-dcu-register: ");
    }

    @Test
    void enflameDrsCardsAreTheDevicesTheSchedulerMakesOfThem() {
        var drs = Vendors.defaults().byId("enflame-drs").orElseThrow();
        var problems = new ArrayList<String>();

        var devices = new RegisteredDevices(Vendors.defaults(), SCHEDULER).of(node("drs-1", Map.of(
                drs.annotations().nodeRegister().orElseThrow(), "{\"devices\":[{\"index\":\"1\",\"minor\":\"1\","
                        + "\"capacity\":6},{\"index\":\"0\",\"minor\":\"0\",\"capacity\":6}],\"profiles\":"
                        + "{\"1g.6gb\":\"0\",\"6g.40gb\":\"2\"}}")), problems);

        assertThat(devices).extracting(RegisteredDevices.Device::id, RegisteredDevices.Device::index,
                RegisteredDevices.Device::count, RegisteredDevices.Device::memoryMiB,
                RegisteredDevices.Device::cores).containsExactly(
                org.assertj.core.groups.Tuple.tuple("drs-1-enflame-drs-0", 0, 6, 40960, 100),
                org.assertj.core.groups.Tuple.tuple("drs-1-enflame-drs-1", 1, 6, 40960, 100));
        assertThat(problems).isEmpty();
    }
}
