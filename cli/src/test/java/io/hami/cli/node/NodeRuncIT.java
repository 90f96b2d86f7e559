package io.hami.cli.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hami.model.device.ContainerDevice;
import io.hami.model.device.ContainerDevices;
import io.hami.model.device.PodDevices;
import io.hami.model.annotation.PodDevicesCodec;
import io.hami.model.protocol.BindPhase;
import io.hami.model.protocol.HamiAnnotations;
import io.hami.model.vendor.CapacityIds;
import io.hami.model.vendor.Vendor;
import io.hami.model.vendor.Vendors;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.hami.testfixtures.mock.VendorMock;
import java.util.Map;
import io.hami.testfixtures.kube.ScheduledPods;
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
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hami node --containers runc} in a JVM of its own: a GPU pod's container runs under real runc through the
 * runtime shim (this build's classes behind {@code hami-runtime} and {@code hami} wrappers), its process books half
 * its limit in the region the monitor reports, and deleting the pod stops and removes the container; another vendor's
 * container (Cambricon's, over its C mock) finds the device nodes its {@code Allocate} listed. Skipped without root,
 * runc or a static busybox.
 */
class NodeRuncIT {
    private static final Pattern READY = Pattern.compile("READY \\{\"node\":\"node-r\",\"metrics\":\"(http://127\\.0\\.0\\.1:\\d+/metrics)\"}");
    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    final NodeApiServer api = new NodeApiServer();

    @TempDir
    Path tmp;

    @Test
    void runsAGpuContainerUnderRuncThroughTheShim() throws Exception {
        assumeTrue(OciBundles.runcUsable(), "runc, busybox and root are needed");
        var bin = Files.createDirectories(tmp.resolve("bin"));
        NodeJvm.wrapper(bin.resolve("hami"), "");
        var shim = NodeJvm.wrapper(bin.resolve("hami-runtime"), "runtime ");
        var dir = tmp.resolve("n");
        var process = NodeJvm.start(tmp, api.url(), "node-r", dir,
                List.of("--containers", "runc", "--runtime-shim", shim.toString()));
        try {
            var line = NodeJvm.readyLine(process, tmp, Duration.ofSeconds(90));
            var ready = READY.matcher(String.valueOf(line));
            assertThat(ready.matches()).as(line + "\n" + err()).isTrue();

            var gpu = "GPU-v1000000-2b3c-4d5e-8f90-a1b2c3d4e5f6";
            var pod = ScheduledPods.bind(api.client(), "node-r", "ml", "trainer", List.of(),
                    List.of(ScheduledPods.gpuContainer("cuda", 1), ScheduledPods.gpuContainer("sidecar", 0)),
                    PodDevices.of(ContainerDevices.of(new ContainerDevice(gpu, "NVIDIA", 4000, 50)), ContainerDevices.NONE));
            var id = pod.getMetadata().getUid() + "_cuda";
            var sidecar = pod.getMetadata().getUid() + "_sidecar";
            Eventually.within(WAIT, () -> assertThat(api.client().pods().inNamespace("ml").withName("trainer").get().getStatus().getPhase())
                    .as(err()).isEqualTo("Running"));
            assertThat(runcList(dir)).contains(id).contains(sidecar).contains("running");
            // the shim gave the container its GPU's device node
            assertThat(Files.readString(dir.resolve("bundles").resolve(id).resolve("config.json"))).contains("\"/dev/nvidia0\"");
            try (var http = HttpClient.newHttpClient()) {
                var request = HttpRequest.newBuilder(URI.create(ready.group(1))).timeout(Duration.ofSeconds(10)).build();
                Eventually.within(WAIT, () -> assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).body())
                        .contains("hami_vgpu_memory_used_bytes{container=\"cuda\",device_uuid=\"" + gpu
                                + "\",namespace=\"ml\",pod=\"trainer\",vdevice_index=\"0\",zone=\"vGPU\"} 2.097152E9"));
            }

            api.client().pods().inNamespace("ml").withName("trainer").delete();
            Eventually.within(WAIT, () -> {
                assertThat(runcList(dir)).doesNotContain(id).doesNotContain(sidecar);
                assertThat(dir.resolve("bundles").resolve(id)).doesNotExist();
                assertThat(dir.resolve("hook/vgpu/containers").resolve(id)).doesNotExist();
            });

            process.getOutputStream().close();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(err()).isTrue();
            assertThat(process.exitValue()).as(err()).isZero();
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void runsAnotherVendorsContainerUnderRuncWithTheDeviceNodesItsAllocateListed() throws Exception {
        assumeTrue(OciBundles.runcUsable(), "runc, busybox and root are needed");
        var bin = Files.createDirectories(tmp.resolve("bin"));
        NodeJvm.wrapper(bin.resolve("hami"), "");
        var shim = NodeJvm.wrapper(bin.resolve("hami-runtime"), "runtime ");
        var dir = tmp.resolve("n");
        var mock = VendorMock.CAMBRICON;
        var profile = Files.writeString(tmp.resolve("cndev.json"), mock.profile(VendorMock.MACHINE).text());
        var process = NodeJvm.start(tmp, api.url(), "node-r", dir, List.of("--vendor", "cambricon",
                "--library", mock.library().library(), "--containers", "runc", "--runtime-shim", shim.toString()),
                Map.of(mock.environment(), profile.toString()));
        try {
            var line = NodeJvm.readyLine(process, tmp, Duration.ofSeconds(90));
            assertThat(READY.matcher(String.valueOf(line)).matches()).as(line + "\n" + err()).isTrue();

            var uid = bindCambricon("node-r", "infer", 1).getMetadata().getUid();
            var id = uid + "_main";
            Eventually.within(WAIT, () -> assertThat(api.client().pods().inNamespace("ml").withName("infer").get().getStatus().getPhase())
                    .as(err()).isEqualTo("Running"));
            assertThat(runcList(dir)).contains(id).contains("running");
            // in the container: the card's own nodes and the control node, each over a stand-in node of the host
            var bundle = dir.resolve("bundles").resolve(id);
            assertThat(Files.readString(bundle.resolve("config.json"))).contains("\"/dev/cambricon_dev1\"", "\"/dev/commu1\"",
                    "\"/dev/cambricon_ctl\"").doesNotContain("\"/dev/cambricon_dev0\"");
            assertThat(Files.readString(bundle.resolve("container.log"))).contains("running: device nodes present");
            assertThat(dir.resolve("dev/cambricon_dev1")).exists();

            api.client().pods().inNamespace("ml").withName("infer").delete();
            Eventually.within(WAIT, () -> {
                assertThat(runcList(dir)).doesNotContain(id);
                assertThat(bundle).doesNotExist();
            });
            process.getOutputStream().close();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(err()).isTrue();
        } finally {
            process.destroyForcibly();
        }
    }

    /** A Cambricon pod bound to {@code node} as the scheduler leaves it, its one container on card {@code card}. */
    private io.fabric8.kubernetes.api.model.Pod bindCambricon(String node, String name, int card) {
        var type = Vendors.defaults().byId("cambricon").orElseThrow();
        var devices = PodDevicesCodec.INSTANCE.encode(PodDevices.of(ContainerDevices.of(new ContainerDevice(
                CapacityIds.id(node, Vendor.CAMBRICON, card), type.commonWord(), 4096, 10))));
        var pod = new PodBuilder().withNewMetadata().withNamespace("ml").withName(name).addToLabels(HamiAnnotations.VGPU_NODE, node)
                .withAnnotations(Map.of(HamiAnnotations.VGPU_NODE, node, HamiAnnotations.BIND_PHASE, BindPhase.ALLOCATING.wire(),
                        HamiAnnotations.BIND_TIME, Long.toString(System.currentTimeMillis() / 1000),
                        type.annotations().devicesToAllocate(), devices, type.annotations().devicesAllocated(), devices))
                .endMetadata().withNewSpec().withNodeName(node).addNewContainer().withName("main").withImage("busybox")
                .withNewResources().addToLimits(type.resources().count(), new Quantity("1")).endResources().endContainer()
                .endSpec().withNewStatus().withPhase("Pending").endStatus().build();
        return api.client().pods().inNamespace("ml").resource(pod).create();
    }

    private static String runcList(Path dir) throws Exception {
        var p = new ProcessBuilder("runc", "--root", dir.resolve("runc").toString(), "list").redirectErrorStream(true).start();
        var text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return text;
    }

    private String err() throws java.io.IOException {
        return NodeJvm.err(tmp);
    }
}
