package io.hami.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.demo.api.EmbeddedApiServer;
import io.hami.demo.cluster.DemoCluster;
import io.hami.demo.cluster.Fixtures;
import io.hami.demo.cluster.NodeSpec;
import io.hami.demo.process.HamiLauncher;
import io.hami.demo.race.AllocationAudit;
import io.hami.demo.race.RaceSimulation;
import io.hami.demo.report.ClusterSnapshot;
import io.hami.demo.report.PlacementTable;
import io.hami.demo.scheduling.PodRecord;
import io.hami.demo.workload.Workloads;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hami demo --workload mixed} through the real interfaces, on one cluster to keep it light: an A100 node and one
 * node of each other vendor's device type (each {@code hami node --vendor} over its C mock), the pods of
 * examples/mixed.yaml placed on the nodes of their vendors, the ones that cannot fit unplaced with the scheduler's
 * reason, every container's {@code Allocate} answer audited; then random pods of every vendor raced on the same cluster,
 * audited too.
 */
class MixedDemoIT {

    static final Path CHECKOUT = DemoEndToEndIT.CHECKOUT;

    @TempDir
    Path work;

    @Test
    void everyVendorsPodsArePlacedOnItsNodeAndEveryAnswerMatchesItsAllocation() throws Exception {
        var pods = Workloads.load(CHECKOUT.resolve("examples/mixed.yaml"));
        var settings = DemoCluster.Settings.of(work, HamiLauncher.currentJvm(), Fixtures.inCheckout(CHECKOUT),
                NodeSpec.forWorkload(pods, 1)).withContainers("region-writer");
        try (var cluster = ClusterStarts.start(EmbeddedApiServer.start(work.resolve("api"), 0), settings)) {
            cluster.submit(pods, "default");
            cluster.awaitSettled(Duration.ofSeconds(90));
            ClusterSnapshot snapshot = cluster.snapshot();
            var table = new StringWriter();
            PlacementTable.print(snapshot, new PrintWriter(table));
            String text = table.toString();

            var placed = new LinkedHashMap<String, String>();
            placed.put("nvidia-notebook", "gpu-a100-1");
            placed.put("nvidia-two-gpus", "gpu-a100-1");
            placed.put("mlu-share", "mlu370-1");
            placed.put("mlu-whole", "mlu370-1");
            placed.put("ascend910b3-job", "ascend910b3-1");
            placed.put("dcu-share", "dcu-z100-1");
            placed.put("dcu-exclusive", "dcu-z100-1");
            placed.put("bi-v150-share", "iluvatar-bi-v150-1");
            placed.put("bi-v150-two", "iluvatar-bi-v150-1");
            placed.put("metax-gpu", "metax-gpu-1");
            placed.put("metax-sgpu-exclusive", "metax-sgpu-1");
            placed.put("metax-sgpu-mib", "metax-sgpu-1");
            placed.put("metax-sgpu-share", "metax-sgpu-1");
            placed.put("mthreads-exclusive", "mthreads-s4000-1");
            placed.put("mthreads-share", "mthreads-s4000-1");
            placed.put("mthreads-two", "mthreads-s4000-1");
            placed.forEach((pod, node) -> {
                var view = snapshot.pod("default", pod).orElseThrow();
                assertThat(view.node()).as(pod + "\n" + text).isEqualTo(node);
                assertThat(view.phase()).as(pod).isEqualTo("Running");
                assertThat(text.lines().filter(l -> l.startsWith(node + " ") && l.contains(pod)).toList()).as(pod).isNotEmpty();
            });
            // each type's row as the scheduler counts it: memory and cores allocated of registered, slots where it has them
            assertThat(row(text, "mlu370-1", "mlu-share")).containsSubsequence("MLU", "1", "5120/49152", "10/100", "-");
            assertThat(row(text, "ascend910b3-1", "ascend910b3-job")).containsSubsequence("Ascend910B3", "1/4", "16384/65536");
            assertThat(row(text, "dcu-z100-1", "dcu-share")).containsSubsequence("DCU-Z100", "1/4", "2000/32752", "60/100");
            assertThat(row(text, "iluvatar-bi-v150-1", "bi-v150-share")).containsSubsequence("BI-V150", "1/10", "16384/32768", "50/100");
            assertThat(row(text, "metax-sgpu-1", "metax-sgpu-mib")).containsSubsequence("MXC500", "1/10", "2048/65536", "60/100");
            assertThat(row(text, "metax-gpu-1", "metax-gpu")).containsSubsequence("Metax-GPU", "65536/65536", "100/100");
            assertThat(row(text, "mthreads-s4000-1", "mthreads-share")).containsSubsequence("Mthreads", "16384/49152", "8/16");

            var unplaced = new LinkedHashMap<String, String>();
            snapshot.unplaced().forEach(r -> unplaced.put(r.name(), r.state() + " " + r.reason()));
            assertThat(unplaced).as(text).containsOnlyKeys("too-big-mlu", "ascend910a-job", "too-many-dcus", "too-many-metax-gpus");
            assertThat(unplaced.get("too-big-mlu")).isEqualTo(PodRecord.State.UNSCHEDULABLE
                    + " 0/8 nodes are available: 1 4/4 CardInsufficientMemory, 7 NodeInsufficientDevice");
            assertThat(unplaced).allSatisfy((pod, reason) -> assertThat(reason).startsWith("UNSCHEDULABLE 0/8 nodes are available: "));
            assertThat(unplaced.get("too-many-dcus")).endsWith("8 NodeInsufficientDevice");

            // the partial DCU's vDCU lies in the node's own directory, not in the host's /usr/local/vgpu/dcu
            var dcuShare = snapshot.pod("default", "dcu-share").orElseThrow().uid();
            var dcuNode = cluster.nodes().stream().filter(n -> n.spec().name().equals("dcu-z100-1")).findFirst().orElseThrow();
            try (var vdcus = java.nio.file.Files.list(dcuNode.dir().resolve("hygon/vdcu"))) {
                assertThat(vdcus.map(p -> p.getFileName().toString()).toList()).singleElement().asString()
                        .startsWith(dcuShare + "_main_");
            }

            var audit = AllocationAudit.audit(snapshot, cluster.api().client().pods().inNamespace("default").list().getItems(),
                    dirs(cluster));
            assertThat(audit.violations()).isEmpty();
            assertThat(audit.allocationsChecked()).isEqualTo(placed.size());

            // every type, Moore Threads and MetaX whole GPUs included: their binds take the lock their plugins ask for
            var race = RaceSimulation.run(cluster, new RaceSimulation.Settings(48, 11, 0.2, 4, "race",
                    Duration.ofSeconds(180), List.of("nvidia", "cambricon", "ascend-910b3", "hygon", "iluvatar-bi-v150",
                            "metax-sgpu", "metax-gpu", "mthreads")));
            assertThat(race.violations()).isEmpty();
            assertThat(race.allocationsChecked()).as(race.toString()).isGreaterThan(10);
        }
    }

    private static Map<String, Path> dirs(DemoCluster cluster) {
        var dirs = new LinkedHashMap<String, Path>();
        cluster.nodes().forEach(n -> dirs.put(n.spec().name(), n.dir()));
        return dirs;
    }

    /** The table's row of {@code node} that lists {@code pod}. */
    static String row(String table, String node, String pod) {
        return table.lines().filter(l -> l.startsWith(node + " ") && l.endsWith(pod) || l.startsWith(node + " ")
                && l.contains(" " + pod + ",")).findFirst().orElseThrow(() -> new AssertionError("no row of " + node
                + " with " + pod + " in\n" + table));
    }
}
