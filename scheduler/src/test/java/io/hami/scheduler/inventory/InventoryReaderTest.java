package io.hami.scheduler.inventory;

import static io.hami.scheduler.Kube.map;
import static io.hami.scheduler.Kube.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.hami.scheduler.vendor.DeviceTypes;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * GetNodeDevices of every vendor (HAMi's device_test.go; docs/protocol.md, "Keys of the other device types"), as a pure
 * function of the Node.
 */
class InventoryReaderTest {

    private static final DeviceTypes TYPES = DeviceTypes.defaults();
    private static final String NVIDIA = "hami.io/node-nvidia-register";
    private static final String TWO_V100 = "[{\"id\":\"GPU-a\",\"count\":10,\"devmem\":32768,\"devcore\":100,"
            + "\"type\":\"NVIDIA-Tesla V100-PCIE-32GB\",\"mode\":\"hami-core\",\"health\":true},"
            + "{\"id\":\"GPU-b\",\"index\":1,\"count\":10,\"devmem\":32768,\"devcore\":100,"
            + "\"type\":\"NVIDIA-Tesla V100-PCIE-32GB\",\"numa\":1,\"mode\":\"hami-core\",\"health\":true}]";

    @Test
    void readsTheNvidiaJsonRegistration() {
        var inv = InventoryReader.read(node("n", map(NVIDIA, TWO_V100)), TYPES);
        assertThat(inv.problems()).isEmpty();
        assertThat(inv.devices()).extracting(DeviceSpec::id).containsExactly("GPU-a", "GPU-b");
        DeviceSpec b = inv.devices().get(1);
        assertThat(b.type().id()).isEqualTo("nvidia");
        assertThat(b.index()).isEqualTo(1);
        assertThat(b.numa()).isEqualTo(1);
        assertThat(b.count()).isEqualTo(10);
        assertThat(b.totalMem()).isEqualTo(32768);
        assertThat(b.totalCores()).isEqualTo(100);
        assertThat(b.model()).isEqualTo("NVIDIA-Tesla V100-PCIE-32GB");
        assertThat(b.healthy()).isTrue();
    }

    @Test
    void aMissingAnnotationIsNoDeviceAndNoProblem() {
        var inv = InventoryReader.read(node("n", map()), TYPES);
        assertThat(inv.hasDevices()).isFalse();
        assertThat(inv.problems()).isEmpty();
    }

    @Test
    void emptyAndInvalidRegistrationsAreProblems() {
        assertThat(InventoryReader.read(node("n", map(NVIDIA, "[]")), TYPES).problems().get("nvidia"))
                .contains("no devices registered");
        var invalid = InventoryReader.read(node("n", map(NVIDIA, "[{")), TYPES);
        assertThat(invalid.problems()).containsKey("nvidia");
        assertThat(invalid.hasDevices()).isFalse();
    }

    @Test
    void aMissingHealthKeyMeansUnhealthy() {
        var inv = InventoryReader.read(node("n", map(NVIDIA, "[{\"id\":\"G\",\"count\":1,\"devmem\":1,\"devcore\":1}]")),
                TYPES);
        assertThat(inv.devices().getFirst().healthy()).isFalse();
        assertThat(inv.devices().getFirst().mode()).isEmpty();
    }

    @Test
    void attachesPairScoresAndFailsOnInvalidOnes() {
        var inv = InventoryReader.read(node("n", map(NVIDIA, TWO_V100, "hami.io/node-nvidia-score",
                "[{\"uuid\":\"GPU-a\",\"score\":{\"GPU-b\":50}}]")), TYPES);
        assertThat(inv.pairScore("GPU-a", "GPU-b")).isEqualTo(50);
        assertThat(inv.pairScore("GPU-b", "GPU-a")).isZero();
        var invalid = InventoryReader.read(node("n", map(NVIDIA, TWO_V100, "hami.io/node-nvidia-score", "{")), TYPES);
        assertThat(invalid.hasDevices()).isFalse();
        assertThat(invalid.problems()).containsKey("nvidia");
    }

    @Test
    void readsMigProfiles() {
        var inv = InventoryReader.read(node("n", map(NVIDIA, "[{\"id\":\"G\",\"count\":7,\"devmem\":40960,\"devcore\":100,"
                + "\"mode\":\"mig\",\"migProfiles\":[{\"name\":\"1g.5gb\",\"memoryMB\":4864,\"core\":15,\"sliceCount\":1,"
                + "\"placements\":[{\"start\":6,\"size\":1}]}],\"health\":true}]")), TYPES);
        assertThat(inv.devices().getFirst().isMig()).isTrue();
        assertThat(inv.devices().getFirst().migProfiles().getFirst().name()).isEqualTo("1g.5gb");
    }

    @Test
    void refusesDeviceIdsThatCannotBeWrittenIntoAnAllocation() {
        for (String id : List.of("", "GPU a", "GPU,a", "GPU:a", "GPU;a")) {
            var inv = InventoryReader.read(node("n", map(NVIDIA, "[{\"id\":\"" + id
                    + "\",\"count\":1,\"devmem\":1,\"devcore\":1,\"health\":true}]")), TYPES);
            assertThat(inv.hasDevices()).as(id).isFalse();
            assertThat(inv.problems().get("nvidia")).as(id).contains("device id");
        }
    }

    @Test
    void readsLegacyRegistrationsOfHygonAndIluvatar() {
        var inv = InventoryReader.read(node("n", map(
                "hami.io/node-dcu-register", "DCU-1,4,16384,100,DCU-Z100,0,true,0,hami:DCU-2,4,16384,100,DCU-Z100,0,true,1,hami:",
                "hami.io/node-MR-V100-register", "IX-1,4,32768,100,MR-V100,0,true:")), TYPES);
        assertThat(inv.devices()).extracting(d -> d.type().id() + ":" + d.id())
                .containsExactly("hygon:DCU-1", "hygon:DCU-2", "iluvatar-mr-v100:IX-1");
        assertThat(inv.devices().get(2).mode()).isEqualTo("hami-core");
    }

    @Test
    void readsAscendWithNetworkIds() {
        var inv = InventoryReader.read(node("n", map("hami.io/node-register-Ascend910B3",
                "[{\"id\":\"npu-0\",\"count\":4,\"devmem\":65536,\"devcore\":20,\"type\":\"Ascend910B3\",\"health\":true,"
                        + "\"custominfo\":{\"NetworkID\":1}}]")), TYPES);
        assertThat(inv.devices().getFirst().type().id()).isEqualTo("ascend-910b3");
        assertThat(inv.devices().getFirst().networkId()).isEqualTo(1);
    }

    @Test
    void readsMetaxSgpuCardsByPosition() {
        var inv = InventoryReader.read(node("n", map("metax-tech.com/node-gpu-devices",
                "[{\"uuid\":\"M-1\",\"totalDevCount\":16,\"totalCompute\":100,\"totalVRam\":65536,\"healthy\":true,"
                        + "\"qosPolicy\":\"fixed-share\"},{\"uuid\":\"M-2\",\"totalDevCount\":16,\"totalCompute\":100,"
                        + "\"totalVRam\":65536,\"numa\":1,\"linkZone\":2}]")), TYPES);
        assertThat(inv.devices()).extracting(DeviceSpec::id).containsExactly("M-1", "M-2");
        assertThat(inv.devices().get(1).index()).isEqualTo(1);
        assertThat(inv.devices().get(0).qosPolicy()).isEqualTo("fixed-share");
        assertThat(inv.devices().get(0).count()).isEqualTo(16);
        assertThat(inv.devices().get(1).healthy()).isFalse();
        assertThat(inv.devices()).extracting(DeviceSpec::linkZone).containsExactly(0, 2);
    }

    @Test
    void synthesizesCambriconFromCapacity() {
        var inv = InventoryReader.read(node("mlu", map(), "cambricon.com/mlu.smlu.vcore", "200",
                "cambricon.com/mlu.smlu.vmemory", "64"), TYPES);
        assertThat(inv.devices()).extracting(DeviceSpec::id).containsExactly("mlu-cambricon-mlu-0", "mlu-cambricon-mlu-1");
        DeviceSpec d = inv.devices().getFirst();
        assertThat(d.count()).isEqualTo(100);
        assertThat(d.totalCores()).isEqualTo(100);
        assertThat(d.totalMem()).isEqualTo(64 * 256 * 100 / 200);
        assertThat(d.model()).isEqualTo("MLU");
    }

    @Test
    void synthesizesMooreThreadsFromCapacityRoundingUp() {
        var inv = InventoryReader.read(node("mt", map(), "mthreads.com/sgpu-core", "40",
                "mthreads.com/sgpu-memory", "240"), TYPES);
        assertThat(inv.devices()).extracting(DeviceSpec::id).containsExactly("mt-mthreads-0", "mt-mthreads-1",
                "mt-mthreads-2");
        assertThat(inv.devices().getFirst().totalCores()).isEqualTo(16);
        assertThat(inv.devices().getFirst().totalMem()).isEqualTo(240 * 512 * 16 / 40);
    }

    @Test
    void synthesizesMetaxWholeGpusFromCapacity() {
        var inv = InventoryReader.read(node("mx", map(), "metax-tech.com/gpu", "2"), TYPES);
        assertThat(inv.devices()).extracting(DeviceSpec::id).containsExactly("mx-metax-0", "mx-metax-1");
        assertThat(inv.devices().getFirst().count()).isEqualTo(1);
        assertThat(inv.devices().getFirst().totalMem()).isEqualTo(65536);
    }

    @Test
    void readsMetaxWholeGpuTopologyLossesAndScores() {
        var inv = InventoryReader.read(node("mx", map("metax-tech.com/gpu.topology.losses", "{\"1\":0,\"2\":110}",
                "metax-tech.com/gpu.topology.scores", "{\"2\":90}"), "metax-tech.com/gpu", "2"), TYPES);
        assertThat(inv.metaxTopology().losses().orElseThrow().valueFor(2)).hasValue(110);
        assertThat(inv.metaxTopology().scores().orElseThrow().valueFor(2)).hasValue(90);
        var none = InventoryReader.read(node("mx", map(), "metax-tech.com/gpu", "2"), TYPES);
        assertThat(none.metaxTopology()).isEqualTo(MetaxTopology.NONE);
    }

    @Test
    void anUnreadableMetaxTopologyLeavesTheWholeGpusOutNamingTheAnnotation() {
        var inv = InventoryReader.read(node("mx", map("metax-tech.com/gpu.topology.scores", "{\"2\":\"high\"}",
                "metax-tech.com/node-gpu-devices", "[{\"uuid\":\"M-1\",\"totalDevCount\":16,\"healthy\":true}]"),
                "metax-tech.com/gpu", "2"), TYPES);
        assertThat(inv.devices()).extracting(DeviceSpec::id).as("the sGPUs stay").containsExactly("M-1");
        assertThat(inv.problems()).containsOnlyKeys("metax-gpu");
        assertThat(inv.problems().get("metax-gpu")).isEqualTo("metax-gpu-topology: metax-tech.com/gpu.topology.scores: "
                + "[\"2\"]: expected a 64-bit integer: \"high\"");
        assertThat(inv.metaxTopology()).isEqualTo(MetaxTopology.NONE);
    }

    @Test
    void zeroOrInvalidCapacity() {
        assertThat(InventoryReader.read(node("mt", map(), "mthreads.com/sgpu-core", "0"), TYPES).hasDevices()).isFalse();
        var bad = InventoryReader.read(node("mt", map(), "mthreads.com/sgpu-core", "1500m"), TYPES);
        assertThat(bad.problems()).containsKey("mthreads");
    }

    @Test
    void readsTheCordonList() {
        var inv = InventoryReader.read(node("n", map(NVIDIA, TWO_V100, "hami.io/device-cordon", "GPU-b, ")), TYPES);
        assertThat(inv.cordoned()).containsExactly("GPU-b");
        assertThat(InventoryReader.read(node("n", map(NVIDIA, TWO_V100)), TYPES).cordoned()).isEmpty();
    }

    @Test
    void ascendSoftSplitCapability() {
        assertThat(InventoryReader.read(node("n", map()), TYPES).ascendSoftCapable()).isFalse();
        assertThat(InventoryReader.read(node("n", map("hami-vnpu-core", "true")), TYPES).ascendSoftCapable()).isTrue();
        var bad = InventoryReader.read(node("n", map("hami-vnpu-core", "yes")), TYPES);
        assertThat(bad.ascendSoftCapable()).isFalse();
        assertThat(bad.problems()).containsKey("hami-vnpu-core");
    }
}
