package io.hami.scheduler.fit;

import static io.hami.scheduler.Kube.container;
import static io.hami.scheduler.Kube.map;
import static io.hami.scheduler.Kube.node;
import static io.hami.scheduler.Kube.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.hami.scheduler.Kube;
import io.hami.scheduler.Scenario;
import io.hami.scheduler.filter.FilterResult;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/**
 * The six vendors the scheduler serves alone, with the facts of HAMi v2.10's own tests ({@code pkg/device/kunlun/},
 * {@code enflame/}, {@code awsneuron/}, {@code amd/}, {@code vastai/}, {@code biren/}) re-expressed as pods on nodes.
 */
class SchedulerOnlyFitTest {

    private static String outcome(FilterResult r, String type) {
        return switch (r.kind()) {
            case SCHEDULED -> Scenario.allocation(r, type);
            case UNSCHEDULABLE -> r.failedNodes().values().iterator().next();
            default -> r.kind() + " " + r.error();
        };
    }

    private static IntPredicate freeExcept(Integer... used) {
        var set = Set.of(used);
        return i -> !set.contains(i);
    }

    // Kunlunxin: HAMi's topo_test.go.

    @Test
    void kunlunTakesTheFirstXpuOfAWholeGroupForOne() {
        assertThat(TopologySelect.graphSelect(8, 1, freeExcept())).containsExactly(0);
    }

    @Test
    void kunlunTakesTheFreeGroupForFour() {
        assertThat(TopologySelect.graphSelect(8, 4, freeExcept(4, 5, 6, 7))).containsExactly(0, 1, 2, 3);
    }

    @Test
    void kunlunTakesEightOnlyFromAWholeNode() {
        assertThat(TopologySelect.graphSelect(8, 8, freeExcept())).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(TopologySelect.graphSelect(8, 8, freeExcept(0))).isEmpty();
    }

    @Test
    void kunlunTakesTwoLinkedAcrossTheGroupsWhenNoGroupHasThem() {
        assertThat(TopologySelect.graphSelect(8, 2, freeExcept(0, 1, 2, 4, 5, 6))).containsExactly(3, 7);
        assertThat(TopologySelect.graphSelect(8, 2, freeExcept(0, 1, 2, 4, 6, 7))).isEmpty();
    }

    @Test
    void kunlunTakesFourAsARingAcrossTheGroups() {
        assertThat(TopologySelect.graphSelect(8, 4, freeExcept(2, 3, 6, 7))).containsExactly(0, 1, 4, 5);
        assertThat(TopologySelect.graphSelect(8, 3, freeExcept())).isEmpty();
    }

    @Test
    void kunlunScoresHowAPodChangesTheBubbles() {
        assertThat(TopologySelect.score(Set.of(0), Set.of(0, 1))).isEqualTo(3000f);
        assertThat(TopologySelect.score(Set.of(0), Set.of(4))).isEqualTo(2000f);
        assertThat(TopologySelect.score(Set.of(0, 1), Set.of(0))).isEqualTo(1000f);
        assertThat(TopologySelect.score(Set.of(0, 1, 2, 3), Set.of(0))).isEqualTo(0f);
    }

    @Test
    void kunlunWholeXpusComeFromCapacityAndKeepTheOtherGroupWhole() {
        var s = Scenario.of(node("k", map(), "kunlunxin.com/xpu", "8")).holding("k", "hami.io/kunlun-allocated",
                "k-kunlun-0,kunlun,98304,100:k-kunlun-1,kunlun,98304,100:k-kunlun-2,kunlun,98304,100:;", "default");
        var r = s.filter(pod("p").app(container("c", "kunlunxin.com/xpu", "1")).build());
        assertThat(outcome(r, "kunlun-xpu")).isEqualTo("k-kunlun-3,kunlun,98304,100:;");
        float base = s.snapshot().node("k").orElseThrow().baseScore();
        // HAMi compares the pod's own XPUs ({3}: 3 bubbles) with those in use ({0,1,2}: 2): one more, 1000.
        assertThat(r.score()).isEqualTo(base + 1000f);
        assertThat(r.annotations(java.time.Instant.EPOCH)).containsEntry("BAIDU_COM_DEVICE_IDX", "3")
                .doesNotContainKey("hami.io/kunlun-devices-to-allocate");
    }

    private static Node xpuNode() {
        var devices = new StringJoiner(",", "[", "]");
        for (int i = 0; i < 8; i++) {
            devices.add("{\"id\":\"xpu-" + i + "\",\"index\":" + i + ",\"count\":4,\"devmem\":98304,\"devcore\":100,"
                    + "\"type\":\"P800\",\"health\":true}");
        }
        return node("x", map("hami.io/node-register-xpu", devices.toString()));
    }

