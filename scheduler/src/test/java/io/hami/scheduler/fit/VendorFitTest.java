package io.hami.scheduler.fit;

import static io.hami.scheduler.Kube.container;
import static io.hami.scheduler.Kube.map;
import static io.hami.scheduler.Kube.node;
import static io.hami.scheduler.Kube.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.hami.scheduler.Scenario;
import io.hami.scheduler.filter.FilterResult;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/**
 * The other vendors through the shared logic and their overrides (docs/scheduler.md, "Requests" and
 * "Fitting and reasons").
 */
class VendorFitTest {

    private static String outcome(FilterResult r, String type) {
        return switch (r.kind()) {
            case SCHEDULED -> Scenario.allocation(r, type);
            case UNSCHEDULABLE -> r.failedNodes().values().iterator().next();
            default -> r.kind() + " " + r.error();
        };
    }

    /** An Ascend 910B3 node of 8 NPUs, indexes 0..7, networks 0 (0-3) and 1 (4-7) unless {@code network} is false. */
    private static Node ascendNode(boolean network, String... extraAnnotations) {
        var devices = new StringJoiner(",", "[", "]");
        for (int i = 0; i < 8; i++) {
            devices.add("{\"id\":\"npu-" + i + "\",\"index\":" + i + ",\"count\":4,\"devmem\":65536,\"devcore\":20,"
                    + "\"type\":\"Ascend910B3\",\"health\":true"
                    + (network ? ",\"custominfo\":{\"NetworkID\":" + (i < 4 ? 0 : 1) + "}" : "") + "}");
        }
        var annotations = map(extraAnnotations);
        annotations.put("hami.io/node-register-Ascend910B3", devices.toString());
        return node("npu", annotations);
    }

    @Test
    void ascendBooksTheTemplateMemory() {
        var r = Scenario.of(ascendNode(false)).filter(pod("p").app(container("c", "huawei.com/Ascend910B3", "1",
                "huawei.com/Ascend910B3-memory", "10000")).build());
        assertThat(outcome(r, "ascend-910b3")).isEqualTo("npu-7,Ascend910B3,16384,0:;");
    }

    @Test
    void ascendNetworksKeepAContainerInOneNetworkAndScoreIt() {
        var s = Scenario.of(ascendNode(true)).holding("npu", "hami.io/Ascend910B3-devices-allocated",
                "npu-0,Ascend910B3,65536,0:npu-1,Ascend910B3,65536,0:npu-2,Ascend910B3,65536,0:;", "default");
        var r = s.filter(pod("p").app(container("c", "huawei.com/Ascend910B3", "4")).build());
        assertThat(outcome(r, "ascend-910b3")).isEqualTo("npu-7,Ascend910B3,65536,0:npu-6,Ascend910B3,65536,0:"
                + "npu-5,Ascend910B3,65536,0:npu-4,Ascend910B3,65536,0:;");
        float base = s.snapshot().node("npu").orElseThrow().baseScore();
        assertThat(r.score()).isEqualTo(base + 10f);
    }

    @Test
    void ascendWithoutNetworkIdsUsesTheSharedFit() {
        var r = Scenario.of(ascendNode(false)).filter(pod("p").app(container("c", "huawei.com/Ascend910B3", "2")).build());
        assertThat(outcome(r, "ascend-910b3")).isEqualTo("npu-7,Ascend910B3,65536,0:npu-6,Ascend910B3,65536,0:;");
    }

    @Test
    void ascendSoftSplitNeedsANodeThatAllowsIt() {
        var p = pod("p").annotate("huawei.com/vnpu-mode", "hami-core").app(container("c", "huawei.com/Ascend910B3", "1",
                "huawei.com/Ascend910B3-memory", "10000", "huawei.com/Ascend910B3-core", "50")).build();
        assertThat(outcome(Scenario.of(ascendNode(false)).filter(p), "ascend-910b3")).isEqualTo("8/8 CardTypeMismatch");
        assertThat(outcome(Scenario.of(ascendNode(false, "hami-vnpu-core", "true")).filter(p), "ascend-910b3"))
                .isEqualTo("npu-7,Ascend910B3,10000,50:;");
    }

    @Test
    void ascend910cTakesWholeModules() {
        var devices = new StringJoiner(",", "[", "]");
        for (int i = 0; i < 4; i++) {
            devices.add("{\"id\":\"die-" + i + "\",\"index\":" + i + ",\"count\":4,\"devmem\":65536,\"devcore\":20,"
                    + "\"type\":\"Ascend910C\",\"health\":true,\"custominfo\":{\"NetworkID\":0}}");
        }
        var s = Scenario.of(node("c", map("hami.io/node-register-Ascend910C", devices.toString())))
                .holding("c", "hami.io/Ascend910C-devices-allocated", "die-3,Ascend910C,65536,0:;", "default");
        var r = s.filter(pod("p").app(container("c", "huawei.com/Ascend910C", "1")).build());
        assertThat(outcome(r, "ascend-ascend910")).isEqualTo("die-1,Ascend910C,65536,0:die-0,Ascend910C,65536,0:;");
        var none = s.holding("c", "hami.io/Ascend910C-devices-allocated", "die-0,Ascend910C,65536,0:;", "default")
                .filter(pod("p").app(container("c", "huawei.com/Ascend910C", "2")).build());
        assertThat(none.kind()).isEqualTo(FilterResult.Kind.UNSCHEDULABLE);
    }

