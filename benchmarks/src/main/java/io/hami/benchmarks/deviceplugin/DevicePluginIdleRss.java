package io.hami.benchmarks.deviceplugin;

import io.hami.benchmarks.cluster.DaemonProcess;
import io.hami.benchmarks.cluster.MockCluster;
import io.hami.model.vendor.Vendors;
import io.hami.testfixtures.kubelet.FakeKubelet;
import io.hami.testfixtures.nvml.NvmlMock;
import io.hami.testfixtures.nvml.NvmlProfile;
import io.hami.testfixtures.wait.Eventually;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * The resident memory of an idle {@code hami device-plugin}: the daemon runs in a process of its own, as on a
 * node (here {@code java -Xmx64m -jar hami-cli.jar device-plugin}), registered with a fake kubelet served by
 * this harness, its node annotation written to the fabric8 mock API server in this harness, its GPUs from the
 * C mock NVML. It finds the API server as in a pod, without a kubeconfig: from the service's variables and a
 * service-account token file ({@link MockCluster#inClusterEnvironment(Path)}), so that it loads no YAML parser. After it registered, the harness waits {@code idle} seconds and reads {@code VmRSS} and
 * {@code VmHWM} from {@code /proc/<pid>/status}; then it stops the daemon with SIGTERM (exit code 143, after the
 * shutdown hook stopped the plugin) and checks that the plugin's socket is gone.
 *
 * <p>Run from the repository root (see {@code scripts/device-plugin-rss.sh}):
 * {@code java --enable-native-access=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar
 * io.hami.benchmarks.deviceplugin.DevicePluginIdleRss cli/target/hami-cli.jar [idle seconds] [JVM flags...]};
 * with {@code -XX:NativeMemoryTracking=summary} among the flags it also prints the JVM's own account. With the system
 * property {@code hami.rss.command=node-agent} it runs {@code hami node-agent} instead: the same plugin options, then
 * {@code --monitor} and a monitor's over the same node (its metrics on a free loopback port).
 */
public final class DevicePluginIdleRss {

    private DevicePluginIdleRss() {
    }

    /** Waits until the daemon wrote its devices onto the node: it reached the API server through the pod's way. */
    private static void awaitRegisterAnnotation(MockCluster cluster, Duration timeout) {
        var key = Vendors.defaults().byId("nvidia").orElseThrow().annotations().nodeRegister().orElseThrow();
        Eventually.until(timeout, "the daemon wrote " + key + " onto node rss-node", () -> {
            var annotations = cluster.client.nodes().withName("rss-node").get().getMetadata().getAnnotations();
            return annotations != null && annotations.containsKey(key);
        });
    }

    public static void main(String[] args) throws Exception {
        var jar = Path.of(args.length > 0 ? args[0] : "cli/target/hami-cli.jar");
        int idle = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        var jvmFlags = args.length > 2 ? List.of(args).subList(2, args.length) : List.of("-Xmx64m", "-XX:+UseSerialGC");
        MockCluster.defaultNativeDir();
        var tmp = Files.createTempDirectory("hami-rss");
        var profile = Files.writeString(tmp.resolve("v100x2.json"), NvmlProfile.load(NvmlProfile.TWO_V100_TWO_NUMA_NODES).text());
        try (var cluster = new MockCluster("rss-node"); var kubelet = FakeKubelet.start(Files.createDirectories(tmp.resolve("dp")))) {
            var command = new ArrayList<>(List.of("device-plugin", "--node-name", "rss-node",
                    "--device-plugin-dir", kubelet.dir().toString(), "--hook-path", tmp.resolve("hook").toString(),
                    "--vgpu-lock-dir", tmp.resolve("vgpulock").toString(), "--nvml-library", NvmlMock.current().library(),
                    "--health-address", "127.0.0.1:0"));
            if ("node-agent".equals(System.getProperty("hami.rss.command"))) {
                command.set(0, "node-agent");
                Files.createDirectories(tmp.resolve("hook/vgpu/containers"));
                int port;
                try (var free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                    port = free.getLocalPort();
                }
                command.addAll(List.of("--monitor", "--node-name", "rss-node",
                        "--hook-path", tmp.resolve("hook/vgpu").toString(), "--metrics-bind-address", "127.0.0.1:" + port,
                        "--nvml-library", NvmlMock.current().library(), "--mig-apply-lock", tmp.resolve("mig.lock").toString()));
            }
            var env = new HashMap<>(cluster.inClusterEnvironment(tmp));
            env.put("NVML_MOCK_PROFILE", profile.toString());
            var daemon = DaemonProcess.start(jar, jvmFlags, command, env, tmp.resolve("daemon.log"));
            try {
                // A loaded machine starts the daemon's JVM slowly: five minutes, as the scheduler's harness allows.
                kubelet.awaitRegistrations(1, Duration.ofMinutes(5));
                kubelet.awaitDevices(r -> r.getDevicesCount() > 0, Duration.ofMinutes(1));
                awaitRegisterAnnotation(cluster, Duration.ofMinutes(1));
                System.out.printf("hami %s (%s) registered; idling %d s%n", command.getFirst(), String.join(" ", jvmFlags), idle);
                Thread.sleep(Duration.ofSeconds(idle)); // the point of the measurement: nothing happens
                daemon.printMemory();
                if (jvmFlags.stream().anyMatch(f -> f.startsWith("-XX:NativeMemoryTracking="))) {
                    daemon.printNativeMemory();
                }
            } finally {
                daemon.stop();
                System.out.printf("  plugin socket removed: %s%n", !Files.exists(kubelet.dir().resolve("hami-nvidia.sock")));
            }
        }
    }
}