    @Test
    void kunlunVxpuMemoryIsRoundedToAQuarterOfTheCard() {
        var r = Scenario.of(xpuNode()).filter(pod("p").app(container("c", "kunlunxin.com/vxpu", "1",
                "kunlunxin.com/vxpu-memory", "20000")).build());
        assertThat(outcome(r, "kunlun-vxpu")).isEqualTo("xpu-0,XPU,24576,25:;");
    }

    @Test
    void kunlunVxpuSharesAnXpuOnlyWithVxpusOfTheSameSize() {
        var s = Scenario.of(xpuNode());
        for (int i = 0; i < 8; i++) {
            s = s.holding("x", "hami.io/xpu-devices-allocated", "xpu-" + i + ",XPU,49152,50:;", "default");
        }
        var quarter = s.filter(pod("p").app(container("c", "kunlunxin.com/vxpu", "1", "kunlunxin.com/vxpu-memory",
                "24576")).build());
        assertThat(outcome(quarter, "kunlun-vxpu")).isEqualTo("1/8 NumaNotFit");
        var half = s.filter(pod("p").app(container("c", "kunlunxin.com/vxpu", "1", "kunlunxin.com/vxpu-memory",
                "40000")).build());
        assertThat(outcome(half, "kunlun-vxpu")).isEqualTo("xpu-0,XPU,49152,50:;");
        var mutex = s.filter(pod("p").annotate("hami.io/gpu-scheduler-policy", "mutex").app(container("c",
                "kunlunxin.com/vxpu", "1", "kunlunxin.com/vxpu-memory", "40000")).build());
        assertThat(outcome(mutex, "kunlun-vxpu")).isEqualTo("8/8 ExclusiveDeviceAllocateConflict");
    }

    @Test
    void kunlunWholeXpusAlsoHonourTheVxpuUuidAnnotations() {
        var s = Scenario.of(node("k", map(), "kunlunxin.com/xpu", "8"));
        var r = s.filter(pod("p").annotate("hami.io/use-xpu-uuid", "k-kunlun-5")
                .app(container("c", "kunlunxin.com/xpu", "1")).build());
        assertThat(outcome(r, "kunlun-xpu")).isEqualTo("k-kunlun-5,kunlun,98304,100:;");
        var neither = s.filter(pod("p").annotate("hami.io/use-xpu-uuid", "k-kunlun-5", "baidu.com/use-gpuuuid",
                "k-kunlun-6").app(container("c", "kunlunxin.com/xpu", "1")).build());
        assertThat(outcome(neither, "kunlun-xpu")).isEqualTo("8/8 CardUuidMismatch");
    }

    @Test
    void kunlunVxpusAlsoHonourTheWholeXpuUuidAnnotations() {
        var r = Scenario.of(xpuNode()).filter(pod("p").annotate("baidu.com/nouse-gpuuuid", "xpu-0")
                .app(container("c", "kunlunxin.com/vxpu", "1", "kunlunxin.com/vxpu-memory", "20000")).build());
        assertThat(outcome(r, "kunlun-vxpu")).isEqualTo("xpu-1,XPU,24576,25:;");
    }

    @Test
    void kunlunVxpusStayWithinTheNamespaceMemoryQuota() {
        var s = Scenario.of(xpuNode()).quota(Kube.quota("ns", "q", "limits.kunlunxin.com/vxpu-memory", "60000"));
        var two = pod("p").namespace("ns").app(container("c", "kunlunxin.com/vxpu", "2", "kunlunxin.com/vxpu-memory",
                "24576")).build();
        assertThat(outcome(s.filter(two), "kunlun-vxpu")).isEqualTo("xpu-0,XPU,24576,25:xpu-1,XPU,24576,25:;");
        var four = pod("p").namespace("ns").app(container("c", "kunlunxin.com/vxpu", "4", "kunlunxin.com/vxpu-memory",
                "24576")).build();
        assertThat(outcome(s.filter(four), "kunlun-vxpu")).isEqualTo("4/8 ResourceQuotaNotFit");
        var oneLarge = pod("p").namespace("ns").app(container("c", "kunlunxin.com/vxpu", "1",
                "kunlunxin.com/vxpu-memory", "98304")).build();
        assertThat(outcome(s.filter(oneLarge), "kunlun-vxpu")).isEqualTo("8/8 ResourceQuotaNotFit");
        var twoContainers = pod("p").namespace("ns").app(container("a", "kunlunxin.com/vxpu", "1",
                "kunlunxin.com/vxpu-memory", "49152"), container("b", "kunlunxin.com/vxpu", "1",
                "kunlunxin.com/vxpu-memory", "24576")).build();
        // the first container's half XPU fits; the second's quarter would pass the limit on any other XPU
        assertThat(outcome(s.filter(twoContainers), "kunlun-vxpu")).isEqualTo("7/8 ResourceQuotaNotFit");
    }