    @Test
    void mooreThreadsKeepsEveryContainerOfAPodOnOneCard() {
        var s = Scenario.of(node("mt", map(), "mthreads.com/sgpu-core", "32", "mthreads.com/sgpu-memory", "192"));
        var r = s.filter(pod("p").app(
                container("a", "mthreads.com/vgpu", "1", "mthreads.com/sgpu-memory", "8", "mthreads.com/sgpu-core", "4"),
                container("b", "mthreads.com/vgpu", "1", "mthreads.com/sgpu-memory", "8", "mthreads.com/sgpu-core", "4"))
                .build());
        String card = Scenario.allocation(r, "mthreads").substring(0, "mt-mthreads-0".length());
        assertThat(Scenario.allocation(r, "mthreads")).isEqualTo(card + ",Mthreads,4096,4:;" + card + ",Mthreads,4096,4:;");
        var full = s.holding("mt", "hami.io/mthreads-vgpu-devices-allocated", "mt-mthreads-1,Mthreads,45056,12:;",
                "default").filter(pod("p").app(
                container("a", "mthreads.com/vgpu", "1", "mthreads.com/sgpu-memory", "8", "mthreads.com/sgpu-core", "4"),
                container("b", "mthreads.com/vgpu", "1", "mthreads.com/sgpu-memory", "8", "mthreads.com/sgpu-core", "4"))
                .build());
        assertThat(Scenario.allocation(full, "mthreads"))
                .isEqualTo("mt-mthreads-0,Mthreads,4096,4:;mt-mthreads-0,Mthreads,4096,4:;");
    }

    private static Node metax(String qos) {
        return node("mx", map("metax-tech.com/node-gpu-devices", "[{\"uuid\":\"M-0\",\"totalDevCount\":16,"
                + "\"totalCompute\":100,\"totalVRam\":65536,\"healthy\":true,\"qosPolicy\":\"" + qos + "\"}]"));
    }

    @Test
    void metaxSgpuCardsInUseKeepTheirQosPolicy() {
        var busy = Scenario.of(metax("fixed-share")).holding("mx", "hami.io/metax-sgpu-devices-allocated",
                "M-0,Metax-SGPU,1024,10:;", "default");
        var bestEffort = pod("p").app(container("c", "metax-tech.com/sgpu", "1", "metax-tech.com/vmemory", "1",
                "metax-tech.com/vcore", "10")).build();
        assertThat(outcome(busy.filter(bestEffort), "metax-sgpu")).isEqualTo("1/1 CardQosPolicyMismatch");
        var fixed = pod("p").annotate("metax-tech.com/sgpu-qos-policy", "fixed-share").app(container("c",
                "metax-tech.com/sgpu", "1", "metax-tech.com/vmemory", "1", "metax-tech.com/vcore", "10")).build();
        assertThat(outcome(busy.filter(fixed), "metax-sgpu")).isEqualTo("M-0,Metax-SGPU,1024,10:;");
        var idle = Scenario.of(metax("fixed-share"));
        assertThat(outcome(idle.filter(bestEffort), "metax-sgpu")).isEqualTo("M-0,Metax-SGPU,1024,10:;");
        var noPolicy = Scenario.of(metax("")).holding("mx", "hami.io/metax-sgpu-devices-allocated",
                "M-0,Metax-SGPU,1024,10:;", "default");
        assertThat(outcome(noPolicy.filter(bestEffort), "metax-sgpu")).isEqualTo("M-0,Metax-SGPU,1024,10:;");
    }

    @Test
    void metaxSgpuCardsKeepThePolicyTheirPodsImposeBeforeThePluginReportsIt() {
        var sgpu = "M-0,Metax-SGPU,1024,10:;";
        var justPlaced = Scenario.of(metax("")).holdingAnnotated("mx", "hami.io/metax-sgpu-devices-allocated", sgpu,
                "metax-tech.com/sgpu-qos-policy", "fixed-share");
        var bestEffort = pod("p").app(container("c", "metax-tech.com/sgpu", "1", "metax-tech.com/vmemory", "1",
                "metax-tech.com/vcore", "10")).build();
        assertThat(outcome(justPlaced.filter(bestEffort), "metax-sgpu")).isEqualTo("1/1 CardQosPolicyMismatch");
        var fixed = pod("p").annotate("metax-tech.com/sgpu-qos-policy", "fixed-share").app(container("c",
                "metax-tech.com/sgpu", "1", "metax-tech.com/vmemory", "1", "metax-tech.com/vcore", "10")).build();
        assertThat(outcome(justPlaced.filter(fixed), "metax-sgpu")).isEqualTo(sgpu);

        var bestEffortHolder = Scenario.of(metax("fixed-share")).holdingAnnotated("mx",
                "hami.io/metax-sgpu-devices-allocated", sgpu, "metax-tech.com/sgpu-qos-policy", "best-effort");
        assertThat(outcome(bestEffortHolder.filter(bestEffort), "metax-sgpu")).as("the pods outrank the report")
                .isEqualTo(sgpu);
        var exclusive = Scenario.of(metax("")).holdingAnnotated("mx", "hami.io/metax-sgpu-devices-allocated",
                "M-0,Metax-SGPU,1024,0:;", "metax-tech.com/sgpu-app-class", "online");
        assertThat(outcome(exclusive.filter(fixed), "metax-sgpu")).as("an online pod's card takes no pod of no class")
                .isEqualTo("1/1 CardAppClassMismatch");
    }

