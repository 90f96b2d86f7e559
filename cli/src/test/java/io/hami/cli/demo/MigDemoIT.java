package io.hami.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.demo.api.EmbeddedApiServer;
import io.hami.demo.cluster.DemoCluster;
import io.hami.demo.cluster.MigTeardown;
import io.hami.demo.cluster.Fixtures;
import io.hami.demo.cluster.NodeSpec;
import io.hami.demo.node.MigInstances;
import io.hami.demo.node.NodeLayout;
import io.hami.demo.process.HamiLauncher;
import io.hami.demo.race.AllocationAudit;
import io.hami.demo.race.RaceSimulation;
import io.hami.demo.race.RandomPods;
import io.hami.demo.report.ClusterSnapshot;
import io.hami.demo.report.PlacementTable;
import io.hami.demo.workload.Workloads;
import io.hami.model.device.MigAllocation;
import io.hami.testfixtures.wait.Eventually;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hami demo --workload mig} through the real interfaces: the demo's MIG node ({@code hami node --mode mig} over
 * the NVML mock's 2 × A100-SXM4-40GB in MIG mode), the pods of examples/mig.yaml each given the MIG instances the
 * scheduler reserved, made by the device plugin when kubelet's stand-in allocates them, shown in the table and audited;
 * then the pods are deleted and the node's NVML lists none of their instances any more.
 */
class MigDemoIT {

    static final Path CHECKOUT = DemoEndToEndIT.CHECKOUT;

    @TempDir
    Path work;

    @Test
    void migPodsGetTheInstancesTheSchedulerReservedAndDeletingThemDestroysTheInstances() throws Exception {
        var pods = Workloads.load(CHECKOUT.resolve("examples/mig.yaml"));
        var nodes = NodeSpec.forWorkload(pods, 1);
        assertThat(nodes).containsExactly(NodeSpec.migMachine());
        var settings = DemoCluster.Settings.of(work, HamiLauncher.currentJvm(), Fixtures.inCheckout(CHECKOUT), nodes)
                .withContainers("region-writer");
        try (var cluster = ClusterStarts.start(EmbeddedApiServer.start(work.resolve("api"), 0), settings)) {
            cluster.submit(pods, "default");
            cluster.awaitSettled(Duration.ofSeconds(60));
            ClusterSnapshot snapshot = cluster.snapshot();
            var table = new StringWriter();
            PlacementTable.print(snapshot, new PrintWriter(table));
            String text = table.toString();

            assertThat(snapshot.unplaced()).as(text).isEmpty();
            var profiles = new LinkedHashMap<String, List<String>>();
            for (String pod : List.of("mig-training", "mig-finetune", "mig-notebook", "mig-two-slices")) {
                var view = snapshot.pod("default", pod).orElseThrow();
                assertThat(view.node()).as(pod + "\n" + text).isEqualTo("gpu-a100-mig-1");
                assertThat(view.phase()).as(pod + "\n" + text).isEqualTo("Running");
                assertThat(view.mig()).as(pod).allSatisfy(a -> assertThat(a.runtime()).as(pod + " instance made").isNotNull());
                profiles.put(pod, view.mig().stream().map(MigAllocation::profile).toList());
                for (var a : view.mig()) {
                    assertThat(text.lines().filter(l -> l.startsWith(pod + " ") && l.contains(" " + a.profile() + " ")
                            && l.contains(a.runtime().migUuid()))).as(text).hasSize(1);
                }
            }
            assertThat(profiles).containsExactly(java.util.Map.entry("mig-training", List.of("7g.40gb")),
                    java.util.Map.entry("mig-finetune", List.of("3g.20gb")),
                    java.util.Map.entry("mig-notebook", List.of("1g.5gb")),
                    java.util.Map.entry("mig-two-slices", List.of("1g.5gb", "1g.5gb")));
            // the whole-GPU instance has a GPU of its own; the others share the second one, and no HAMi-core runs
            String training = snapshot.pod("default", "mig-training").orElseThrow().mig().getFirst().gpuUuid();
            assertThat(snapshot.pods().stream().filter(p -> !p.name().equals("mig-training"))
                    .flatMap(p -> p.mig().stream()).map(MigAllocation::gpuUuid)).doesNotContain(training);
            assertThat(MixedDemoIT.row(text, "gpu-a100-mig-1", "mig-training")).containsSubsequence("1/7", "100/100", "-");

            var dirs = new LinkedHashMap<String, Path>();
            cluster.nodes().forEach(n -> dirs.put(n.spec().name(), n.dir()));
            var audit = AllocationAudit.audit(snapshot, cluster.api().client().pods().inNamespace("default").list()
                    .getItems(), dirs);
            assertThat(audit.violations()).isEmpty();
            assertThat(audit.allocationsChecked()).isEqualTo(4);

            var made = snapshot.pods().stream().flatMap(p -> p.mig().stream()).map(a -> a.runtime().migUuid()).toList();
            var layout = new NodeLayout(dirs.get("gpu-a100-mig-1"));
            // the node rewrites its list every 200 ms: the last pod's instances may be newer than the file
            Eventually.within(Duration.ofSeconds(10), () -> assertThat(MigInstances.read(layout.migDevicesFile()).all())
                    .as("the node's NVML lists what was made").containsExactlyInAnyOrderElementsOf(made));
            var teardown = MigTeardown.run(cluster, snapshot, Duration.ofSeconds(60)).orElseThrow();
            var printed = new StringWriter();
            teardown.print(new PrintWriter(printed));
            assertThat(teardown.rows()).as(printed.toString()).hasSize(5).allSatisfy(r -> assertThat(r.destroyed()).isTrue());
            assertThat(teardown.rows()).extracting(MigTeardown.Row::migUuid).containsExactlyElementsOf(made);
            assertThat(teardown.left()).containsExactly(java.util.Map.entry("gpu-a100-mig-1", List.of()));
            assertThat(MigInstances.read(layout.migDevicesFile()).all()).isEmpty();
            for (String uuid : made) {
                assertThat(printed.toString().lines().filter(l -> l.contains(uuid) && l.endsWith("destroyed")))
                        .as(printed.toString()).hasSize(1);
            }
            assertThat(printed.toString()).contains("MIG devices left on gpu-a100-mig-1: none");
        }
    }

    @Test
    void aRaceOfMigPodsAndOthersOnTheMigNodeAndAnA100NodeIsAudited() throws Exception {
        var nodes = List.of(NodeSpec.of("race-1", "a100x8"), NodeSpec.migMachine());
        var settings = DemoCluster.Settings.of(work, HamiLauncher.currentJvm(), Fixtures.inCheckout(CHECKOUT), nodes)
                .withContainers("region-writer");
        try (var cluster = ClusterStarts.start(EmbeddedApiServer.start(work.resolve("api"), 0), settings)) {
            var race = RaceSimulation.run(cluster, new RaceSimulation.Settings(40, 5, 0.2, 4, "race",
                    Duration.ofSeconds(180), List.of("nvidia", RandomPods.NVIDIA_MIG)));
            assertThat(race.violations()).as(race.toString()).isEmpty();
            var snapshot = cluster.snapshot();
            var migPods = snapshot.pods().stream().filter(p -> !p.mig().isEmpty()).toList();
            assertThat(migPods).as(race.toString()).isNotEmpty()
                    .allSatisfy(p -> assertThat(p.node()).isEqualTo("gpu-a100-mig-1"));
            assertThat(race.allocationsChecked()).as(race.toString()).isGreaterThanOrEqualTo(migPods.size());
        }
    }
}
