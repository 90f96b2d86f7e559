package io.hami.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hami.model.json.CanonicalJson;
import io.hami.runtimehook.device.DeviceNode;
import io.hami.runtimehook.device.DeviceNodeLookup;
import io.hami.runtimehook.install.ContainerdConfigEditor;
import io.hami.testfixtures.kubelet.FakeKubelet;
import io.hami.testfixtures.nvml.NvmlMock;
import io.hami.testfixtures.nvml.NvmlProfile;
import io.hami.testfixtures.region.RegionWriterFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code hami doctor} on a node made of files under a host root: the mock NVML, a fake kubelet, a plugin socket,
 * HAMi-core's files and a region, then one fault at a time. No API access here ({@link DoctorApiTest} has it).
 */
class DoctorNodeTest {

    static final String POD_UID = "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6";

    /** Every device node exists, as a character device numbered after its path (making real ones needs root). */
    static final DeviceNodeLookup NODES = (host, path) -> Optional.of(new DeviceNode(path, 195,
            path.matches(".*\\d$") ? Long.parseLong(path.replaceAll("\\D", "")) : 255, 0666, 0, 0));

    @TempDir
    Path root;

    private FakeKubelet kubelet;
    private ServerSocketChannel plugin;
    private Path pluginDir;
    private Path vgpu;

    record Run(int exitCode, String out) {
        JsonNode json() throws Exception {
            return CanonicalJson.MAPPER.readTree(out);
        }

        List<String> ids() throws Exception {
            var ids = new ArrayList<String>();
            json().path("checks").forEach(c -> c.path("findings").forEach(f -> ids.add(f.path("id").asText())));
            return ids;
        }
    }

    @BeforeEach
    void healthyNode() throws Exception {
        NvmlMock.current().useProfile(NvmlProfile.TWO_V100_TWO_NUMA_NODES);
        pluginDir = Files.createDirectories(root.resolve("var/lib/kubelet/device-plugins"));
        kubelet = FakeKubelet.start(pluginDir);
        plugin = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        plugin.bind(UnixDomainSocketAddress.of(pluginDir.resolve("hami-nvidia.sock")));
        vgpu = Files.createDirectories(root.resolve("usr/local/vgpu"));
        Files.writeString(vgpu.resolve("libvgpu.so"), "not really a library");
        Files.writeString(vgpu.resolve("ld.so.preload"), "/usr/local/vgpu/libvgpu.so\n");
        shared(vgpu.resolve("containers"));
        shared(Files.createDirectories(root.resolve("tmp")).resolve("vgpulock"));
        var config = Files.createDirectories(root.resolve("etc/containerd")).resolve("config.toml");
        Files.writeString(config, ContainerdConfigEditor.add(Optional.of("version = 2\n"), Path.of("/etc/containerd/config.toml"),
                "hami", Path.of("/usr/local/hami-java/bin/hami-runtime"), "runc", Optional.empty()).text());
        var binary = Files.createDirectories(root.resolve("usr/local/hami-java/bin")).resolve("hami-runtime");
        Files.writeString(binary, "#!/bin/sh\n");
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
        var container = shared(vgpu.resolve("containers/" + POD_UID + "_main"));
        RegionWriterFixture.on(container.resolve("a.cache")).create("1.2", "--devices", "1").run("register", "101");
    }

    @AfterEach
    void stop() throws Exception {
        plugin.close();
        kubelet.close();
    }

    private static Path shared(Path dir) throws Exception {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        return dir;
    }

    Run doctor(String... args) {
        var all = new ArrayList<>(List.of("--host-root", root.toString(), "--vendor", "nvidia", "--library",
                NvmlMock.current().library()));
        all.addAll(List.of(args));
        return run(Map.of(), Clock.systemUTC(), all);
    }

    static Run run(Map<String, String> env, Clock clock, List<String> args) {
        var out = new StringWriter();
        var cli = new CommandLine(new DoctorCommand(env, clock, NODES));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        int code = cli.execute(args.toArray(String[]::new));
        return new Run(code, out.toString());
    }

