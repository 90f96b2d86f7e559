package io.hami.cli.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.model.device.ContainerDevice;
import io.hami.model.device.ContainerDevices;
import io.hami.model.device.PodDevices;
import io.hami.testfixtures.kube.ScheduledPods;
import io.hami.testfixtures.wait.Eventually;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hami node} in a JVM of its own against the demo's API server and the C mock NVML (two V100s from a
 * profile file): it prints its READY line, runs a GPU pod the way kubelet would, and stops cleanly when its
 * standard input closes.
 */
class NodeCommandProcessTest {
    private static final Pattern READY = Pattern.compile("READY \\{\"node\":\"node-a\",\"metrics\":\"(http://127\\.0\\.0\\.1:\\d+/metrics)\"}");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    final NodeApiServer api = new NodeApiServer();

    @TempDir
    Path tmp;

    @Test
    void printsReadyRunsAGpuPodAndStopsAtTheEndOfStdin() throws Exception {
        var dir = tmp.resolve("node-a");
        var process = start(dir, "--device-split-count", "2", "--labels", "pool=demo");
        try {
            var ready = READY.matcher(readyLine(process));
            assertThat(ready.matches()).isTrue();
            var node = api.client().nodes().withName("node-a").get();
            assertThat(node.getMetadata().getLabels()).containsEntry("gpu", "on").containsEntry("pool", "demo");
            assertThat(node.getMetadata().getAnnotations()).containsKey("hami.io/node-nvidia-register");

            var gpu = "GPU-v1000001-2b3c-4d5e-8f90-a1b2c3d4e5f7";
            var pod = ScheduledPods.bind(api.client(), "node-a", "ml", "trainer", List.of(), List.of(ScheduledPods.gpuContainer("cuda", 1)),
                    PodDevices.of(ContainerDevices.of(new ContainerDevice(gpu, "NVIDIA", 2000, 25))));
            var started = dir.resolve("started").resolve(pod.getMetadata().getUid() + "_cuda.json");
            Eventually.within(WAIT, () -> assertThat(api.client().pods().inNamespace("ml").withName("trainer").get().getStatus().getPhase())
                    .isEqualTo("Running"));
            assertThat(Files.readString(started)).contains("\"CUDA_DEVICE_MEMORY_LIMIT_0\" : \"2000m\"")
                    .contains("\"NVIDIA_VISIBLE_DEVICES\" : \"" + gpu + "\"");
            try (var http = HttpClient.newHttpClient()) {
                var request = HttpRequest.newBuilder(URI.create(ready.group(1))).timeout(Duration.ofSeconds(10)).build();
                Eventually.within(WAIT, () -> assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).body())
                        .contains("hami_vgpu_memory_used_bytes{container=\"cuda\",device_uuid=\"" + gpu
                                + "\",namespace=\"ml\",pod=\"trainer\",vdevice_index=\"0\",zone=\"vGPU\"} 1.048576E9"));
            }

            process.getOutputStream().close(); // the parent "dies"
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(err()).isTrue();
            assertThat(process.exitValue()).as(err()).isZero();
            assertThat(started).doesNotExist();
            assertThat(dir.resolve("hook/vgpu/containers").resolve(pod.getMetadata().getUid() + "_cuda")).doesNotExist();
            assertThat(dir.resolve("dp/kubelet.sock")).doesNotExist();
            assertThat(dir.resolve("dp/hami-nvidia.sock")).doesNotExist();
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void stopsOnSigtermAndRemovesItsSockets() throws Exception {
        var dir = tmp.resolve("node-a");
        var process = start(dir);
        try {
            assertThat(READY.matcher(readyLine(process)).matches()).isTrue();
            assertThat(dir.resolve("dp/kubelet.sock")).exists();
            process.toHandle().destroy(); // SIGTERM only (Process.destroy would also close its stdin)
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(err()).isTrue();
            assertThat(process.exitValue()).isEqualTo(143);
            assertThat(err()).contains("node node-a stopped");
            assertThat(dir.resolve("dp/kubelet.sock")).doesNotExist();
            assertThat(dir.resolve("dp/hami-nvidia.sock")).doesNotExist();
        } finally {
            process.destroyForcibly();
        }
    }

    /** Starts {@code hami node} as node-a over two mock V100s, its stdin a pipe held open by this test. */
    private Process start(Path dir, String... extra) throws Exception {
        var options = new ArrayList<>(List.of("--containers", "region-writer"));
        options.addAll(List.of(extra));
        return NodeJvm.start(tmp, api.url(), "node-a", dir, options);
    }

    /** The first line of the node's stdout, within a minute. */
    private String readyLine(Process process) throws Exception {
        return NodeJvm.readyLine(process, tmp, Duration.ofSeconds(60));
    }

    private String err() throws IOException {
        return NodeJvm.err(tmp);
    }
}
