package io.hami.scheduler.fit;

import static io.hami.scheduler.Kube.container;
import static io.hami.scheduler.Kube.map;
import static io.hami.scheduler.Kube.node;
import static io.hami.scheduler.Kube.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.hami.model.annotation.NodeSchedulerPolicy;
import io.hami.model.protocol.MetaxAppClass;
import io.hami.scheduler.Scenario;
import io.hami.scheduler.filter.FilterResult;
import io.hami.scheduler.inventory.DeviceSpec;
import io.hami.scheduler.inventory.NodeInventory;
import io.hami.scheduler.snapshot.NodeSnapshot;
import io.hami.scheduler.usage.DeviceUse;
import io.hami.scheduler.usage.PodUsage;
import io.hami.scheduler.vendor.DeviceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/**
 * MetaX's rules (docs/scheduler.md, "MetaX"), with the cases of HAMi's own tests re-expressed: {@code TestMetaxSDevices_Fit},
 * {@code TestCheckAppClass}, {@code TestPrioritizeExclusiveDevices}, {@code TestPrioritizeOnlineDevices} in
 * {@code pkg/device/metax/sdevice_test.go}, and the node choice that the scores of {@code device.go} and
 * {@code sdevice.go} make.
 */
class MetaxFitTest {

    private static final DeviceType SGPU = Scenario.TYPES.byId("metax-sgpu").orElseThrow();
    private static final String ALLOCATED = "hami.io/metax-sgpu-devices-allocated";

    private static String outcome(FilterResult r) {
        return switch (r.kind()) {
            case SCHEDULED -> r.allocations().getFirst().encoded();
            case UNSCHEDULABLE -> r.failedNodes().values().iterator().next();
            default -> r.kind() + " " + r.error();
        };
    }

    /** A card of {@code count} sGPUs, 100 cores and {@code mib} of memory, in MetaLink zone {@code zone}. */
    private static String card(String uuid, int count, int mib, boolean healthy, int zone) {
        return "{\"uuid\":\"" + uuid + "\",\"totalDevCount\":" + count + ",\"totalCompute\":100,\"totalVRam\":" + mib
                + ",\"healthy\":" + healthy + ",\"linkZone\":" + zone + "}";
    }

    private static Node sgpuNode(String name, String... cards) {
        return node(name, map("metax-tech.com/node-gpu-devices", "[" + String.join(",", cards) + "]"));
    }

    /** One sGPU container asking for {@code count} sGPUs, {@code memory} (with its unit) and {@code cores}. */
    private static io.hami.scheduler.Kube.PodSpecBuilder asking(int count, String memory, int cores,
                                                                String... annotations) {
        return pod("p").annotate(annotations).app(container("c", "metax-tech.com/sgpu", String.valueOf(count),
                "metax-tech.com/vmemory", memory, "metax-tech.com/vcore", String.valueOf(cores)));
    }

    // HAMi's TestMetaxSDevices_Fit, one node per case (HAMi's Memreq MiB as "Mi" quantities).

    @Test
    void takesTheMostPreferredOfEqualCards() {
        var s = Scenario.of(sgpuNode("n", card("dev-0", 100, 128, true, 0), card("dev-1", 100, 128, true, 0)));
        assertThat(outcome(s.filter(asking(1, "64Mi", 50).build()))).isEqualTo("dev-1,Metax-SGPU,64,50:;");
    }

