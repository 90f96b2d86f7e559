package io.hami.benchmarks.monitor;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.hami.benchmarks.cluster.DaemonProcess;
import io.hami.benchmarks.cluster.MockCluster;
import io.hami.model.protocol.HamiAnnotations;
import io.hami.testfixtures.nvml.NvmlMock;
import io.hami.testfixtures.nvml.NvmlProfile;
import io.hami.testfixtures.region.RegionWriterFixture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The resident memory of an idle {@code hami monitor}: the daemon runs in a process of its own, as on a node (here
 * {@code java <JVM flags> -jar hami-cli.jar monitor}), against the fabric8 mock API server in this harness (through a
 * kubeconfig), with one pod on the node whose container has a region written by the C fixture writer, and the C mock
 * NVML for the host metrics. Once {@code /metrics} shows the pod, the harness scrapes five times as Prometheus would,
 * waits {@code idle} seconds and reads {@code VmHWM}, {@code VmRSS}, {@code RssAnon} and {@code RssFile} from
 * {@code /proc/<pid>/status}; then it stops the daemon with SIGTERM and prints its exit code (143 after a clean stop).
 *
 * <p>Run from the repository root (see {@code scripts/monitor-rss.sh}):
 * {@code java --enable-native-access=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar
 * io.hami.benchmarks.monitor.MonitorIdleRss cli/target/hami-cli.jar [idle seconds] [JVM flags...]}.
 */
public final class MonitorIdleRss {
    private static final String NODE = "rss-node";

    private MonitorIdleRss() {
    }

    public static void main(String[] args) throws Exception {
        var jar = Path.of(args.length > 0 ? args[0] : "cli/target/hami-cli.jar").toAbsolutePath();
        int idle = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        var jvmFlags = args.length > 2 ? List.of(args).subList(2, args.length) : List.of("-Xmx48m", "-XX:+UseSerialGC");
        MockCluster.defaultNativeDir();
        var tmp = Files.createTempDirectory("hami-monitor-rss");
        var profile = Files.writeString(tmp.resolve("a100x8.json"), NvmlProfile.load(NvmlProfile.EIGHT_A100).text());
        try (var cluster = new MockCluster(NODE)) {
            var uid = cluster.client.pods().inNamespace("ml").resource(new PodBuilder().withNewMetadata().withName("trainer")
                    .addToLabels(HamiAnnotations.VGPU_NODE, NODE).endMetadata()
                    .withNewSpec().addNewContainer().withName("cuda").withImage("cuda").endContainer().endSpec().build())
                    .create().getMetadata().getUid();
            var containerDir = Files.createDirectories(tmp.resolve("vgpu/containers/" + uid + "_cuda"));
            RegionWriterFixture.on(containerDir.resolve("a.cache")).create("1.2", "--devices", "1", "--limit", "0=1073741824")
                    .run("register", "7", "4242").run("alloc", "7", "0", "1048576");
            int port = freePort();
            var daemon = DaemonProcess.start(jar, jvmFlags, List.of("monitor",
                    "--node-name", NODE, "--kubeconfig", cluster.kubeconfig(tmp).toString(),
                    "--hook-path", tmp.resolve("vgpu").toString(), "--metrics-bind-address", "127.0.0.1:" + port,
                    "--nvml-library", NvmlMock.current().library(), "--mig-apply-lock", tmp.resolve("mig.lock").toString()),
                    Map.of("NVML_MOCK_PROFILE", profile.toString()), tmp.resolve("daemon.log"));
            try {
                var http = HttpClient.newHttpClient();
                if (!awaitPod(http, port, daemon)) {
                    System.out.print(daemon.output());
                    throw new IllegalStateException("hami monitor did not export the pod within 60 s");
                }
                for (int i = 0; i < 5; i++) {
                    get(http, port, "/metrics");
                }
                System.out.printf("hami monitor (%s) exports the pod; idling %d s%n", String.join(" ", jvmFlags), idle);
                Thread.sleep(Duration.ofSeconds(idle)); // the point of the measurement: nothing but the 5 s loop happens
                daemon.printMemory();
            } finally {
                daemon.stop();
            }
        }
    }

    /** Polls {@code /metrics} until it names the pod (true), the daemon exits or 60 s pass (false). */
    private static boolean awaitPod(HttpClient http, int port, DaemonProcess daemon) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && daemon.alive()) {
            try {
                if (get(http, port, "/metrics").body().contains("pod=\"trainer\"")) {
                    return true;
                }
            } catch (IOException e) {
                // not serving yet
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static HttpResponse<String> get(HttpClient http, int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A port nothing listens on now; the daemon binds it a moment later. */
    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
