package io.hami.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.hami.demo.api.EmbeddedApiServer;
import io.hami.demo.scheduling.ExtenderClient;
import io.hami.demo.scheduling.KubeSchedulerStandIn;
import io.hami.demo.scheduling.StandInSettings;
import io.hami.demo.simulate.VirtualCluster;
import io.hami.demo.workload.Workloads;
import io.hami.scheduler.SchedulerConfig;
import io.hami.scheduler.daemon.DaemonConfig;
import io.hami.scheduler.daemon.SchedulerDaemon;
import io.hami.scheduler.vendor.DeviceTypes;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The allocation page in a real browser: the scheduler (in this JVM) serves it for the demo's nodes (8 × A100,
 * 2 × V100, 4 × A10) after the kube-scheduler stand-in placed the demo's workload (examples/demo.yaml); headless
 * Chromium loads it, runs its script, and the test reads the rendered DOM and keeps a screenshot
 * ({@code target/allocation-page.png}). Skipped, with the reason, where no {@code chromium} is installed.
 */
class AllocationPageBrowserIT {

    @TempDir
    Path dir;

    EmbeddedApiServer api;
    SchedulerDaemon daemon;
    ExtenderClient extender;
    KubeSchedulerStandIn standIn;

    @BeforeEach
    void start() throws Exception {
        api = EmbeddedApiServer.start(dir.resolve("api"), 0);
        for (Node n : VirtualCluster.demo(3).nodes()) {
            // a create retried after a slow first answer finds the node made
            api.client().nodes().resource(withAllocatable(n)).createOr(NonDeletingOperation::update);
        }
        var config = new DaemonConfig(SchedulerConfig.defaults(DeviceTypes.defaults()), Optional.empty(),
                new DaemonConfig.Endpoint("127.0.0.1", 0), new DaemonConfig.Endpoint("127.0.0.1", 0),
                Optional.empty(), "hami-scheduler", true,
                new DaemonConfig.Endpoint("127.0.0.1", 0), false, Map.of(), Duration.ofSeconds(2),
                Duration.ofSeconds(1), Duration.ZERO, DaemonConfig.Leader.none(), new DaemonConfig.Self("", ""),
                DaemonConfig.Timing.defaults(), Map.of("version", "test"),
                Optional.of(new DaemonConfig.Endpoint("127.0.0.1", 0)));
        daemon = SchedulerDaemon.start(config, api.client(), Clock.systemUTC());
        // whether the informers list at all, not how fast: two forks of demo ITs on two cores at load 37 took over 30 s
        daemon.synced().get(120, TimeUnit.SECONDS);
        extender = new ExtenderClient(URI.create("http://127.0.0.1:" + daemon.httpPort()),
                URI.create("http://127.0.0.1:" + daemon.webhookPort()));
        standIn = new KubeSchedulerStandIn(api.client(), extender, StandInSettings.kubeScheduler("hami-scheduler"));
    }

    @AfterEach
    void stop() {
        if (standIn != null) {
            standIn.close();
        }
        if (extender != null) {
            extender.close();
        }
        if (daemon != null) {
            daemon.close();
        }
        if (api != null) {
            api.close();
        }
    }

    @Test
    void chromiumRendersEveryNodeDevicePlacedPodAndWaitingPod() throws Exception {
        Optional<Path> chromium = chromium();
        assumeTrue(chromium.isPresent(), "no chromium on the PATH: install Debian's chromium to run the browser test");
        for (var pod : Workloads.load(Path.of("../examples/demo.yaml"))) {
            standIn.submit(pod, "default");
        }
        standIn.awaitSettled(Duration.ofSeconds(60));
        String url = "http://127.0.0.1:" + daemon.allocationPagePort().orElseThrow() + "/";

        String dom = browser(chromium.get(), "--dump-dom", url);
        assertThat(dom).contains("data-loaded=\"true\"");
        for (String node : List.of("gpu-a100-1", "gpu-v100-1", "gpu-a10-1")) {
            assertThat(dom).contains("data-node=\"" + node + "\"");
        }
        assertThat(dom.split("<tr class=\"device\"", -1)).as("8 + 2 + 4 devices").hasSize(15);
        assertThat(dom).contains("data-pod=\"default/notebook\"", "data-pod=\"default/two-gpu-training\"");
        var waiting = standIn.records().stream().filter(r -> r.state().name().equals("UNSCHEDULABLE")).toList();
        for (var r : waiting) {
            assertThat(dom).contains("class=\"pending\" data-pod=\"default/" + r.name() + "\"");
        }

        Path screenshot = Path.of("target", "allocation-page.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        browser(chromium.get(), "--screenshot=" + screenshot, url);
        assertThat(screenshot).exists();
        assertThat(Files.size(screenshot)).isGreaterThan(10_000);
    }

    private String browser(Path chromium, String action, String url) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--user-data-dir=" + dir.resolve("profile"), "--window-size=1280,1800",
                "--virtual-time-budget=10000", action, url));
        Path out = dir.resolve("chromium.out");
        var process = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(dir.resolve("chromium.err").toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("chromium finishes").isTrue();
        assertThat(process.exitValue()).as(Files.readString(dir.resolve("chromium.err"))).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static Optional<Path> chromium() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    private static Node withAllocatable(Node node) {
        var gpus = new Quantity("100");
        return new NodeBuilder(node).editOrNewStatus().addToCapacity("nvidia.com/gpu", gpus)
                .addToAllocatable("nvidia.com/gpu", gpus).endStatus().build();
    }
}
