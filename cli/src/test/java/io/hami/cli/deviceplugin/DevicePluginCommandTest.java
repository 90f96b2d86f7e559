package io.hami.cli.deviceplugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.hami.cli.CliRun;
import io.hami.cli.HamiCommand;
import io.hami.testfixtures.kube.Kubeconfigs;
import io.hami.testfixtures.kubelet.FakeKubelet;
import io.hami.testfixtures.nvml.NvmlMock;
import io.hami.testfixtures.nvml.NvmlProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hami device-plugin} in-process: its configuration errors, and a run against the fakes until it is stopped. */
@EnableKubernetesMockClient(crud = true)
class DevicePluginCommandTest {
    KubernetesClient client;

    @TempDir
    Path tmp;

    @Test
    void aMissingNodeNameIsOneLineAndExitCodeTwo() {
        var run = CliRun.run("", "device-plugin", "--node-name", "", "--health-address", "none");
        assertThat(run.exitCode()).isEqualTo(HamiCommand.EXIT_INVALID_INPUT);
        assertThat(run.err().strip()).isEqualTo("hami device-plugin: node name must be a DNS subdomain "
                + "(set --node-name or NODE_NAME): \"\"");
    }

    @Test
    void aNodeNameThatIsAPathIsOneLineAndExitCodeTwo() {
        var run = CliRun.run("", "device-plugin", "--node-name", "../../etc", "--health-address", "none");
        assertThat(run.exitCode()).isEqualTo(HamiCommand.EXIT_INVALID_INPUT);
        assertThat(run.err()).isEqualTo("hami device-plugin: node name must be a DNS subdomain "
                + "(set --node-name or NODE_NAME): \"../../etc\"\n");
    }

    @Test
    void aDeviceConfigFileThatCannotBeReadIsOneLineNamingTheFlagAndTheFile() throws Exception {
        var missing = tmp.resolve("absent.yaml");
        var latin1 = Files.write(tmp.resolve("latin1.yaml"), "nvidia:\n  runtimeClassName: caf\u00e9\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        var large = tmp.resolve("large.yaml");
        try (var out = new java.io.RandomAccessFile(large.toFile(), "rw")) {
            out.setLength(50L << 20); // 50 MiB of one line
        }
        assertDeviceConfigRefused(missing, missing + ": no such file");
        assertDeviceConfigRefused(tmp, tmp + ": a directory, not a regular file");
        assertDeviceConfigRefused(latin1, latin1 + ": not valid UTF-8 (at byte 31)");
        assertDeviceConfigRefused(large, large + ": larger than 1048576 bytes (52428800)");
    }

    private static void assertDeviceConfigRefused(Path file, String problem) {
        var run = CliRun.run("", "device-plugin", "--node-name", "n", "--device-config-file", file.toString(),
                "--health-address", "none");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(HamiCommand.EXIT_INVALID_INPUT);
        assertThat(run.err()).isEqualTo("hami device-plugin: --device-config-file " + problem + "\n");
    }

    @Test
    void badFlagsAreUsageErrors() {
        assertThat(CliRun.run("", "device-plugin", "--node-name", "n", "--allocate-timeout", "soon").err())
                .contains("time: invalid duration \"soon\" (a Go duration such as 500ms, 30s or 1h30m)");
        // one grammar for every daemon: what the scheduler's --node-lock-wait takes, the plugin takes too
        assertThat(CliRun.run("", "device-plugin", "--node-name", "n", "--allocate-timeout", "-1s").err())
                .contains("the duration must be positive: -1s");
        var run = CliRun.run("", "device-plugin", "--node-name", "n", "--health-address", "localhost");
        assertThat(run.exitCode()).isEqualTo(HamiCommand.EXIT_INVALID_INPUT);
        assertThat(run.err()).contains("--health-address: expected host:port or none: localhost");
        assertThat(CliRun.run("", "device-plugin", "--node-name", "n", "--device-split-count", "0", "--health-address", "none").err())
                .contains("deviceSplitCount must lie in 1..1000: 0");
    }

    @Test
    void flagsWinOverTheDeviceConfigFile() throws Exception {
        var file = Files.writeString(tmp.resolve("device-config.yaml"),
                "nvidia:\n  resourceCountName: hami.io/gpu\n  deviceSplitCount: 5\n  deviceMemoryScaling: 2\n");
        var command = new DevicePluginCommand();
        new picocli.CommandLine(command).parseArgs("--node-name", "n", "--device-config-file", file.toString(),
                "--device-split-count", "7", "--health-address", ":9440");
        var settings = PluginSettings.from(command);
        assertThat(settings.config().sharing().splitCount()).isEqualTo(7);
        assertThat(settings.config().sharing().memoryScaling()).isEqualTo(2.0);
        assertThat(settings.nvidia().hamiCore().oversubscribe()).isTrue();
        assertThat(settings.vendor().resources().count()).isEqualTo("hami.io/gpu");
        assertThat(settings.config().healthAddress()).hasValueSatisfying(a -> assertThat(a.getPort()).isEqualTo(9440));
    }

    @Test
    void runsAgainstKubeletAndTheApiServerUntilStopped() throws Exception {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("n1").endMetadata().build()).create();
        NvmlMock.current().useProfile(NvmlProfile.TWO_V100_TWO_NUMA_NODES);
        var kubeconfig = Kubeconfigs.write(tmp, client.getMasterUrl().toString(), "secret");
        var dir = Files.createDirectories(tmp.resolve("dp"));
        try (var kubelet = FakeKubelet.start(dir); var plugin = RunningPlugin.start(
                    "--node-name", "n1", "--kubeconfig", kubeconfig.toString(),
                    "--device-plugin-dir", dir.toString(), "--hook-path", tmp.resolve("hook").toString(),
                    "--vgpu-lock-dir", tmp.resolve("lock").toString(), "--nvml-library", NvmlMock.current().library(),
                    "--device-split-count", "3", "--health-address", "127.0.0.1:0")) {

            assertThat(kubelet.awaitRegistrations(1, Duration.ofSeconds(20)).getResourceName()).isEqualTo("nvidia.com/gpu");
            assertThat(kubelet.awaitDevices(r -> r.getDevicesCount() == 6, Duration.ofSeconds(10)).getDevices(5).getID())
                    .endsWith("-2");
            assertThat(Files.readString(tmp.resolve("hook/vgpu/ld.so.preload"))).isEqualTo(tmp.resolve("hook/vgpu/libvgpu.so") + "\n");

            assertThat(plugin.stop()).as(plugin.err()).isZero();
            assertThat(plugin.command.running()).isNull();
            assertThat(dir.resolve("hami-nvidia.sock")).doesNotExist();
        }
    }

