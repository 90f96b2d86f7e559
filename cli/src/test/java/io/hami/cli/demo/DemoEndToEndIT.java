package io.hami.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.bindings.region.RegionReader;
import io.hami.cli.CliRun;
import io.hami.demo.api.EmbeddedApiServer;
import io.hami.demo.cluster.DemoCluster;
import io.hami.demo.cluster.Fixtures;
import io.hami.demo.cluster.NodeProcess;
import io.hami.demo.cluster.NodeSpec;
import io.hami.demo.process.HamiLauncher;
import io.hami.demo.race.AllocationAudit;
import io.hami.demo.report.ClusterSnapshot;
import io.hami.demo.report.PlacementTable;
import io.hami.demo.report.PromText;
import io.hami.demo.workload.Workloads;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole system as {@code hami demo} runs it, through the real interfaces: the embedded API server, the real
 * scheduler and two {@code hami node}s as child processes, the kube-scheduler stand-in. The placement table is
 * checked against the expected allocations, and the monitors' metrics against the region files the containers
 * wrote.
 */
class DemoEndToEndIT {

    static final Path CHECKOUT = Path.of(System.getProperty("hami.native.dir")).getParent().getParent().getParent();
    static final String PINNED = "GPU-a1000005-0001-4c2b-9f3a-7d6e5c4b3a25";
    static final String INIT_GPU = "GPU-a1000002-0001-4c2b-9f3a-7d6e5c4b3a22";

    @TempDir
    Path work;

    @Test
    void placementTableAndMetricsMatchTheAllocationsAndTheRegions() throws Exception {
        var settings = DemoCluster.Settings.of(work, HamiLauncher.currentJvm(), Fixtures.inCheckout(CHECKOUT),
                NodeSpec.defaults(2)).withContainers("region-writer");
        try (var cluster = ClusterStarts.start(EmbeddedApiServer.start(work.resolve("api"), 0), settings)) {
            cluster.submit(Workloads.load(CHECKOUT.resolve("cli/src/test/resources/demo/e2e.yaml")), "default");
            cluster.awaitSettled(Duration.ofSeconds(60));
            assertThat(cluster.awaitMonitors(Duration.ofSeconds(20))).isEmpty();
            ClusterSnapshot snapshot = cluster.snapshot();
            var table = new StringWriter();
            PlacementTable.print(snapshot, new PrintWriter(table));
            String text = table.toString();

            assertThat(row(text, "gpu-a100-1", 5)).as(text)
                    .containsSubsequence("1/10", "5000/40960", "30/100", "2500", "pinned");
            assertThat(row(text, "gpu-a100-1", 2)).as("init at its peak: max(1000, 3000)")
                    .containsSubsequence("1/10", "3000/40960", "20/100", "init-and-app");
            assertThat(text.lines().filter(l -> l.startsWith("gpu-a100-1") && l.contains("40960/40960")
                    && l.contains("100/100") && l.endsWith("exclusive"))).hasSize(1);
            long v100 = snapshot.nodes().stream().filter(n -> n.name().equals("gpu-v100-1"))
                    .flatMap(n -> n.gpus().stream()).mapToLong(ClusterSnapshot.GpuView::allocatedMiB).sum();
            assertThat(v100).isEqualTo(10000);
            assertThat(text).contains("Pods not placed:", "default/too-big (unschedulable): 0/2 nodes are "
                    + "available: 1 2/2 CardInsufficientMemory, 1 8/8 CardInsufficientMemory");
            assertThat(snapshot.pods()).filteredOn(p -> !p.name().equals("too-big"))
                    .allSatisfy(p -> assertThat(p.phase()).as(p.name()).isEqualTo("Running"));

            var fromRegions = new HashMap<String, Long>();
            var fromMetrics = new HashMap<String, Long>();
            for (NodeProcess node : cluster.nodes()) {
                regions(node.dir(), fromRegions);
                for (var s : PromText.parse(DemoCluster.fetch(node.metrics()))) {
                    if (s.name().equals("hami_vgpu_memory_used_bytes")) {
                        fromMetrics.merge(s.labels().get("pod") + "/" + s.labels().get("container") + "/"
                                + s.labels().get("device_uuid"), (long) s.value(), Long::sum);
                    }
                }
            }
            assertThat(fromRegions).hasSize(5).containsEntry("pinned/main/" + PINNED, 2500L << 20);
            assertThat(fromMetrics).isEqualTo(fromRegions);
            var byGpu = new LinkedHashMap<String, Long>();
            fromRegions.forEach((k, v) -> byGpu.merge(k.substring(k.lastIndexOf('/') + 1), v, Long::sum));
            snapshot.nodes().stream().flatMap(n -> n.gpus().stream()).forEach(g ->
                    assertThat(g.usedBytes()).as(g.uuid()).isEqualTo(byGpu.getOrDefault(g.uuid(), 0L)));

            var dirs = new LinkedHashMap<String, Path>();
            cluster.nodes().forEach(n -> dirs.put(n.spec().name(), n.dir()));
            var audit = AllocationAudit.audit(snapshot, cluster.api().client().pods().inNamespace("default").list()
                    .getItems(), dirs);
            assertThat(audit.violations()).isEmpty();
            assertThat(audit.allocationsChecked()).isEqualTo(5);
        }
    }