    @Test
    void countsHamisReasonsForCardsThatDoNotFit() {
        var one = Scenario.of(sgpuNode("n", card("dev-0", 100, 128, true, 0)));
        assertThat(outcome(one.filter(asking(1, "512Mi", 50).build()))).isEqualTo("1/1 CardInsufficientMemory");
        var unhealthy = Scenario.of(sgpuNode("n", card("dev-0", 100, 128, false, 0)));
        assertThat(outcome(unhealthy.filter(asking(1, "64Mi", 50).build()))).isEqualTo("1/1 CardUnhealthy");
        var big = Scenario.of(sgpuNode("n", card("dev-0", 100, 1280, true, 0)));
        assertThat(outcome(big.filter(asking(1, "512Mi", 120).build()))).as("cores above 100 are not capped")
                .isEqualTo("1/1 CardInsufficientCore");
        assertThat(outcome(big.filter(asking(1, "512Mi", 50, "metax-tech.com/use-gpuuuid", "dev-9").build())))
                .isEqualTo("1/1 CardUuidMismatch");
        assertThat(outcome(big.filter(asking(1, "512Mi", 50, "metax-tech.com/nouse-gpuuuid", "dev-0").build())))
                .isEqualTo("1/1 CardUuidMismatch");
        var full = Scenario.of(sgpuNode("n", card("dev-0", 1, 1280, true, 0)))
                .holding("n", ALLOCATED, "dev-0,Metax-SGPU,0,0:;", "default");
        assertThat(outcome(full.filter(asking(1, "512Mi", 50).build()))).isEqualTo("1/1 CardTimeSlicingExhausted");
    }

    @Test
    void countsHamisReasonsForCardsInUse() {
        var busy = Scenario.of(sgpuNode("n", card("dev-0", 100, 1024, true, 0)))
                .holding("n", ALLOCATED, "dev-0,Metax-SGPU,0,100:;", "default");
        assertThat(outcome(busy.filter(asking(1, "512Mi", 50).build()))).isEqualTo("1/1 CardInsufficientCore");
        assertThat(outcome(busy.filter(asking(1, "512Mi", 0).build()))).isEqualTo("1/1 CardComputeUnitsExhausted");
        var shared = Scenario.of(sgpuNode("n", card("dev-0", 100, 1280, true, 0)))
                .holding("n", ALLOCATED, "dev-0,Metax-SGPU,0,0:;", "default");
        assertThat(outcome(shared.filter(asking(1, "512Mi", 100).build())))
                .isEqualTo("1/1 ExclusiveDeviceAllocateConflict");
        assertThat(outcome(shared.filter(asking(1, "64Mi", 50, "hami.io/gpu-scheduler-policy", "mutex").build())))
                .isEqualTo("1/1 ExclusiveDeviceAllocateConflict");
        var percent = pod("p").app(container("c", "metax-tech.com/sgpu", "1", "metax-tech.com/vcore", "20")).build();
        assertThat(outcome(shared.filter(percent))).as("no memory asked: the whole card's")
                .isEqualTo("dev-0,Metax-SGPU,1280,20:;");
        var two = Scenario.of(sgpuNode("n", card("dev-0", 100, 1280, true, 0), card("dev-1", 100, 128, true, 0)));
        assertThat(outcome(two.filter(asking(2, "512Mi", 20).build())))
                .isEqualTo("1/2 AllocatedCardsInsufficientRequest, 1/2 CardInsufficientMemory");
    }

    // HAMi's TestCheckAppClass, through the filter.