    @Test
    void aHealthyNodeExitsZeroAndSaysWhatItFound() throws Exception {
        var run = doctor();
        assertThat(run.out()).as(run.out()).endsWith("healthy: nothing found\n");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("NVIDIA NVML: " + NvmlMock.current().library() + ", driver 535.161.08",
                "nvidia 0 GPU-v1000000-2b3c-4d5e-8f90-a1b2c3d4e5f6 Tesla V100-PCIE-16GB 16384 MiB healthy",
                "/dev/nvidia1 c 195:1", "/var/lib/kubelet/device-plugins/kubelet.sock: kubelet listens",
                "/var/lib/kubelet/device-plugins/hami-nvidia.sock: a device plugin listens",
                "runtime \"hami\" added by hami install runtime, BinaryName /usr/local/hami-java/bin/hami-runtime",
                "/usr/local/vgpu/containers/" + POD_UID + "_main/a.cache: pod " + POD_UID + " container main, "
                        + "layout 1.2, 1 device(s), 1 process(es)",
                "no cluster access configured");
    }

    @Test
    void jsonCarriesEveryCheckAndHealthy() throws Exception {
        var json = doctor("--json").json();
        assertThat(json.path("healthy").asBoolean()).isTrue();
        var checks = new ArrayList<String>();
        json.path("checks").forEach(c -> checks.add(c.path("check").asText()));
        assertThat(checks).containsExactly("libraries", "devices", "device-nodes", "kubelet", "runtime", "hami-core",
                "api", "regions");
    }

    @Test
    void aMissingLibraryIsAnErrorNamingIt() throws Exception {
        var run = run(Map.of(), Clock.systemUTC(), List.of("--json", "--host-root", root.toString(), "--vendor",
                "nvidia", "--library", root.resolve("libnvidia-ml.so.1").toString()));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.ids()).contains("libraries.unusable");
        assertThat(run.out()).contains(root.resolve("libnvidia-ml.so.1") + ": cannot open shared object file");
    }

    @Test
    void anUnhealthyGpuIsAnError() throws Exception {
        NvmlMock.current().useProfile(NvmlProfile.GPU_LOST);
        var run = doctor("--json");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.ids()).contains("devices.unhealthy");
    }

    @Test
    void anUnreadableRegionIsAWarningNamingTheFileAndItsPod() throws Exception {
        var bad = vgpu.resolve("containers/" + POD_UID + "_main/b.cache");
        Files.write(bad, new byte[] {0x4e, (byte) 0xf7, 0x2f, 0x01, 1, 0, 0, 0, 2, 0, 0, 0});
        var run = doctor("--json");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.ids()).containsExactly("regions.unreadable");
        assertThat(run.out()).contains("/usr/local/vgpu/containers/" + POD_UID + "_main/b.cache (pod " + POD_UID
                + " container main) is not a readable region");
    }

    @Test
    void aPluginSocketNobodyListensOnIsStale() throws Exception {
        plugin.close();
        var run = doctor("--json");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.ids()).containsExactly("kubelet.stale-plugin-socket");
    }

    @Test
    void withoutKubeletAndHamiCoreEachMissingPieceIsNamed() throws Exception {
        kubelet.close();
        Files.delete(vgpu.resolve("ld.so.preload"));
        Files.writeString(root.resolve("etc/containerd/config.toml"), "version = 2\n");
        Files.setPosixFilePermissions(root.resolve("tmp/vgpulock"), PosixFilePermissions.fromString("rwxr-xr-x"));
        var run = doctor("--json");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.ids()).containsExactly("kubelet.kubelet-socket", "runtime.no-handler", "hami-core.mode",
                "hami-core.missing");
    }

    @Test
    void aPreloadFileNamingAnotherLibraryIsAnError() throws Exception {
        Files.writeString(vgpu.resolve("ld.so.preload"), "/opt/other/libvgpu.so\n");
        assertThat(doctor("--json").ids()).containsExactly("hami-core.preload");
    }
}
