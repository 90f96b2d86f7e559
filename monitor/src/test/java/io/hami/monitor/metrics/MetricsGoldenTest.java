package io.hami.monitor.metrics;

import static io.hami.monitor.Fixtures.GPU1;
import static io.hami.monitor.Fixtures.region;
import static io.hami.monitor.Fixtures.uid;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.hami.bindings.nvml.Nvml;
import io.hami.model.protocol.HamiAnnotations;
import io.hami.monitor.Fixtures;
import io.hami.monitor.pods.PodView;
import io.hami.monitor.Golden;
import io.hami.monitor.Http;
import io.hami.monitor.Monitor;
import io.hami.monitor.Poll;
import io.hami.monitor.TestClock;
import io.hami.monitor.pods.InformerPodSource;
import io.hami.monitor.server.MonitorServer;
import io.hami.testfixtures.nvml.FakeNvml;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exact text of {@code /metrics}: regions written by the C fixture writer, pods in the fabric8 mock API
 * server read through the informer, host GPUs from the NVML fake, served over HTTP. Legacy names off and on.
 */
@EnableKubernetesMockClient(crud = true)
class MetricsGoldenTest {
    private static final String MIG_ALLOCATIONS = "[{\"containerIndex\":0,\"deviceIndex\":0,"
            + "\"gpuUUID\":\"GPU-a100m000-5e1d-4c2b-9f3a-7d6e5c4b3a20\",\"profile\":\"1g.10gb\","
            + "\"placement\":{\"start\":6,\"size\":1},\"migUUID\":\"MIG-4e7c9f1a-0000-4000-8000-000000000001\","
            + "\"gpuInstanceID\":13,\"computeInstanceID\":0}]";

    KubernetesClient client;

    @TempDir
    Path hook;

    /** A pod whose containers ask for one GPU each, but those named {@code sidecar}, which ask for none. */
    private static Pod pod(int n, String name, String node, List<String> init, List<String> app, Map<String, String> annotations) {
        return new PodBuilder().withNewMetadata().withNamespace("ml").withName(name).withUid(uid(n))
                .addToLabels(HamiAnnotations.VGPU_NODE, node).addToAnnotations(annotations).endMetadata()
                .withNewSpec()
                .withInitContainers(init.stream().map(MetricsGoldenTest::container).toList())
                .withContainers(app.stream().map(MetricsGoldenTest::container).toList())
                .endSpec().build();
    }

    private static io.fabric8.kubernetes.api.model.Container container(String name) {
        var c = new io.fabric8.kubernetes.api.model.ContainerBuilder().withName(name).withImage("cuda");
        if (!name.equals("sidecar")) {
            c.withNewResources().addToLimits(PodView.GPU_RESOURCE, new io.fabric8.kubernetes.api.model.Quantity("1")).endResources();
        }
        return c.build();
    }

    /** Creates the pod in the mock API server and returns the UID the server gave it. */
    private String create(Pod pod) {
        return client.resource(pod).create().getMetadata().getUid();
    }

    private void node() {
        var containers = hook.resolve("containers");
        var allocated = "hami.io/vgpu-devices-allocated";
        var trainer = create(pod(1, "trainer", "node-1", List.of("warmup"), List.of("cuda", "sidecar"),
                Map.of(allocated, Fixtures.GPU0 + ",NVIDIA,1000,30:;" + Fixtures.GPU0 + ",NVIDIA,3000,30:;;")));
        create(pod(2, "waiting", "node-1", List.of(), List.of("app"), Map.of(allocated, GPU1 + ",NVIDIA,2048,0:;")));
        create(pod(3, "mig", "node-1", List.of(), List.of("infer"), Map.of(allocated,
                "GPU-a100m000-5e1d-4c2b-9f3a-7d6e5c4b3a20,NVIDIA,9856,14:;", "hami.io/vgpu-mig-allocations", MIG_ALLOCATIONS)));
        var elsewhere = create(pod(4, "elsewhere", "node-2", List.of(), List.of("cuda"), Map.of()));
        create(pod(5, "broken", "node-1", List.of(), List.of("cuda"), Map.of(allocated, "not an allocation")));

        region(containers, trainer, "cuda").create("1.2", "--limit", "0=3000000000", "--sm-limit", "0=30", "--priority", "0",
                        "--devices", "1")
                .run("register", "101", "4242").run("alloc", "101", "0", "1048576", "data")
                .run("alloc", "101", "0", "2097152", "context")
                .run("register", "102", "4243").run("alloc", "102", "0", "4194304", "module")
                .run("watch", "4242", "0", "0", "35").run("watch", "4243", "0", "0", "10")
                .run("kernel", "1767225500");
        region(containers, trainer, "warmup").create("1.1", "--limit", "0=1000000000", "--devices", "1")
                .run("register", "201", "5000").run("alloc", "201", "0", "1048576").run("exit", "201")
                .run("kernel", "1767225000");
        region(containers, elsewhere, "cuda").create("1.2", "--devices", "1");
    }

    private String scrape(boolean legacy) throws Exception {
        node();
        var clock = TestClock.newYear2026();
        var pods = InformerPodSource.start(client, "node-1", Duration.ofMinutes(5));
        var open = Fixtures.leftOpen(pods);
        var host = new HostGpus(() -> new Nvml(FakeNvml.twoV100OnTwoNumaNodes(), Path.of("/sys")));
        try (var monitor = new Monitor(Fixtures.config(hook, legacy), open, host, clock,
                new BuildInfo("0.1.0-test", "abc1234", "2026-01-01", "java25.0.0", "linux/amd64"))) {
            Poll.until(() -> pods.synced() && pods.pods().size() == 4, Duration.ofSeconds(20));
            monitor.runPass();
            try (var server = MonitorServer.start(Fixtures.config(hook, legacy).bindAddress(), monitor.registry(), monitor::writeMetricsText, monitor::healthy)) {
                var response = Http.get(server.port(), "/metrics");
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
                return response.body();
            }
        }
    }

    @ParameterizedTest(name = "legacy {0}")
    @ValueSource(booleans = {false, true})
    void exposesHamisNamesLabelsAndValues(boolean legacy) throws Exception {
        Golden.assertMatches(MetricsGoldenTest.class, legacy ? "metrics-legacy.txt" : "metrics.txt", scrape(legacy));
    }

    @Test
    void legacyNamesAddSeriesAndChangeNoCurrentOne() throws Exception {
        var legacy = scrape(true);
        var current = Arrays.stream(legacy.split("\n")).filter(l -> !isLegacy(l)).toList();
        assertThat(legacy).contains("HostGPUMemoryUsage{", "vGPU_device_memory_usage_in_bytes{", "MigInfo{");
        assertThat(current).isNotEmpty().allSatisfy(l -> assertThat(l).doesNotContain("podnamespace"));
    }

    private static boolean isLegacy(String line) {
        var name = line.startsWith("# ") ? line.split(" ")[2] : line.split("[{ ]")[0];
        return !name.startsWith("hami_");
    }
}