    @Test
    void keepsPodsWithAndWithoutAnAppClassOnSeparateCards() {
        var plain = Scenario.of(sgpuNode("n", card("dev-0", 100, 1024, true, 0)))
                .holding("n", ALLOCATED, "dev-0,Metax-SGPU,64,10:;", "default");
        assertThat(outcome(plain.filter(asking(1, "64Mi", 50, "metax-tech.com/sgpu-app-class", "online").build())))
                .isEqualTo("1/1 CardAppClassMismatch");
        assertThat(outcome(plain.filter(asking(1, "64Mi", 50).build()))).isEqualTo("dev-0,Metax-SGPU,64,50:;");
        var online = Scenario.of(sgpuNode("n", card("dev-0", 100, 1024, true, 0)))
                .holdingAnnotated("n", ALLOCATED, "dev-0,Metax-SGPU,64,0:;", "metax-tech.com/sgpu-app-class", "online");
        assertThat(outcome(online.filter(asking(1, "64Mi", 50).build()))).isEqualTo("1/1 CardAppClassMismatch");
        assertThat(outcome(online.filter(asking(1, "64Mi", 50, "metax-tech.com/sgpu-app-class", "offline").build())))
                .as("offline pods never join an online one").isEqualTo("1/1 CardAppClassMismatch");
        assertThat(outcome(online.filter(asking(1, "64Mi", 50, "metax-tech.com/sgpu-app-class", "online").build())))
                .isEqualTo("dev-0,Metax-SGPU,64,0:;");
        var offline = Scenario.of(sgpuNode("n", card("dev-0", 100, 1024, true, 0)))
                .holdingAnnotated("n", ALLOCATED, "dev-0,Metax-SGPU,64,100:;", "metax-tech.com/sgpu-app-class",
                        "offline");
        assertThat(outcome(offline.filter(asking(1, "64Mi", 50).build()))).isEqualTo("1/1 CardAppClassMismatch");
        assertThat(outcome(offline.filter(asking(1, "64Mi", 50, "metax-tech.com/sgpu-app-class", "online").build())))
                .as("online pods skip the core checks and book none").isEqualTo("dev-0,Metax-SGPU,64,0:;");
    }

    @Test
    void aClassPodsContainersMayShareTheCardTheyTook() {
        var s = Scenario.of(sgpuNode("n", card("dev-0", 100, 1024, true, 0)));
        var p = pod("p").annotate("metax-tech.com/sgpu-app-class", "offline").app(
                container("a", "metax-tech.com/sgpu", "1", "metax-tech.com/vmemory", "64Mi", "metax-tech.com/vcore", "10"),
                container("b", "metax-tech.com/sgpu", "1", "metax-tech.com/vmemory", "64Mi", "metax-tech.com/vcore", "10"))
                .build();
        assertThat(outcome(s.filter(p))).isEqualTo("dev-0,Metax-SGPU,64,10:;dev-0,Metax-SGPU,64,10:;");
    }

    // HAMi's TestPrioritizeExclusiveDevices and TestPrioritizeOnlineDevices, on the chooser itself.

    /** A node of sGPU cards, each {@code {zone, online pods, offline pods}}, named GPU-1, GPU-2, …; picks in that order. */
    private static NodeSnapshot cards(int[]... cards) {
        var devices = new ArrayList<DeviceSpec>();
        var pods = new ArrayList<PodUsage>();
        for (int i = 0; i < cards.length; i++) {
            String id = "GPU-" + (i + 1);
            devices.add(new DeviceSpec(SGPU, id, i, 100, 65536, 100, "Metax-SGPU", 0, "", true, List.of(), null, "",
                    cards[i][0]));
            for (int c = 1; c <= 2; c++) {
                for (int k = 0; k < cards[i][c]; k++) {
                    pods.add(new PodUsage(id + "-" + c + "-" + k, "default", "p", "n",
                            Map.of(SGPU.id(), List.of(new DeviceUse(id, 64, 0, 1))), false, "",
                            Optional.of(c == 1 ? MetaxAppClass.ONLINE : MetaxAppClass.OFFLINE)));
                }
            }
        }
        return NodeSnapshot.of(new NodeInventory("n", devices, Map.of(), Set.of(), Map.of(), false),
                Scenario.TYPES.size(), pods);
    }

    private static List<Pick> picks(NodeSnapshot node, int... order) {
        var picks = new ArrayList<Pick>();
        for (int i : order) {
            picks.add(new Pick(i, 64, 100));
        }
        return picks;
    }

    private static String ids(NodeSnapshot node, List<Pick> chosen) {
        var out = new StringJoiner(" ");
        chosen.forEach(p -> out.add(node.device(p.device()).id()));
        return out.toString();
    }

