package io.hami.monitor;

import static io.hami.monitor.Fixtures.region;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.hami.bindings.nvml.Nvml;
import io.hami.model.protocol.HamiAnnotations;
import io.hami.monitor.metrics.BuildInfo;
import io.hami.monitor.metrics.HostGpus;
import io.hami.monitor.pods.InformerPodSource;
import io.hami.monitor.server.MonitorServer;
import io.hami.testfixtures.nvml.FakeNvml;
import io.hami.testfixtures.region.RegionWriterFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitor end to end inside one JVM: the fabric8 mock API server, regions on disk, HTTP. */
@EnableKubernetesMockClient(crud = true)
class MonitorTest {
    KubernetesClient client;

    @TempDir
    Path hook;

    private String create(String name) {
        var pod = new PodBuilder().withNewMetadata().withNamespace("ml").withName(name)
                .addToLabels(HamiAnnotations.VGPU_NODE, "node-1").endMetadata()
                .withNewSpec().addNewContainer().withName("cuda").withImage("cuda").endContainer().endSpec().build();
        return client.resource(pod).create().getMetadata().getUid();
    }

    private static int get(RegionWriterFixture w, String field) {
        return Integer.parseInt(w.attempt("get", field).out().trim());
    }

    @Test
    void aPodDeletedWhileItsRegionIsOpenLeavesWithItsDirectoryAfterTheGracePeriod() throws Exception {
        var clock = TestClock.newYear2026();
        var uidA = create("a");
        var uidB = create("b");
        var a = region(hook.resolve("containers"), uidA, "cuda").create("1.2", "--devices", "1", "--sm-limit", "0=30");
        var b = region(hook.resolve("containers"), uidB, "cuda").create("1.2", "--devices", "1", "--sm-limit", "0=30");
        Fixtures.touch(a.file().getParent(), clock.instant());
        Fixtures.touch(b.file().getParent(), clock.instant());
        var pods = InformerPodSource.start(client, "node-1", Duration.ofMinutes(5));
        var open = Fixtures.leftOpen(pods);
        var host = new HostGpus(() -> new Nvml(FakeNvml.twoV100OnTwoNumaNodes(), Path.of("/sys")));
        try (var monitor = new Monitor(Fixtures.config(hook, false), open, host, clock, BuildInfo.of("t", "u", "u"));
             var server = MonitorServer.start(Fixtures.config(hook, false).bindAddress(), monitor.registry(), monitor::writeMetricsText, monitor::healthy)) {
            Poll.until(() -> pods.synced() && pods.pods().size() == 2, Duration.ofSeconds(20));
            monitor.runPass();
            assertThat(Http.get(server.port(), "/metrics").body()).contains("pod=\"a\"", "pod=\"b\"");
            // both active on the shared GPU at the same priority: both enforce their core limit
            assertThat(get(a, "utilization_switch")).isEqualTo(1);
            assertThat(get(a, "recent_kernel")).isEqualTo(1);

            client.pods().inNamespace("ml").withName("a").delete();
            Poll.until(() -> pods.byUid(uidA).isEmpty(), Duration.ofSeconds(20));
            monitor.runPass();
            assertThat(a.file()).exists(); // young: the informer may lag, so it stays
            assertThat(Http.get(server.port(), "/metrics").body()).doesNotContain("pod=\"a\"").contains("pod=\"b\"");

            clock.advance(Duration.ofMinutes(5));
            monitor.runPass();
            assertThat(a.file().getParent()).doesNotExist();
            assertThat(b.file()).exists();
            var body = Http.get(server.port(), "/metrics").body();
            assertThat(body).doesNotContain("pod=\"a\"").contains("pod=\"b\"");
            // b is alone now, and idle: its limit is lifted
            b.run("kernel", "1767225600");
            monitor.runPass();
            assertThat(get(b, "utilization_switch")).isZero();
            assertThat(Http.get(server.port(), "/healthz").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void highPriorityBlocksLowPriorityThroughTheFilesAndTheMigLockPausesIt() throws Exception {
        var clock = TestClock.newYear2026();
        var hi = region(hook.resolve("containers"), Fixtures.uid(1), "cuda").create("1.2", "--devices", "1", "--priority", "0");
        var lo = region(hook.resolve("containers"), Fixtures.uid(2), "cuda").create("1.2", "--devices", "1", "--priority", "1");
        var pods = new MutablePods().add(Fixtures.pod(Fixtures.uid(1), "ml", "hi", "cuda"))
                .add(Fixtures.pod(Fixtures.uid(2), "ml", "lo", "cuda"));
        var config = Fixtures.config(hook, false);
        try (var monitor = new Monitor(config, pods, new HostGpus(() -> new Nvml(FakeNvml.twoV100OnTwoNumaNodes(), Path.of("/sys"))),
                clock, BuildInfo.of("t", "u", "u"))) {
            monitor.runPass();
            assertThat(get(lo, "recent_kernel")).isEqualTo(-1);
            assertThat(get(lo, "utilization_switch")).isEqualTo(1);
            assertThat(get(hi, "utilization_switch")).isZero();

            Files.writeString(config.migApplyLock(), "");
            monitor.runPass();
            monitor.runPass();
            assertThat(get(lo, "recent_kernel")).isEqualTo(-1); // paused: nothing is written

            Files.delete(config.migApplyLock());
            monitor.runPass(); // hi counts down to 0: idle, so lo is released
            assertThat(get(lo, "recent_kernel")).isZero();
            assertThat(get(lo, "utilization_switch")).isZero();
        }
    }

    @Test
    void healthTurnsBadWhenPassesStop() throws Exception {
        var clock = TestClock.newYear2026();
        try (var monitor = new Monitor(Fixtures.config(hook, false), new MutablePods(),
                new HostGpus(() -> new Nvml(FakeNvml.twoV100OnTwoNumaNodes(), Path.of("/sys"))), clock, BuildInfo.of("t", "u", "u"));
             var server = MonitorServer.start(Fixtures.config(hook, false).bindAddress(), monitor.registry(), monitor::writeMetricsText, monitor::healthy)) {
            assertThat(Http.get(server.port(), "/healthz").statusCode()).isEqualTo(200);
            clock.advance(Duration.ofSeconds(16));
            assertThat(Http.get(server.port(), "/healthz").statusCode()).isEqualTo(503);
            monitor.runPass();
            assertThat(Http.get(server.port(), "/healthz").body()).isEqualTo("ok\n");
        }
    }

    @Test
    void healthTurnsBadWhenEveryPassFailsForThreeIntervalsAndGoodAgainAfterOneSucceeds() throws Exception {
        var clock = TestClock.newYear2026();
        var pods = new MutablePods();
        Files.createDirectories(hook.resolve("containers")); // else discovery ends before it asks the pods
        try (var monitor = new Monitor(Fixtures.config(hook, false), pods,
                new HostGpus(() -> new Nvml(FakeNvml.twoV100OnTwoNumaNodes(), Path.of("/sys"))), clock, BuildInfo.of("t", "u", "u"));
             var server = MonitorServer.start(Fixtures.config(hook, false).bindAddress(), monitor.registry(), monitor::writeMetricsText, monitor::healthy)) {
            monitor.runPass();
            pods.failing(true);
            for (int pass = 1; pass <= 3; pass++) { // the feedback interval is 5 s: three failed passes fill the window
                clock.advance(Duration.ofSeconds(5));
                monitor.runPass();
                assertThat(Http.get(server.port(), "/healthz").statusCode()).as("after failed pass %d", pass).isEqualTo(200);
            }
            clock.advance(Duration.ofSeconds(5));
            monitor.runPass();
            assertThat(Http.get(server.port(), "/healthz").statusCode()).isEqualTo(503);

            pods.failing(false);
            clock.advance(Duration.ofSeconds(5));
            monitor.runPass();
            assertThat(Http.get(server.port(), "/healthz").body()).isEqualTo("ok\n");
        }
    }
}
