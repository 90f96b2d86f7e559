package io.hami.cli.deviceplugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.hami.bindings.discovery.DeviceVendor;
import io.hami.cli.CliRun;
import io.hami.cli.HamiCommand;
import io.hami.testfixtures.kube.Kubeconfigs;
import io.hami.testfixtures.kubelet.FakeKubelet;
import io.hami.testfixtures.mock.VendorMock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hami device-plugin --vendor}: its refusals, and a vendor's plugin run against the fakes until stopped. */
@EnableKubernetesMockClient(crud = true)
class VendorPluginCommandTest {
    KubernetesClient client;

    @TempDir
    Path tmp;

    @Test
    void anUnknownVendorIsOneLineNamingTheChoices() {
        var run = CliRun.run("", "device-plugin", "--node-name", "n", "--vendor", "enflame", "--health-address", "none");
        assertThat(run.exitCode()).isEqualTo(HamiCommand.EXIT_INVALID_INPUT);
        assertThat(run.err()).isEqualTo("hami device-plugin: --vendor must be one of nvidia, cambricon, ascend, hygon, "
                + "iluvatar, metax-gpu, metax-sgpu, mthreads: enflame\n");
    }

    @Test
    void hygonsDtkPathIsAFlagThatMustBeAbsolute() {
        var command = new DevicePluginCommand();
        new picocli.CommandLine(command).parseArgs("--vendor", "hygon", "--hygon-dtk-path", "/srv/dtk-24.04");
        assertThat(command.hygonDtkPath).isEqualTo(Path.of("/srv/dtk-24.04"));

        var run = CliRun.run("", "device-plugin", "--vendor", "hygon", "--node-name", "n", "--hygon-dtk-path", "dtk",
                "--health-address", "none");
        assertThat(run.exitCode()).isEqualTo(HamiCommand.EXIT_INVALID_INPUT);
        assertThat(run.err()).isEqualTo("hami device-plugin: --hygon-dtk-path (or HYGONPATH) must be an absolute path: dtk\n");
    }

    @Test
    void hygonsVdcuDirectoriesAreFlagsThatMustBeAbsolute() {
        var command = new DevicePluginCommand();
        new picocli.CommandLine(command).parseArgs("--vendor", "hygon", "--hygon-vdcu-dir", "/srv/node/vdcu",
                "--hygon-vdev-dir", "/srv/node/vdev");
        assertThat(command.hygonVdcuDir).isEqualTo(Path.of("/srv/node/vdcu"));
        assertThat(command.hygonVdevDir).isEqualTo(Path.of("/srv/node/vdev"));

        var run = CliRun.run("", "device-plugin", "--vendor", "hygon", "--node-name", "n", "--hygon-vdev-dir", "vdev",
                "--health-address", "none");
        assertThat(run.exitCode()).isEqualTo(HamiCommand.EXIT_INVALID_INPUT);
        assertThat(run.err()).isEqualTo("hami device-plugin: --hygon-vdev-dir must be an absolute path: vdev\n");
    }

    @Test
    void dynamicMigIsRefusedForAnotherVendorInOneLine() {
        var library = VendorMock.of(DeviceVendor.MTHREADS).library().useProfile(VendorMock.MACHINE).library();
        var run = CliRun.run("", "device-plugin", "--vendor", "mthreads", "--node-name", "n", "--library", library,
                "--mode", "mig", "--health-address", "none");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(HamiCommand.EXIT_INVALID_INPUT);
        assertThat(run.err()).isEqualTo("hami device-plugin: --mode mig (dynamic MIG) is NVIDIA's; mthreads shares its "
                + "devices as hami-core or mps\n");
    }

    @Test
    void aLibraryThatDoesNotOpenIsExitCodeThreeNamingIt() {
        var missing = tmp.resolve("libmtml.so").toString();
        var run = CliRun.run("", "device-plugin", "--node-name", "n", "--vendor", "mthreads", "--library", missing,
                "--health-address", "none");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(HamiCommand.EXIT_NATIVE_UNAVAILABLE);
        assertThat(run.err()).startsWith("hami device-plugin: ").contains(missing).doesNotContain("\tat ");
    }

    @Test
    void aCambriconNodeWithOnlyCnrtIsRefusedSinceNoCardNodeCouldBeHandedOut() {
        var library = VendorMock.CAMBRICON_CNRT.library().useProfile(VendorMock.MACHINE).library();
        var run = CliRun.run("", "device-plugin", "--node-name", "n", "--vendor", "cambricon", "--library", library,
                "--health-address", "none");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(HamiCommand.EXIT_INVALID_INPUT);
        assertThat(run.err()).isEqualTo("hami device-plugin: Cambricon's device plugin needs CNDEV (libcndev.so): CNRT "
                + "does not say which /dev/cambricon_dev<n> belongs to which card, so no container could be given its own\n");
    }

    @Test
    void anAscendNodeWhoseChipsNoVnpusEntryNamesIsOneLine() throws Exception {
        var library = VendorMock.ASCEND.library().useProfile(VendorMock.MACHINE).library();
        var config = Files.writeString(tmp.resolve("device-config.yaml"), """
                vnpus:
                  - chipName: 910B4
                    commonWord: Ascend910B4
                    resourceName: huawei.com/Ascend910B4
                    resourceMemoryName: huawei.com/Ascend910B4-memory
                    memoryAllocatable: 32768
                    memoryCapacity: 32768
                    aiCore: 20
                    templates:
                      - name: vir05_1c_8g
                        memory: 8192
                        aiCore: 5
                """);
        var run = CliRun.run("", "device-plugin", "--node-name", "n", "--vendor", "ascend", "--library", library,
                "--device-config-file", config.toString(), "--hook-path", tmp.resolve("vnpu").toString(),
                "--health-address", "none");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(HamiCommand.EXIT_INVALID_INPUT);
        assertThat(run.err()).isEqualTo("hami device-plugin: Ascend: the chips report [Ascend910B3]; the vnpus section "
                + "configures [910B4]: a node must hold chips of exactly one configured chipName\n");
    }

    @Test
    void aMooreThreadsNodeRunsAgainstKubeletAndTheApiServerUntilStopped() throws Exception {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("n1").endMetadata().build()).create();
        var library = VendorMock.of(DeviceVendor.MTHREADS).library().useProfile(VendorMock.MACHINE).library();
        var kubeconfig = Kubeconfigs.write(tmp, client.getMasterUrl().toString(), "secret");
        var dir = Files.createDirectories(tmp.resolve("dp"));
        try (var kubelet = FakeKubelet.start(dir); var plugin = RunningPlugin.start(
                    "--vendor", "mthreads", "--node-name", "n1",
                    "--kubeconfig", kubeconfig.toString(), "--device-plugin-dir", dir.toString(), "--library", library,
                    "--device-split-count", "5", "--health-address", "127.0.0.1:0")) {

            kubelet.awaitRegistrations(3, Duration.ofSeconds(20));
            assertThat(kubelet.registrations()).extracting(r -> r.getResourceName())
                    .containsExactlyInAnyOrder("mthreads.com/vgpu", "mthreads.com/sgpu-core", "mthreads.com/sgpu-memory");
            assertThat(kubelet.awaitDevices("mthreads.com/vgpu", r -> r.getDevicesCount() == 20, Duration.ofSeconds(10))
                    .getDevicesCount()).isEqualTo(20);

            assertThat(plugin.stop()).as(plugin.err()).isZero();
            assertThat(dir.resolve("hami-mthreads.sock")).doesNotExist();
            assertThat(dir.resolve("hami-mthreads-cores.sock")).doesNotExist();
        }
    }
}