    // Enflame: HAMi's device_test.go and gcu_test.go.

    private static final String DRS = "{\"devices\":[{\"index\":\"0\",\"minor\":\"0\",\"capacity\":6}],"
            + "\"profiles\":{\"1g.6gb\":\"0\",\"3g.20gb\":\"1\",\"6g.40gb\":\"2\"}}";

    @Test
    void enflameDrsTakesTheProfileOfTheSlicesAsked() {
        var r = Scenario.of(node("e", map("enflame.com/gcu-drs-capacity", DRS)))
                .filter(pod("p").app(container("c", "enflame.com/drs-gcu", "3")).build());
        assertThat(outcome(r, "enflame-drs")).isEqualTo("e-enflame-drs-0,Enflame,20480,50:;");
        assertThat(r.annotations(java.time.Instant.EPOCH)).containsEntry("enflame.com/gcu-request-size", "3")
                .containsEntry("enflame.com/gcu-assigned", "false").containsEntry("enflame.com/gcu-assigned-index", "0")
                .containsEntry("enflame.com/gcu-assigned-minor", "0")
                .containsEntry("assigned-containers",
                        "{\"c\":{\"allocated\":false,\"request\":3,\"profileID\":\"1\",\"profileName\":\"3g.20gb\"}}");
    }

    @Test
    void enflameDrsTakesTheSmallestProfileHoldingMemoryAndCores() {
        var r = Scenario.of(node("e", map("enflame.com/gcu-drs-capacity", DRS))).filter(pod("p").app(container("c",
                "enflame.com/gcu-memory", "20480", "enflame.com/gcu-core", "40")).build());
        assertThat(outcome(r, "enflame-drs")).isEqualTo("e-enflame-drs-0,Enflame,20480,50:;");
    }

    @Test
    void enflameDrsWithoutAMatchingProfileIsModeNotFit() {
        var r = Scenario.of(node("e", map("enflame.com/gcu-drs-capacity",
                "{\"devices\":[{\"index\":\"0\",\"capacity\":6}],\"profiles\":{\"1g.6gb\":\"0\"}}")))
                .filter(pod("p").app(container("c", "enflame.com/drs-gcu", "3")).build());
        assertThat(outcome(r, "enflame-drs")).isEqualTo("1/1 ModeNotFit");
    }

    @Test
    void enflameDrsUnderMutexRefusesACardInUse() {
        var r = Scenario.of(node("e", map("enflame.com/gcu-drs-capacity", DRS)))
                .holding("e", "hami.io/enflame-vgpu-devices-allocated", "e-enflame-drs-0,Enflame,6144,17:;", "default")
                .filter(pod("p").annotate("hami.io/gpu-scheduler-policy", "mutex")
                        .app(container("c", "enflame.com/drs-gcu", "3")).build());
        assertThat(outcome(r, "enflame-drs")).isEqualTo("1/1 ExclusiveDeviceAllocateConflict");
    }

    @Test
    void enflameWholeGcusAreExclusive() {
        var s = Scenario.of(node("g", map(), "enflame.com/gcu", "2"));
        assertThat(outcome(s.filter(pod("p").app(container("c", "enflame.com/gcu", "2")).build()), "enflame-gcu"))
                .isEqualTo("g-GCU-1,GCU,100,100:g-GCU-0,GCU,100,100:;");
        var full = s.holding("g", "hami.io/enflame-gcu-devices-allocated", "g-GCU-0,GCU,100,100:g-GCU-1,GCU,100,100:;",
                "default");
        assertThat(outcome(full.filter(pod("p").app(container("c", "enflame.com/gcu", "1")).build()), "enflame-gcu"))
                .isEqualTo("2/2 ExclusiveDeviceAllocateConflict");
    }

    // AWS Neuron: HAMi's awsneuron/device_test.go.

    private static Node neuronNode(int devices, String instanceType) {
        var n = node("a", map(), "aws.amazon.com/neuron", Integer.toString(devices), "aws.amazon.com/neuroncore",
                Integer.toString(2 * devices));
        return new NodeBuilder(n).editMetadata().addToLabels("node.kubernetes.io/instance-type", instanceType)
                .endMetadata().build();
    }