    @Test
    void exclusiveRequestsTakeTheSmallestMetaLinkZoneThatHoldsThem() {
        // GPU-1, GPU-2 in zone 1; GPU-3 … GPU-6 in zone 2
        var n = cards(new int[] {1, 0, 0}, new int[] {1, 0, 0}, new int[] {2, 0, 0}, new int[] {2, 0, 0},
                new int[] {2, 0, 0}, new int[] {2, 0, 0});
        assertThat(ids(n, MetaxFit.byZones(n, picks(n, 0, 1, 2), 1))).isEqualTo("GPU-3");
        assertThat(ids(n, MetaxFit.byZones(n, picks(n, 0, 1, 2, 3, 4), 2))).isEqualTo("GPU-1 GPU-2");
        assertThat(ids(n, MetaxFit.byZones(n, picks(n, 0, 1, 2, 3, 4, 5), 4))).isEqualTo("GPU-3 GPU-4 GPU-5 GPU-6");
        assertThat(ids(n, MetaxFit.byZones(n, picks(n, 0, 1, 2, 3, 4), 4))).as("across zones, smallest first")
                .isEqualTo("GPU-1 GPU-2 GPU-3 GPU-4");
    }

    @Test
    void exclusiveRequestsTakeCardsWithoutALinkLast() {
        var n = cards(new int[] {0, 0, 0}, new int[] {0, 0, 0}, new int[] {0, 0, 0}, new int[] {1, 0, 0},
                new int[] {1, 0, 0}, new int[] {1, 0, 0});
        assertThat(ids(n, MetaxFit.byZones(n, picks(n, 0, 1, 2), 2))).isEqualTo("GPU-1 GPU-2");
        assertThat(ids(n, MetaxFit.byZones(n, picks(n, 0, 1, 4, 5), 2))).isEqualTo("GPU-5 GPU-6");
        assertThat(ids(n, MetaxFit.byZones(n, picks(n, 0, 1, 3, 4, 5), 4))).isEqualTo("GPU-4 GPU-5 GPU-6 GPU-1");
    }

    @Test
    void onlinePodsPreferCardsWithFewerOnlinePodsAndAvoidOfflineOnlyCards() {
        // {zone, online, offline}
        var idle = cards(new int[] {0, 0, 0}, new int[] {0, 1, 0}, new int[] {0, 2, 0}, new int[] {0, 1, 1},
                new int[] {0, 2, 1}, new int[] {0, 0, 1}, new int[] {0, 0, 2});
        assertThat(ids(idle, MetaxFit.byClasses(idle, picks(idle, 0, 1, 2, 3, 4, 5, 6)).subList(0, 1)))
                .isEqualTo("GPU-1");
        var onlyOnline = cards(new int[] {0, 1, 0}, new int[] {0, 2, 0}, new int[] {0, 3, 1}, new int[] {0, 0, 2});
        assertThat(ids(onlyOnline, MetaxFit.byClasses(onlyOnline, picks(onlyOnline, 0, 1, 2, 3)).subList(0, 1)))
                .isEqualTo("GPU-1");
        var mixed = cards(new int[] {0, 3, 0}, new int[] {0, 1, 1}, new int[] {0, 2, 1}, new int[] {0, 0, 1},
                new int[] {0, 0, 2});
        assertThat(ids(mixed, MetaxFit.byClasses(mixed, picks(mixed, 0, 1, 2, 3, 4)).subList(0, 1)))
                .isEqualTo("GPU-2");
        var onlyOffline = cards(new int[] {0, 0, 1}, new int[] {0, 0, 2});
        assertThat(ids(onlyOffline, MetaxFit.byClasses(onlyOffline, picks(onlyOffline, 1, 0)).subList(0, 1)))
                .isEqualTo("GPU-1");
    }

    // The node choice the MetaX scores make.

