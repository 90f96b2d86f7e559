package io.hami.cli.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.hami.testfixtures.nvml.NvmlMock;
import io.hami.testfixtures.nvml.NvmlProfile;
import io.hami.testfixtures.region.RegionWriterFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hami monitor} in a JVM of its own, with the daemon's JVM flags: against the fabric8 mock API server
 * (through a kubeconfig), the C mock NVML and a region written by the C fixture writer. It serves /metrics and
 * /healthz and stops cleanly on SIGTERM. Its idle resident memory is measured by {@code scripts/monitor-rss.sh}.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class MonitorCommandProcessTest {
    /**
     * The JVM flags the monitor is meant to run with (README): serial GC, C1 only, a small heap whose young
     * generation is kept small (every page of it becomes resident), and free heap given back after a full GC.
     */
    static final List<String> DAEMON_JVM_FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xms8m", "-Xmx48m", "-Xmn4m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=20", "-Xss256k", "-XX:CICompilerCount=1",
            "-XX:ReservedCodeCacheSize=16m", "-XX:-UsePerfData");
    private static final Pattern SERVING = Pattern.compile("serving /metrics and /healthz on \\*?[^:]*:(\\d+)");

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path dir;

    @Test
    void servesMetricsAndHealthAndStopsOnSigterm() throws Exception {
        var pod = client.resource(new PodBuilder().withNewMetadata().withNamespace("ml").withName("trainer")
                .addToLabels("hami.io/vgpu-node", "node-1").endMetadata()
                .withNewSpec().addNewContainer().withName("cuda").withImage("cuda").endContainer().endSpec().build()).create();
        var containerDir = dir.resolve("vgpu/containers/" + pod.getMetadata().getUid() + "_cuda");
        Files.createDirectories(containerDir);
        RegionWriterFixture.on(containerDir.resolve("a.cache")).create("1.2", "--devices", "1", "--limit", "0=1073741824")
                .run("register", "7", "4242").run("alloc", "7", "0", "1048576");
        var kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: http://localhost:%d
                contexts:
                - name: mock
                  context:
                    cluster: mock
                    user: mock
                current-context: mock
                users:
                - name: mock
                  user:
                    token: test
                """.formatted(server.getPort()));
        var profile = Files.writeString(dir.resolve("a100x8.json"), NvmlProfile.load(NvmlProfile.EIGHT_A100).text());

        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED"));
        command.addAll(DAEMON_JVM_FLAGS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.hami.cli.HamiCommand", "monitor",
                "--node-name", "node-1", "--hook-path", dir.resolve("vgpu").toString(),
                "--metrics-bind-address", "127.0.0.1:0", "--kubeconfig", kubeconfig.toString(),
                "--nvml-library", NvmlMock.current().library(), "--mig-apply-lock", dir.resolve("mig.lock").toString()));
        var pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("NVML_MOCK_PROFILE", profile.toString());
        pb.environment().remove("NODE_NAME");
        pb.environment().put("MALLOC_ARENA_MAX", "2");
        pb.environment().remove("KUBECONFIG");
        var stderr = dir.resolve("monitor.err");
        var process = pb.redirectError(stderr.toFile()).start();
        try {
            int p = port(stderr, process);
            var http = HttpClient.newHttpClient();
            String body = "";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!body.contains("pod=\"trainer\"") && System.nanoTime() < deadline) {
                body = get(http, p, "/metrics").body();
                Thread.sleep(50);
            }
            assertThat(body).as(Files.readString(stderr))
                    .contains("hami_vgpu_memory_used_bytes{container=\"cuda\",device_uuid=\"GPU-0fc3eda5-0000-4000-8000-000000000000\","
                            + "namespace=\"ml\",pod=\"trainer\",vdevice_index=\"0\",zone=\"vGPU\"} 1048576.0")
                    .contains("hami_host_gpu_utilization_ratio{device_index=\"7\"")
                    .contains("hami_build_info{");
            assertThat(get(http, p, "/healthz").statusCode()).isEqualTo(200);
        } finally {
            process.destroy(); // SIGTERM
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(Files.readString(stderr)).isTrue();
        }
        assertThat(process.exitValue()).isEqualTo(143);
        assertThat(Files.readString(stderr)).contains("hami monitor stopped");
    }

    /** The port the daemon logs once it serves, read from its stderr file. */
    private static int port(Path stderr, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            var m = SERVING.matcher(Files.readString(stderr));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!process.isAlive()) {
                throw new AssertionError("hami monitor exited " + process.exitValue() + ": " + Files.readString(stderr));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("hami monitor did not start serving: " + Files.readString(stderr));
    }

    private static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
