package io.hami.scheduler.filter;

import static io.hami.scheduler.Kube.container;
import static io.hami.scheduler.Kube.map;
import static io.hami.scheduler.Kube.node;
import static io.hami.scheduler.Kube.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.hami.scheduler.Scenario;
import java.time.Instant;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/**
 * Golden pod annotations per vendor: exactly what HAMi v2.10's scheduler writes at filter for each device type
 * (docs/protocol.md, "Pod annotations of the other device types").
 */
class VendorAnnotationsTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00.123456789Z");
    private static final String SECONDS = "1795860000";
    private static final String NANOS = "1795860000123456789";

    private static Map<String, String> annotations(Scenario s, Pod pod) {
        FilterResult r = s.filter(pod);
        assertThat(r.kind()).as(r.toString()).isEqualTo(FilterResult.Kind.SCHEDULED);
        return r.annotations(NOW);
    }

    /** An Ascend 910B3 node of 4 NPUs {@code npu-0..3}. */
    private static Node ascendNode(String... extraAnnotations) {
        var devices = new StringJoiner(",", "[", "]");
        for (int i = 0; i < 4; i++) {
            devices.add("{\"id\":\"npu-" + i + "\",\"index\":" + i + ",\"count\":4,\"devmem\":65536,\"devcore\":20,"
                    + "\"type\":\"Ascend910B3\",\"health\":true}");
        }
        var annotations = map(extraAnnotations);
        annotations.put("hami.io/node-register-Ascend910B3", devices.toString());
        return node("npu", annotations);
    }

    @Test
    void ascendHardSplitNamesTheTemplatesOfEveryContainersDevices() {
        var p = pod("p").init(container("setup")).app(
                container("a", "huawei.com/Ascend910B3", "1", "huawei.com/Ascend910B3-memory", "10000"),
                container("b", "huawei.com/Ascend910B3", "1")).build();
        String allocation = ";npu-3,Ascend910B3,16384,0:;npu-2,Ascend910B3,65536,0:;";
        assertThat(annotations(Scenario.of(ascendNode()), p)).isEqualTo(Map.of(
                "hami.io/vgpu-node", "npu",
                "hami.io/vgpu-time", SECONDS,
                "hami.io/Ascend910B3-devices-to-allocate", allocation,
                "hami.io/Ascend910B3-devices-allocated", allocation,
                "huawei.com/Ascend910B3", "[{\"UUID\":\"npu-3\",\"temp\":\"vir05_1c_16g\",\"memory\":16384},"
                        + "{\"UUID\":\"npu-2\",\"memory\":65536}]",
                "predicate-time", SECONDS));
    }

    @Test
    void ascendSoftSplitWritesMemoryAndCoresWithoutTemplate() {
        var p = pod("p").annotate("huawei.com/vnpu-mode", "hami-core").app(container("c", "huawei.com/Ascend910B3",
                "1", "huawei.com/Ascend910B3-memory", "10000", "huawei.com/Ascend910B3-core", "50")).build();
        assertThat(annotations(Scenario.of(ascendNode("hami-vnpu-core", "true")), p))
                .containsEntry("huawei.com/Ascend910B3", "[{\"UUID\":\"npu-3\",\"memory\":10000,\"core\":50}]")
                .containsEntry("predicate-time", SECONDS);
    }

    @Test
    void cambriconProfilesTheFirstContainerThatHoldsAnMlu() {
        var s = Scenario.of(node("m", map(), "cambricon.com/mlu.smlu.vcore", "200",
                "cambricon.com/mlu.smlu.vmemory", "128"));
        var p = pod("p").init(container("setup")).app(container("c", "cambricon.com/vmlu", "1",
                "cambricon.com/mlu.smlu.vmemory", "16", "cambricon.com/mlu.smlu.vcore", "30")).build();
        String allocation = ";m-cambricon-mlu-1,MLU,4096,30:;";
        assertThat(annotations(s, p)).isEqualTo(Map.of(
                "hami.io/vgpu-node", "m",
                "hami.io/vgpu-time", SECONDS,
                "hami.io/cambricon-mlu-devices-to-allocate", allocation,
                "hami.io/cambricon-mlu-devices-allocated", allocation,
                "CAMBRICON_DSMLU_ASSIGNED", "false",
                "CAMBRICON_DSMLU_PROFILE", "1_30_16"));
    }

    @Test
    void mooreThreadsGetsTheAllocatedValueTheGpuIndexesAndThePredicates() {
        var s = Scenario.of(node("mt", map(), "mthreads.com/sgpu-core", "32", "mthreads.com/sgpu-memory", "192"));
        var p = pod("p").app(
                container("a", "mthreads.com/vgpu", "1", "mthreads.com/sgpu-memory", "8", "mthreads.com/sgpu-core", "4"),
                container("b", "mthreads.com/vgpu", "1", "mthreads.com/sgpu-memory", "4", "mthreads.com/sgpu-core", "2"))
                .build();
        assertThat(annotations(s, p)).isEqualTo(Map.of(
                "hami.io/vgpu-node", "mt",
                "hami.io/vgpu-time", SECONDS,
                "hami.io/mthreads-vgpu-devices-allocated",
                "mt-mthreads-1,Mthreads,4096,4:;mt-mthreads-1,Mthreads,2048,2:;",
                "mthreads.com/gpu-index", "1",
                "mthreads.com/predicate-node", "mt",
                "mthreads.com/predicate-time", NANOS));
    }

    @Test
    void mooreThreadsListsEveryGpuOfAMultiGpuContainer() {
        var s = Scenario.of(node("mt", map(), "mthreads.com/sgpu-core", "32", "mthreads.com/sgpu-memory", "192"));
        var p = pod("p").app(container("a", "mthreads.com/vgpu", "2")).build();
        assertThat(annotations(s, p)).containsEntry("mthreads.com/gpu-index", "1,0")
                .containsEntry("hami.io/mthreads-vgpu-devices-allocated",
                        "mt-mthreads-1,Mthreads,49152,16:mt-mthreads-0,Mthreads,49152,16:;");
    }

    @Test
    void metaxSgpuGetsOneJsonArrayPerContainerAndItsPredicateTime() {
        var s = Scenario.of(node("mx", map("metax-tech.com/node-gpu-devices", "[{\"uuid\":\"M-0\",\"totalDevCount\":16,"
                + "\"totalCompute\":100,\"totalVRam\":65536,\"healthy\":true}]")));
        var p = pod("p").init(container("setup")).app(container("c", "metax-tech.com/sgpu", "1",
                "metax-tech.com/vmemory", "4", "metax-tech.com/vcore", "30")).build();
        String allocation = ";M-0,Metax-SGPU,4096,30:;";
        assertThat(annotations(s, p)).isEqualTo(Map.of(
                "hami.io/vgpu-node", "mx",
                "hami.io/vgpu-time", SECONDS,
                "hami.io/metax-sgpu-devices-to-allocate", allocation,
                "hami.io/metax-sgpu-devices-allocated", allocation,
                "metax-tech.com/gpu-devices-allocated", "[[],[{\"uuid\":\"M-0\",\"compute\":30,\"vRam\":4096}]]",
                "metax-tech.com/predicate-time", NANOS));
    }

    @Test
    void metaxWholeGpusHygonAndIluvatarGetTheAllocationPairAlone() {
        var whole = Scenario.of(node("w", map(), "metax-tech.com/gpu", "1"));
        assertThat(annotations(whole, pod("p").app(container("c", "metax-tech.com/gpu", "1")).build()))
                .isEqualTo(Map.of("hami.io/vgpu-node", "w", "hami.io/vgpu-time", SECONDS,
                        "hami.io/metax-gpu-devices-to-allocate", "w-metax-0,Metax-GPU,65536,100:;",
                        "hami.io/metax-gpu-devices-allocated", "w-metax-0,Metax-GPU,65536,100:;"));
        var dcu = Scenario.of(node("h", map("hami.io/node-dcu-register", "DCU-1,4,16384,100,DCU-Z100,0,true,0,hami:")));
        assertThat(annotations(dcu, pod("p").app(container("c", "hygon.com/dcunum", "1", "hygon.com/dcumem", "100"))
                .build())).isEqualTo(Map.of("hami.io/vgpu-node", "h", "hami.io/vgpu-time", SECONDS,
                        "hami.io/dcu-devices-to-allocate", "DCU-1,DCU,100,100:;",
                        "hami.io/dcu-devices-allocated", "DCU-1,DCU,100,100:;"));
        var ix = Scenario.of(node("i", map("hami.io/node-MR-V100-register", "IX-1,4,32768,100,MR-V100,0,true:")));
        assertThat(annotations(ix, pod("p").app(container("c", "iluvatar.ai/MR-V100-vgpu", "1",
                "iluvatar.ai/MR-V100.vMem", "8")).build())).isEqualTo(Map.of("hami.io/vgpu-node", "i",
                        "hami.io/vgpu-time", SECONDS, "hami.io/MR-V100-devices-to-allocate", "IX-1,MR-V100,2048,0:;",
                        "hami.io/MR-V100-devices-allocated", "IX-1,MR-V100,2048,0:;"));
    }
}