    @Test
    void topologyAwareExclusivePodsGoWhereTheyKeepTheirLinks() {
        Node linked = sgpuNode("linked", card("a-1", 16, 65536, true, 1), card("a-2", 16, 65536, true, 1),
                card("a-3", 16, 65536, true, 2));
        Node apart = sgpuNode("apart", card("b-1", 16, 65536, true, 1), card("b-2", 16, 65536, true, 2),
                card("b-3", 16, 65536, true, 3));
        var p = asking(2, "1", 100, "metax-tech.com/sgpu-topology-aware", "true").build();
        for (var policy : NodeSchedulerPolicy.values()) {
            var s = Scenario.of(apart, linked).nodePolicy(policy);
            var r = s.filter(p);
            assertThat(r.node()).as(policy.wireName()).hasValue("linked");
            assertThat(outcome(r)).isEqualTo("a-2,Metax-SGPU,1024,100:a-1,Metax-SGPU,1024,100:;");
        }
        var off = asking(2, "1", 100, "metax-tech.com/sgpu-topology-aware", "false").build();
        var s = Scenario.of(apart, linked);
        assertThat(s.filter(off).score()).as("not topology-aware: the usage score only")
                .isEqualTo(s.snapshot().node("apart").orElseThrow().baseScore());
    }

    @Test
    void onlinePodsGoWhereTheirCardHoldsFewerOnlinePods() {
        Node busy = sgpuNode("busy", card("a-1", 16, 65536, true, 0));
        Node idle = sgpuNode("idle", card("b-1", 16, 65536, true, 0));
        var s = Scenario.of(busy, idle).holdingAnnotated("busy", ALLOCATED, "a-1,Metax-SGPU,1024,0:;",
                "metax-tech.com/sgpu-app-class", "online");
        var online = asking(1, "1", 10, "metax-tech.com/sgpu-app-class", "online").build();
        assertThat(s.filter(online).node()).as("binpack would prefer the busy node").hasValue("idle");
        assertThat(s.filter(asking(1, "1", 10).build()).node()).hasValue("idle");
    }

    @Test
    void wholeGpusGoWhereTheTopologyLosesLeast() {
        Node costly = node("costly", map("metax-tech.com/gpu.topology.losses", "{\"1\":0,\"2\":200}",
                "metax-tech.com/gpu.topology.scores", "{\"1\":0,\"2\":50}"), "metax-tech.com/gpu", "4");
        Node cheap = node("cheap", map("metax-tech.com/gpu.topology.losses", "{\"1\":0,\"2\":110}",
                "metax-tech.com/gpu.topology.scores", "{\"1\":0,\"2\":90}"), "metax-tech.com/gpu", "4");
        var two = pod("p").app(container("c", "metax-tech.com/gpu", "2")).build();
        var binpack = Scenario.of(costly, cheap).filter(two);
        assertThat(binpack.node()).hasValue("cheap");
        assertThat(binpack.score()).isEqualTo(2000f - 110f);
        var spread = Scenario.of(costly, cheap).nodePolicy(NodeSchedulerPolicy.SPREAD).filter(two);
        assertThat(spread.node()).as("the higher topology score").hasValue("cheap");
        assertThat(spread.score()).isEqualTo(2000f - 90f);
    }

    @Test
    void anUnreadableTopologyLeavesOnlyThatNodesMetaxGpusOut() {
        Node bad = node("bad", map("metax-tech.com/gpu.topology.losses", "{\"2\":1.5}"), "metax-tech.com/gpu", "4");
        Node good = node("good", map(), "metax-tech.com/gpu", "4");
        var s = Scenario.of(bad, good);
        assertThat(s.snapshot().node("bad").orElseThrow().inventory().problems()).containsOnlyKeys("metax-gpu");
        var r = s.filter(pod("p").app(container("c", "metax-tech.com/gpu", "1")).build());
        assertThat(r.node()).hasValue("good");
        assertThat(r.failedNodes()).containsEntry("bad", FitReason.NODE_UNREGISTERED);
    }
}