    @Test
    void metaxSgpuOnlinePodsSkipTheQosCheck() {
        var busy = Scenario.of(metax("fixed-share")).holdingAnnotated("mx", "hami.io/metax-sgpu-devices-allocated",
                "M-0,Metax-SGPU,1024,10:;", "metax-tech.com/sgpu-app-class", "offline",
                "metax-tech.com/sgpu-qos-policy", "fixed-share");
        var online = pod("p").annotate("metax-tech.com/sgpu-app-class", "online").app(container("c",
                "metax-tech.com/sgpu", "1", "metax-tech.com/vmemory", "1", "metax-tech.com/vcore", "10")).build();
        assertThat(outcome(busy.filter(online), "metax-sgpu")).as("online pods book no cores")
                .isEqualTo("M-0,Metax-SGPU,1024,0:;");
    }

    @Test
    void cambriconHygonIluvatarAndMetaxGpuUseTheSharedRules() {
        var mlu = Scenario.of(node("m", map(), "cambricon.com/mlu.smlu.vcore", "200", "cambricon.com/mlu.smlu.vmemory", "64"));
        assertThat(outcome(mlu.filter(pod("p").app(container("c", "cambricon.com/vmlu", "1",
                "cambricon.com/mlu.smlu.vmemory", "4", "cambricon.com/mlu.smlu.vcore", "50")).build()), "cambricon"))
                .isEqualTo("m-cambricon-mlu-1,MLU,1024,50:;");
        assertThat(outcome(mlu.filter(pod("p").app(container("c", "cambricon.com/vmlu", "3")).build()), "cambricon"))
                .isEqualTo("NodeInsufficientDevice");

        var dcu = Scenario.of(node("h", map("hami.io/node-dcu-register", "DCU-1,4,16384,100,DCU-Z100,0,true,0,hami:")))
                .holding("h", "hami.io/dcu-devices-allocated", "DCU-1,DCU,1000,30:;", "default");
        assertThat(outcome(dcu.filter(pod("p").app(container("c", "hygon.com/dcunum", "1", "hygon.com/dcumem",
                "100")).build()), "hygon")).isEqualTo("1/1 CardInsufficientCore");
        assertThat(outcome(dcu.filter(pod("p").annotate("hygon.com/nouse-dcutype", "z100").app(container("c",
                "hygon.com/dcunum", "1", "hygon.com/dcucores", "10")).build()), "hygon")).isEqualTo("1/1 CardTypeMismatch");

        var ix = Scenario.of(node("i", map("hami.io/node-MR-V100-register", "IX-1,4,32768,100,MR-V100,0,true:")));
        assertThat(outcome(ix.filter(pod("p").app(container("c", "iluvatar.ai/MR-V100-vgpu", "1",
                "iluvatar.ai/MR-V100.vMem", "8")).build()), "iluvatar-mr-v100")).isEqualTo("IX-1,MR-V100,2048,0:;");

        var whole = Scenario.of(node("w", map(), "metax-tech.com/gpu", "2"))
                .holding("w", "hami.io/metax-gpu-devices-allocated", "w-metax-1,Metax-GPU,65536,100:;", "default");
        assertThat(outcome(whole.filter(pod("p").app(container("c", "metax-tech.com/gpu", "1")).build()), "metax-gpu"))
                .isEqualTo("w-metax-0,Metax-GPU,65536,100:;");
        assertThat(outcome(whole.filter(pod("p").app(container("c", "metax-tech.com/gpu", "2")).build()), "metax-gpu"))
                .isEqualTo("1/2 AllocatedCardsInsufficientRequest, 1/2 CardTimeSlicingExhausted");
    }

    @Test
    void uuidFiltersUseEachVendorsKeys() {
        var mt = Scenario.of(node("mt", map(), "mthreads.com/sgpu-core", "32", "mthreads.com/sgpu-memory", "192"));
        var p = pod("p").annotate("mthreads.ai/use-gpuuuid", "mt-mthreads-0")
                .app(container("c", "mthreads.com/vgpu", "1", "mthreads.com/sgpu-memory", "2")).build();
        assertThat(outcome(mt.filter(p), "mthreads")).isEqualTo("mt-mthreads-0,Mthreads,1024,0:;");
    }
}