    @Test
    void neuronCoresAreBitsOfOneDevice() {
        var s = Scenario.of(neuronNode(1, "trn1.2xlarge"));
        assertThat(outcome(s.filter(pod("p").app(container("c", "aws.amazon.com/neuroncore", "1")).build()), "awsneuron"))
                .isEqualTo("a-AWSNeuron-0,AWSNeuron,0,1:;");
        var half = s.holding("a", "hami.io/aws-neuron-devices-allocated", "a-AWSNeuron-0,AWSNeuron,0,1:;", "default");
        assertThat(outcome(half.filter(pod("p").app(container("c", "aws.amazon.com/neuroncore", "1")).build()),
                "awsneuron")).isEqualTo("a-AWSNeuron-0,AWSNeuron,0,2:;");
        assertThat(outcome(half.filter(pod("p").app(container("c", "aws.amazon.com/neuroncore", "2")).build()),
                "awsneuron")).isEqualTo("1/1 CardInsufficientCore");
    }

    @Test
    void neuronDevicesAreContiguousAlignedOnTrainiumAndARingOnInferentia() {
        var trn = Scenario.of(neuronNode(4, "trn1.32xlarge"));
        assertThat(outcome(trn.filter(pod("p").app(container("c", "aws.amazon.com/neuron", "2")).build()), "awsneuron"))
                .isEqualTo("1/4 NumaNotFit");
        assertThat(outcome(trn.filter(pod("p").app(container("c", "aws.amazon.com/neuron", "4")).build()), "awsneuron"))
                .isEqualTo("a-AWSNeuron-0,AWSNeuron,0,3:a-AWSNeuron-1,AWSNeuron,0,3:a-AWSNeuron-2,AWSNeuron,0,3:"
                        + "a-AWSNeuron-3,AWSNeuron,0,3:;");
        var inf = Scenario.of(neuronNode(4, "inf2.48xlarge")).holding("a", "hami.io/aws-neuron-devices-allocated",
                "a-AWSNeuron-0,AWSNeuron,0,3:;", "default");
        assertThat(outcome(inf.filter(pod("p").app(container("c", "aws.amazon.com/neuron", "2")).build()), "awsneuron"))
                .isEqualTo("a-AWSNeuron-1,AWSNeuron,0,3:a-AWSNeuron-2,AWSNeuron,0,3:;");
    }

    @Test
    void neuronCoresForTwoDevicesStayWithinTheNamespaceCoreQuota() {
        var s = Scenario.of(neuronNode(4, "trn1.32xlarge"))
                .quota(Kube.quota("ns", "q", "limits.aws.amazon.com/neuroncore", "6"));
        var four = pod("p").namespace("ns").app(container("c", "aws.amazon.com/neuron", "4")).build();
        assertThat(outcome(s.filter(four), "awsneuron")).isEqualTo("4/4 ResourceQuotaNotFit");
        var within = Scenario.of(neuronNode(4, "trn1.32xlarge"))
                .quota(Kube.quota("ns", "q", "limits.aws.amazon.com/neuroncore", "8"));
        assertThat(outcome(within.filter(four), "awsneuron")).isEqualTo("a-AWSNeuron-0,AWSNeuron,0,3:"
                + "a-AWSNeuron-1,AWSNeuron,0,3:a-AWSNeuron-2,AWSNeuron,0,3:a-AWSNeuron-3,AWSNeuron,0,3:;");
    }

    @Test
    void neuronCoresBeyondOneDeviceMustFillDevices() {
        var r = Scenario.of(neuronNode(4, "trn1.32xlarge"))
                .filter(pod("p").app(container("c", "aws.amazon.com/neuroncore", "3")).build());
        assertThat(r.kind()).isEqualTo(FilterResult.Kind.ERROR);
        assertThat(r.error()).contains("aws.amazon.com/neuroncore must be 1 or a multiple of 2, got 3");
    }

    // AMD: HAMi's amd/device_test.go.

    private static Node amdNode(String... extra) {
        var a = map(extra);
        a.put("hami.io/node-amd-register", "[{\"id\":\"amd-0\",\"count\":10,\"devmem\":196608,\"devcore\":304,"
                + "\"type\":\"AMD-Instinct-MI300X\",\"health\":true}]");
        return node("m", a);
    }

    @Test
    void amdCoresAreAShareOfTheComputeUnitsAndTheEntryNamesTheModel() {
        var r = Scenario.of(amdNode()).filter(pod("p").app(container("c", "amd.com/gpu", "1", "amd.com/gpumem", "8192",
                "amd.com/gpucores", "50")).build());
        assertThat(outcome(r, "amd")).isEqualTo("amd-0,AMD-Instinct-MI300X,8192,152:;");
        var whole = Scenario.of(amdNode()).filter(pod("p").app(container("c", "amd.com/gpu", "1")).build());
        assertThat(outcome(whole, "amd")).isEqualTo("amd-0,AMD-Instinct-MI300X,196608,304:;");
    }