    /** Each region file's used bytes per device, keyed pod/container/uuid through the node's started files. */
    static void regions(Path nodeDir, Map<String, Long> into) throws Exception {
        var names = new HashMap<String, String>();
        try (Stream<Path> started = Files.list(nodeDir.resolve("started"))) {
            for (Path f : started.toList()) {
                var json = tools.jackson.databind.json.JsonMapper.builder().build().readTree(f.toFile());
                names.put(json.path("uid").asString() + "_" + json.path("container").asString(),
                        json.path("pod").asString() + "/" + json.path("container").asString());
            }
        }
        try (Stream<Path> files = Files.walk(nodeDir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".cache")).toList()) {
                String name = names.get(f.getParent().getFileName().toString());
                assertThat(name).as("region " + f + " belongs to a started container").isNotNull();
                var region = RegionReader.read(f);
                for (var device : region.devices()) {
                    if (device.uuid().isEmpty()) {
                        continue; // a slot HAMi-core keeps for a device the container does not have
                    }
                    into.merge(name + "/" + device.uuid(), region.usedBytes(device.index()), Long::sum);
                }
            }
        }
    }

    static String row(String table, String node, int gpu) {
        return table.lines().filter(l -> l.startsWith(node + " ") && l.substring(node.length()).stripLeading()
                .startsWith(gpu + " GPU-")).findFirst().orElseThrow(() -> new AssertionError("no row " + node + " "
                + gpu + " in\n" + table));
    }

    @Test
    void hamiDemoOncePrintsTheTableAndExitsZero() throws Exception {
        Path pods = Files.writeString(work.resolve("pods.yaml"), """
                apiVersion: v1
                kind: Pod
                metadata: {name: small}
                spec:
                  containers:
                  - name: main
                    image: busybox
                    resources: {limits: {nvidia.com/gpu: 1, nvidia.com/gpumem: 2000, nvidia.com/gpucores: 10}}
                """);
        var run = CliRun.run("", "demo", "--once", "--nodes", "1", "--pods", pods.toString(), "--containers",
                "region-writer", "--checkout", CHECKOUT.toString(), "--work-dir", work.resolve("run").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("NODE ").contains("Every pod was placed.");
        assertThat(run.out().lines().filter(l -> l.startsWith("gpu-a100-1 ") && l.contains("2000/40960")
                && l.contains("10/100") && l.contains(" 1000 ") && l.endsWith("small"))).hasSize(1);
    }

    @Test
    void invalidWorkloadExitsTwoBeforeStartingAnything() throws Exception {
        Path pods = Files.writeString(work.resolve("bad.yaml"), "apiVersion: v1\nkind: Service\nmetadata: {name: x}\n");
        var run = CliRun.run("", "demo", "--once", "--pods", pods.toString(), "--checkout", CHECKOUT.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("expected a v1 Pod, got Service");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void raceOnThreeNodesFindsNoDoubleAllocation() throws Exception {
        var run = CliRun.run("", "demo", "race", "--pods", "120", "--nodes", "3", "--seed", "7",
                "--initial-backoff-ms", "50", "--max-backoff-ms", "200", "--timeout", "120",
                "--checkout", CHECKOUT.toString(), "--work-dir", work.resolve("race").toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("violations:            0");
        var checked = Integer.parseInt(run.out().lines().filter(l -> l.startsWith("allocations checked:"))
                .findFirst().orElseThrow().replaceAll("\\D", ""));
        assertThat(checked).as(run.out()).isGreaterThan(20);
        System.out.println(run.out());
    }
}