    @Test
    void theNodesEntryOfTheNodeConfigurationWinsOverTheFlags() throws Exception {
        var nodeConfig = Files.writeString(tmp.resolve("config.json"), """
                {"nodeconfig": [{"name": "n", "devicesplitcount": 4, "devicememoryscaling": 2, "operatingmode": "mps",
                  "filterdevices": {"uuid": ["GPU-x"], "index": [1]}, "enablegetpreferredallocation": true},
                 {"name": "other", "devicesplitcount": 9}]}""");
        var command = new DevicePluginCommand();
        new picocli.CommandLine(command).parseArgs("--node-name", "n", "--node-config-file", nodeConfig.toString(),
                "--device-split-count", "7", "--exclude-devices", "0", "--health-address", "none");
        var settings = PluginSettings.from(command);
        assertThat(settings.config().sharing().splitCount()).isEqualTo(4);
        assertThat(settings.config().sharing().memoryScaling()).isEqualTo(2.0);
        assertThat(settings.config().sharing().mode()).isEqualTo("mps");
        assertThat(settings.config().filter().uuids()).containsExactly("GPU-x");
        assertThat(settings.config().filter().indexes()).containsExactlyInAnyOrder(0, 1);
        assertThat(settings.config().preferredAllocation()).isTrue();
        assertThat(PluginSettings.from(command)).as("unchanged files read again: nothing to restart").isEqualTo(settings);
    }

    @Test
    void aNodeConfigurationAskingForMigWithAStaticStrategyOrOfTheWrongTypeIsOneLineAndExitCodeTwo() throws Exception {
        var mig = Files.writeString(tmp.resolve("mig.json"), "{\"nodeconfig\": [{\"name\": \"n\", \"operatingmode\": "
                + "\"mig\", \"migstrategy\": \"mixed\"}]}");
        var run = CliRun.run("", "device-plugin", "--node-name", "n", "--node-config-file", mig.toString(),
                "--health-address", "none");
        assertThat(run.exitCode()).isEqualTo(HamiCommand.EXIT_INVALID_INPUT);
        assertThat(run.err()).isEqualTo("hami device-plugin: mode mig (dynamic MIG) and mig-strategy mixed both claim "
                + "the GPUs in MIG mode; use one of them\n");
        var typo = Files.writeString(tmp.resolve("typo.json"), "{\"nodeconfig\": [{\"name\": \"n\", \"devicesplitcount\": true}]}");
        run = CliRun.run("", "device-plugin", "--node-name", "n", "--node-config-file", typo.toString(),
                "--health-address", "none");
        assertThat(run.exitCode()).isEqualTo(HamiCommand.EXIT_INVALID_INPUT);
        assertThat(run.err()).isEqualTo("hami device-plugin: --node-config-file " + typo + ": node-config: "
                + "nodeconfig[0].devicesplitcount: not a whole number from 0 to 2147483647: \"true\"\n");
    }

