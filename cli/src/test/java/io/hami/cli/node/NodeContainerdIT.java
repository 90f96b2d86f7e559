package io.hami.cli.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hami.cli.CliRun;
import io.hami.demo.containerd.DemoContainerd;
import io.hami.demo.containerd.PrivateContainerd;
import io.hami.demo.node.NativeTools;
import io.hami.demo.node.RuncRuntime;
import io.hami.kubelet.cri.CriClient;
import io.hami.kubelet.cri.CriException;
import io.hami.kubelet.cri.CriPods;
import io.hami.kubelet.cri.v1.Container;
import io.hami.kubelet.v1beta1.ContainerAllocateResponse;
import io.hami.model.device.ContainerDevice;
import io.hami.model.device.ContainerDevices;
import io.hami.model.device.PodDevices;
import io.hami.testfixtures.kube.ScheduledPods;
import io.hami.testfixtures.nvml.NvmlProfile;
import io.hami.testfixtures.oci.OciBundles;
import io.hami.testfixtures.wait.Eventually;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node on a real container runtime: Debian's containerd (1.6 in CI), started with its own root, state, socket and
 * config under the test's directory, gets our runtime from {@code hami install runtime} (restarted by its own script),
 * imports a busybox image that {@code scripts/build-image.sh --busybox} makes ({@link DemoContainerd#buildImage}; no
 * registry), and runs a GPU pod that
 * {@code hami node --containers containerd} starts through CRI with its device plugin's {@code Allocate} answer, over the
 * mock NVML and device nodes made with mknod. What the container sees is printed (the test report keeps it). Then
 * {@code hami uninstall runtime} gives the config back byte for byte and the restarted containerd runs a plain pod with
 * runc; and the faults: no sandbox image, containerd gone in the middle of a pod, a config containerd refuses to load.
 * Skipped without root, containerd, runc, a static busybox or the static region writer.
 */
class NodeContainerdIT {
    private static final Pattern READY = Pattern.compile("READY \\{\"node\":\"node-c\",\"metrics\":\"(http://127\\.0\\.0\\.1:\\d+/metrics)\"}");
    private static final String GPU = "GPU-v1000000-2b3c-4d5e-8f90-a1b2c3d4e5f6";
    private static final Duration WAIT = Duration.ofSeconds(90);

    @RegisterExtension
    final NodeApiServer api = new NodeApiServer();

    @TempDir
    Path tmp;

    @Test
    void aGpuPodRunsThroughContainerdWithTheInstalledRuntimeAndUninstallGivesTheConfigBack() throws Exception {
        assumeTrue(PrivateContainerd.unusable().isEmpty(), () -> "containerd: " + PrivateContainerd.unusable().orElseThrow());
        assumeTrue(OciBundles.runcUsable(), "runc, a static busybox and root are needed");
        var regionWriter = NativeTools.find(RuncRuntime.STATIC_REGION_WRITER);
        assumeTrue(regionWriter.isPresent(), "the static region writer (test-fixtures) is needed");

        // the image: busybox and the static region writer, as an OCI archive of our image builder
        var built = DemoContainerd.buildImage(checkout(), regionWriter.get(), tmp.resolve("image"));
        var archive = built.archive();
        var image = built.reference();

        var nodeDir = tmp.resolve("n");
        var profile = Files.writeString(tmp.resolve("profile.json"), NvmlProfile.load(NvmlProfile.TWO_V100_TWO_NUMA_NODES).text());
        var containerd = PrivateContainerd.create(tmp.resolve("ctd"), image, Map.of(
                "HAMI_RUNTIME_CONFIG", nodeDir.resolve("runtime.conf").toString(), "NVML_MOCK_PROFILE", profile.toString()));
        Process node = null;
        try (containerd) {
            containerd.start();
            var original = Files.readAllBytes(containerd.config());

            // hami install runtime: this build's launchers as the tree, containerd restarted by its own script
            var tree = Files.createDirectories(tmp.resolve("tree/bin"));
            NodeJvm.wrapper(tree.resolve("hami"), "");
            NodeJvm.wrapper(tree.resolve("hami-runtime"), "runtime ");
            var prefix = Files.createDirectories(tmp.resolve("usr")).resolve("hami-java");
            var install = CliRun.run("", "install", "runtime", "--prefix", prefix.toString(), "--containerd-config",
                    containerd.config().toString(), "--source", tree.getParent().toString(), "--restart", "command",
                    "--restart-command", containerd.restartCommand().toString());
            assertThat(install.exitCode()).as(install.err()).isZero();
            assertThat(install.out()).contains("runtime \"hami\" added", "containerd restarted");
            containerd.awaitCri();

            try (var cri = CriClient.connect(containerd.socket(), Duration.ofSeconds(120))) {
                assertThat(cri.version().getRuntimeName()).isEqualTo("containerd");
                System.out.println("containerd: " + cri.version().getRuntimeVersion() + " (CRI " + cri.version().getRuntimeApiVersion() + ")");

                // no sandbox image yet: one error, nothing left
                var early = CriPods.sandbox("ml", "early", "00000000-0000-4000-8000-000000000001", tmp.resolve("logs"));
                assertThatThrownBy(() -> cri.runPodSandbox(early, "hami")).isInstanceOf(CriException.class)
                        .hasMessageStartingWith("RunPodSandbox (pod ml/early, runtime handler \"hami\"): the runtime at "
                                + containerd.socket() + " answered ").hasMessageContaining(image);
                assertThat(cri.listPodSandboxes()).isEmpty();

                containerd.importImages(archive, DemoContainerd.IMAGE_BASE);
                assertThat(cri.image(image)).isPresent();

                // the node: device plugin, monitor and kubelet stand-in, its pods through containerd's CRI
                node = NodeJvm.start(tmp, api.url(), "node-c", nodeDir, List.of("--containers", "containerd",
                        "--containerd-socket", containerd.socket().toString(), "--container-image", image,
                        "--runtime-shim", prefix.resolve("bin/hami-runtime").toString()));
                var ready = READY.matcher(String.valueOf(NodeJvm.readyLine(node, tmp, Duration.ofSeconds(90))));
                assertThat(ready.matches()).as(NodeJvm.err(tmp)).isTrue();
                var pod = ScheduledPods.bind(api.client(), "node-c", "ml", "trainer", List.of(), List.of(ScheduledPods.gpuContainer("cuda", 1)),
                        PodDevices.of(ContainerDevices.of(new ContainerDevice(GPU, "NVIDIA", 4000, 50))));
                var uid = pod.getMetadata().getUid();
                Eventually.within(WAIT, () -> assertThat(api.client().pods().inNamespace("ml").withName("trainer").get().getStatus()
                        .getPhase()).as(NodeJvm.err(tmp)).isEqualTo("Running"));

                var container = container(cri, uid, "cuda");
                assertThat(cri.listPodSandboxes()).singleElement().satisfies(s -> assertThat(s.getRuntimeHandler()).isEqualTo("hami"));
                var view = exec(cri, container.getId(), "echo '--- /dev'; ls -l /dev; echo '--- env'; env | sort; "
                        + "echo '--- mounts'; cat /proc/mounts; echo '--- /etc/ld.so.preload'; cat /etc/ld.so.preload");
                System.out.println("The container's view (pod ml/trainer, container cuda, " + container.getId() + "):\n" + view);
                var gpuNodes = view.lines().filter(l -> l.matches("c.*\\snvidia[0-9]+$")).toList();
                assertThat(gpuNodes).as(view).singleElement().satisfies(l -> assertThat(l).matches("c.*\\s195,\\s+0\\s.*nvidia0$"));
                assertThat(view).contains("CUDA_DEVICE_MEMORY_LIMIT_0=4000m", "CUDA_DEVICE_SM_LIMIT=50", "NVIDIA_VISIBLE_DEVICES=" + GPU)
                        .containsPattern("CUDA_DEVICE_MEMORY_SHARED_CACHE=\\S+\\.cache")
                        .containsPattern("\\s/etc/ld\\.so\\.preload\\s").containsPattern("\\s\\S*/libvgpu\\.so\\s")
                        .containsPattern("(?m)^--- /etc/ld.so.preload\\n\\S*libvgpu\\.so$");
                try (var http = HttpClient.newHttpClient()) {
                    var request = HttpRequest.newBuilder(URI.create(ready.group(1))).timeout(Duration.ofSeconds(10)).build();
                    Eventually.within(WAIT, () -> assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).body())
                            .contains("hami_vgpu_memory_used_bytes{container=\"cuda\",device_uuid=\"" + GPU
                                    + "\",namespace=\"ml\",pod=\"trainer\",vdevice_index=\"0\",zone=\"vGPU\"} 2.097152E9"));
                }

                // containerd gone in the middle of the pod: one clear error; back again, the pod is still there
                containerd.stop();
                assertThatThrownBy(() -> cri.execSync(container.getId(), List.of("true"), Duration.ofSeconds(10)))
                        .isInstanceOfSatisfying(CriException.class, e -> assertThat(e.unreachable()).isTrue())
                        .hasMessageStartingWith("ExecSync (container " + container.getId() + ", true): no CRI runtime answers at "
                                + containerd.socket());
                containerd.start();
                assertThat(exec(cri, container.getId(), "echo still here")).isEqualTo("still here\n");

                api.client().pods().inNamespace("ml").withName("trainer").delete();
                Eventually.within(WAIT, () -> {
                    assertThat(cri.listContainers()).isEmpty();
                    assertThat(cri.listPodSandboxes()).isEmpty();
                    assertThat(nodeDir.resolve("hook/vgpu/containers").resolve(uid + "_cuda")).doesNotExist();
                });
                node.getOutputStream().close();
                assertThat(node.waitFor(60, TimeUnit.SECONDS)).as(NodeJvm.err(tmp)).isTrue();
                assertThat(node.exitValue()).as(NodeJvm.err(tmp)).isZero();
            }

            // hami uninstall runtime: the config byte for byte, the runtime gone; a plain pod runs with runc
            var uninstall = CliRun.run("", "uninstall", "runtime", "--prefix", prefix.toString(), "--restart", "command",
                    "--restart-command", containerd.restartCommand().toString());
            assertThat(uninstall.exitCode()).as(uninstall.err()).isZero();
            assertThat(Files.readAllBytes(containerd.config())).isEqualTo(original);
            assertThat(prefix).doesNotExist();
            containerd.awaitCri();
            try (var cri = CriClient.connect(containerd.socket(), Duration.ofSeconds(60))) {
                var gone = CriPods.sandbox("ml", "gone", "00000000-0000-4000-8000-000000000002", tmp.resolve("logs"));
                assertThatThrownBy(() -> cri.runPodSandbox(gone, "hami")).hasMessageContaining("no runtime for \"hami\" is configured");
                var plain = CriPods.sandbox("ml", "plain", "00000000-0000-4000-8000-000000000003", tmp.resolve("logs"));
                var sandbox = cri.runPodSandbox(plain, "");
                var id = cri.createContainer(sandbox, CriPods.container(plain, "main", image, List.of("/bin/sleep", "2147483647"),
                        List.of("PATH=/bin"), ContainerAllocateResponse.getDefaultInstance()), plain);
                cri.startContainer(id);
                assertThat(exec(cri, id, "ls /dev | grep -c nvidia; echo plain")).isEqualTo("0\nplain\n");
                assertThat(cri.listPodSandboxes()).singleElement().satisfies(s -> assertThat(s.getRuntimeHandler()).isEmpty());
                cri.stopPodSandbox(sandbox);
                cri.removePodSandbox(sandbox);
                assertThat(cri.listContainers()).isEmpty();
            }

            // a config containerd refuses to load (an edit not yet loaded): the install is rolled back, byte for byte
            var broken = new String(original, StandardCharsets.UTF_8).replace("  stream_server_port = \"0\"\n",
                    "  stream_server_port = \"0\"\n  max_concurrent_downloads = \"three\"\n");
            Files.writeString(containerd.config(), broken);
            var refused = CliRun.run("", "install", "runtime", "--prefix", prefix.toString(), "--containerd-config",
                    containerd.config().toString(), "--source", tree.getParent().toString(), "--restart", "command",
                    "--restart-command", containerd.restartCommand().toString());
            assertThat(refused.exitCode()).isEqualTo(2);
            assertThat(refused.err().lines()).singleElement().asString().startsWith("hami install runtime: containerd did not restart "
                    + "with runtime \"hami\" added; rolled back (").contains("did not restart with the old config either");
            assertThat(containerd.logTail(1)).contains("Can't convert three(string) to int");
            assertThat(Files.readString(containerd.config())).isEqualTo(broken);
            assertThat(prefix).doesNotExist();
            assertThat(prefix.resolveSibling("hami-java.d")).doesNotExist();
            assertThat(containerd.running()).isFalse();
            Files.write(containerd.config(), original);
            containerd.start();
        } finally {
            if (node != null) {
                node.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        // close() left nothing: no shim, no runc container, no mount
        assertThat(containerd.running()).isFalse();
        assertThat(containerd.shims()).isEmpty();
        assertThat(containerd.runcContainers()).isEmpty();
        assertThat(PrivateContainerd.mountsBelow(tmp)).isEmpty();
    }

    /** The one container named {@code name} of the pod with UID {@code uid}. */
    private static Container container(CriClient cri, String uid, String name) throws CriException {
        return cri.listContainers().stream().filter(c -> uid.equals(c.getLabelsMap().get(CriPods.POD_UID_LABEL))
                && name.equals(c.getMetadata().getName())).findFirst().orElseThrow();
    }

    /** {@code sh -c script} in the container; its standard output, which must exit 0. */
    private static String exec(CriClient cri, String id, String script) throws CriException {
        var result = cri.execSync(id, List.of("/bin/sh", "-c", script), Duration.ofSeconds(30));
        assertThat(result.getExitCode()).as(result.getStderr().toStringUtf8()).isZero();
        return result.getStdout().toStringUtf8();
    }

    /** The checkout this test runs in (scripts/build-image.sh makes the image). */
    private static Path checkout() {
        for (var dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("scripts/build-image.sh"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no checkout with scripts/build-image.sh above " + Path.of("").toAbsolutePath());
    }
}