    @Test
    void amdRefusesACorePercentageOutsideOneToHundred() {
        var r = Scenario.of(amdNode()).filter(pod("p").app(container("c", "amd.com/gpu", "1", "amd.com/gpucores",
                "101")).build());
        assertThat(r.kind()).isEqualTo(FilterResult.Kind.ERROR);
        assertThat(r.error()).contains("amd.com/gpucores must be an integer percentage between 1 and 100");
    }

    @Test
    void amdHonoursTheModelFilter() {
        var r = Scenario.of(amdNode()).filter(pod("p").annotate("amd.com/use-gputype", "mi250")
                .app(container("c", "amd.com/gpu", "1")).build());
        assertThat(outcome(r, "amd")).isEqualTo("1/1 CardTypeMismatch");
    }

    // Vastai and Biren: HAMi's vastai/device_test.go and biren/device_test.go.

    private static Node vastaiNode(boolean dies) {
        var devices = new StringJoiner(",", "[", "]");
        for (int i = 0; i < 4; i++) {
            devices.add("{\"id\":\"va-" + i + "\",\"index\":" + i + ",\"count\":2,\"devmem\":16384,\"devcore\":0,"
                    + "\"type\":\"Vastai\",\"health\":true" + (dies ? ",\"custominfo\":{\"AIC\":\"card-" + (i < 1 ? 0 : 1)
                    + "\",\"DeviceStrategy\":\"die\"}" : "") + "}");
        }
        return node("v", map("hami.io/node-va-register", devices.toString()));
    }

    @Test
    void vastaiSharesByCountWithoutBookingMemory() {
        var r = Scenario.of(vastaiNode(false)).filter(pod("p").app(container("c", "vastaitech.com/va", "1")).build());
        assertThat(outcome(r, "vastai")).endsWith(",Vastai,0,0:;");
    }

    @Test
    void vastaiDiesComeFromTheCardHoldingMostOfThem() {
        var s = Scenario.of(vastaiNode(true));
        var r = s.filter(pod("p").app(container("c", "vastaitech.com/va", "2")).build());
        assertThat(outcome(r, "vastai")).matches("va-[123],Vastai,0,0:va-[123],Vastai,0,0:;");
        float base = s.snapshot().node("v").orElseThrow().baseScore();
        assertThat(r.score()).isEqualTo(base + 1f);
    }

    @Test
    void birenSharesByCountAndRefusesAFullCard() {
        var s = Scenario.of(node("b", map("hami.io/node-biren-register",
                "[{\"id\":\"br-0\",\"count\":1,\"devmem\":65536,\"devcore\":0,\"type\":\"Biren\",\"health\":true}]")));
        assertThat(outcome(s.filter(pod("p").app(container("c", "birentech.com/gpu", "1")).build()), "biren"))
                .isEqualTo("br-0,Biren,0,0:;");
        var full = s.holding("b", "hami.io/Biren-devices-allocated", "br-0,Biren,0,0:;", "default");
        assertThat(outcome(full.filter(pod("p").app(container("c", "birentech.com/gpu", "1")).build()), "biren"))
                .isEqualTo("1/1 CardTimeSlicingExhausted");
    }

    @Test
    void aPodMixingTypesTheNodeLacksGetsNodeInsufficientDevice() {
        var r = Scenario.of(amdNode()).filter(pod("p").app(container("c", "amd.com/gpu", "1"),
                container("d", "birentech.com/gpu", "1")).build());
        assertThat(outcome(r, "amd")).isEqualTo("NodeInsufficientDevice");
    }

    @Test
    void aMalformedRegisterAnnotationLeavesOnlyThatTypeOut() {
        var a = map("hami.io/node-biren-register", "[{\"id\":");
        a.put("hami.io/node-amd-register", "[{\"id\":\"amd-0\",\"count\":10,\"devmem\":196608,\"devcore\":304,"
                + "\"type\":\"AMD-Instinct-MI300X\",\"health\":true}]");
        var s = Scenario.of(node("m", a));
        assertThat(outcome(s.filter(pod("p").app(container("c", "amd.com/gpu", "1")).build()), "amd"))
                .isEqualTo("amd-0,AMD-Instinct-MI300X,196608,304:;");
        assertThat(s.snapshot().node("m").orElseThrow().inventory().problems()).containsOnlyKeys("biren");
    }
}