    @Test
    void aNodeConfiguredForDynamicMigRunsInModeMig() throws Exception {
        var mig = Files.writeString(tmp.resolve("mig.json"), "{\"nodeconfig\": [{\"name\": \"n\", \"operatingmode\": \"mig\"}]}");
        var command = new DevicePluginCommand();
        new picocli.CommandLine(command).parseArgs("--node-name", "n", "--node-config-file", mig.toString(),
                "--health-address", "none");
        assertThat(PluginSettings.from(command).config().sharing().mode()).isEqualTo("mig");
    }

    @Test
    void dynamicMigReadsTheCapabilityFilesAndWritesTheApplyLockWhereTheFlagsSay() throws Exception {
        var command = new DevicePluginCommand();
        new picocli.CommandLine(command).parseArgs("--node-name", "n", "--mode", "mig", "--health-address", "none",
                "--proc-root", tmp.resolve("proc").toString(), "--mig-apply-lock", tmp.resolve("mig.lock").toString());
        var nvidia = PluginSettings.from(command).nvidia();
        assertThat(nvidia.procRoot()).isEqualTo(tmp.resolve("proc"));
        assertThat(nvidia.migApplyLock()).isEqualTo(tmp.resolve("mig.lock"));

        var defaults = new DevicePluginCommand();
        new picocli.CommandLine(defaults).parseArgs("--node-name", "n", "--health-address", "none");
        assertThat(PluginSettings.from(defaults).nvidia().procRoot()).isEqualTo(Path.of("/proc"));
        assertThat(PluginSettings.from(defaults).nvidia().migApplyLock())
                .isEqualTo(Path.of(io.hami.model.protocol.HamiCoreView.MIG_APPLY_LOCK));
    }

    @Test
    void aChangedNodeEntryIsAppliedWhileTheCommandRuns() throws Exception {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("n1").endMetadata().build()).create();
        NvmlMock.current().useProfile(NvmlProfile.TWO_V100_TWO_NUMA_NODES);
        var kubeconfig = Kubeconfigs.write(tmp, client.getMasterUrl().toString(), "secret");
        var nodeConfig = tmp.resolve("config.json");
        writeAtomically(nodeConfig, "{\"nodeconfig\": [{\"name\": \"n1\", \"devicesplitcount\": 2}]}");
        var dir = Files.createDirectories(tmp.resolve("dp"));
        try (var kubelet = FakeKubelet.start(dir); var plugin = RunningPlugin.start(
                    "--node-name", "n1", "--kubeconfig", kubeconfig.toString(),
                    "--device-plugin-dir", dir.toString(), "--hook-path", tmp.resolve("hook").toString(),
                    "--vgpu-lock-dir", tmp.resolve("lock").toString(), "--nvml-library", NvmlMock.current().library(),
                    "--device-split-count", "3", "--node-config-file", nodeConfig.toString(), "--config-poll", "50ms",
                    "--health-address", "127.0.0.1:0")) {
            var command = plugin.command;

            assertThat(kubelet.awaitDevices(r -> r.getDevicesCount() == 4, Duration.ofSeconds(20)).getDevicesCount())
                    .as("two GPUs, two slots each: the node's entry, not the flag's 3").isEqualTo(4);
            var first = command.running();

            writeAtomically(nodeConfig, "{\"nodeconfig\": [{\"name\": \"n1\", \"devicesplitcount\": 5}]}");
            assertThat(kubelet.awaitDevices(r -> r.getDevicesCount() == 10, Duration.ofSeconds(20)).getDevicesCount())
                    .isEqualTo(10);
            assertThat(kubelet.registrations()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(command.running()).as("restarted in-process").isNotSameAs(first).isNotNull();

            assertThat(plugin.stop()).as(plugin.err()).isZero();
            assertThat(command.running()).isNull();
        }
    }

    private static void writeAtomically(java.nio.file.Path file, String text) throws Exception {
        var next = Files.writeString(file.resolveSibling(file.getFileName() + ".next"), text);
        Files.move(next, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
