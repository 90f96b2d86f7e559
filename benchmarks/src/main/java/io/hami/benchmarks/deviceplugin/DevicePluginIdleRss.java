package io.hami.benchmarks.deviceplugin;

import io.hami.benchmarks.cluster.MockCluster;
import io.hami.testfixtures.kubelet.FakeKubelet;
import io.hami.testfixtures.nvml.NvmlMock;
import io.hami.testfixtures.nvml.NvmlProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The resident memory of an idle {@code hami device-plugin}: the daemon runs in a process of its own, as on a
 * node (here {@code java -Xmx64m -jar hami-cli.jar device-plugin}), registered with a fake kubelet served by
 * this harness, its node annotation written to the fabric8 mock API server in this harness, its GPUs from the
 * C mock NVML. After it registered, the harness waits {@code idle} seconds and reads {@code VmRSS} and
 * {@code VmHWM} from {@code /proc/<pid>/status}; then it stops the daemon with SIGTERM (exit code 143, after the
 * shutdown hook stopped the plugin) and checks that the plugin's socket is gone.
 *
 * <p>Run from the repository root (see {@code scripts/device-plugin-rss.sh}):
 * {@code java --enable-native-access=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar
 * io.hami.benchmarks.deviceplugin.DevicePluginIdleRss cli/target/hami-cli.jar [idle seconds] [JVM flags...]};
 * with {@code -XX:NativeMemoryTracking=summary} among the flags it also prints the JVM's own account.
 */
public final class DevicePluginIdleRss {
    private static final Pattern KIB = Pattern.compile("(?m)^(VmHWM|VmRSS|RssAnon|RssFile):\\s+(\\d+) kB$");

    private DevicePluginIdleRss() {
    }

    public static void main(String[] args) throws Exception {
        var jar = Path.of(args.length > 0 ? args[0] : "cli/target/hami-cli.jar").toAbsolutePath();
        int idle = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        var jvmFlags = args.length > 2 ? List.of(args).subList(2, args.length) : List.of("-Xmx64m", "-XX:+UseSerialGC");
        MockCluster.defaultNativeDir();
        var tmp = Files.createTempDirectory("hami-rss");
        var profile = Files.writeString(tmp.resolve("v100x2.json"), NvmlProfile.load(NvmlProfile.TWO_V100_TWO_NUMA_NODES).text());
        try (var cluster = new MockCluster("rss-node"); var kubelet = FakeKubelet.start(Files.createDirectories(tmp.resolve("dp")))) {
            var command = new ArrayList<String>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmFlags);
            command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-jar", jar.toString(), "device-plugin",
                    "--node-name", "rss-node", "--kubeconfig", cluster.kubeconfig(tmp).toString(),
                    "--device-plugin-dir", kubelet.dir().toString(), "--hook-path", tmp.resolve("hook").toString(),
                    "--vgpu-lock-dir", tmp.resolve("vgpulock").toString(), "--nvml-library", NvmlMock.current().library(),
                    "--health-address", "127.0.0.1:0"));
            var pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(tmp.resolve("daemon.log").toFile());
            pb.environment().put("NVML_MOCK_PROFILE", profile.toString());
            pb.environment().put("HAMI_LOG_LEVEL", "WARN");
            var daemon = pb.start();
            try {
                kubelet.awaitRegistrations(1, Duration.ofSeconds(60));
                kubelet.awaitDevices(r -> r.getDevicesCount() > 0, Duration.ofSeconds(10));
                System.out.printf("hami device-plugin (%s) registered; idling %d s%n", String.join(" ", jvmFlags), idle);
                Thread.sleep(Duration.ofSeconds(idle)); // the point of the measurement: nothing happens
                var status = Files.readString(Path.of("/proc", Long.toString(daemon.pid()), "status"));
                var m = KIB.matcher(status);
                while (m.find()) {
                    System.out.printf("  %s %7.1f MiB%n", m.group(1), Long.parseLong(m.group(2)) / 1024.0);
                }
                if (jvmFlags.stream().anyMatch(f -> f.startsWith("-XX:NativeMemoryTracking="))) {
                    nativeMemory(daemon.pid());
                }
            } finally {
                daemon.destroy();
                if (!daemon.waitFor(30, TimeUnit.SECONDS)) {
                    daemon.destroyForcibly();
                }
                var socketGone = !Files.exists(kubelet.dir().resolve("hami-nvidia.sock"));
                System.out.printf("  after SIGTERM: exit code %d, plugin socket removed: %s%n", daemon.exitValue(), socketGone);
                if (daemon.exitValue() != 143 || !socketGone) {
                    System.out.print(readQuietly(tmp.resolve("daemon.log")));
                }
            }
        }
    }

    /** With native memory tracking on, what the JVM says it holds, by category. */
    private static void nativeMemory(long pid) throws IOException, InterruptedException {
        var jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        var p = new ProcessBuilder(jcmd, Long.toString(pid), "VM.native_memory", "summary").redirectErrorStream(true).start();
        System.out.print(new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        p.waitFor(30, TimeUnit.SECONDS);
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
