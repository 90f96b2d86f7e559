package io.hami.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hami.bindings.nvml.Nvml;
import io.hami.testfixtures.nvml.RealNvml;
import io.hami.testfixtures.oci.OciBundles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime shim on a real GPU ({@code scripts/gpu-check.sh}; tag {@code gpu}): a runc container allocated one GPU
 * runs the host's {@code nvidia-smi -L} (the host's {@code /usr} and loader cache bind-mounted read-only), and the
 * shim's device nodes, taken from the host's {@code /dev}, let it see that GPU only. Needs root, runc, a static
 * busybox and {@code nvidia-smi}; it only reads the GPU. On a machine of several GPUs without NVIDIA's container
 * hook, the driver's {@code /proc/driver/nvidia} still lists every GPU, so {@code nvidia-smi} may name the others
 * with an error: the check then fails and says so.
 */
@Tag("gpu")
class RealGpuRuncTest {
    private static final Path NVIDIA_SMI = Path.of("/usr/bin/nvidia-smi");

    @TempDir
    Path dir;

    @BeforeEach
    void machine() {
        var reason = RealNvml.skipReason();
        assumeTrue(reason.isEmpty(), () -> reason.orElseThrow());
        assumeTrue(OciBundles.runcUsable(), "runc, a static busybox and root are needed");
        assumeTrue(Files.isExecutable(NVIDIA_SMI), NVIDIA_SMI + " is not installed");
    }

    @Test
    void aContainerAllocatedOneGpuListsExactlyThatGpu() throws Exception {
        String uuid;
        var nvml = Nvml.open(RealNvml.LIBRARY);
        try (var _ = nvml.start()) {
            uuid = nvml.uuid(nvml.device(nvml.deviceCount() - 1)); // the last: not what a default would pick
        }
        var hami = hamiScript();
        Files.createDirectories(dir.resolve("hook/vgpu"));
        Files.writeString(dir.resolve("hook/vgpu/libvgpu.so"), "not HAMi-core: CUDA_DISABLE_CONTROL keeps it out\n");
        Files.writeString(dir.resolve("hook/vgpu/ld.so.preload"), dir.resolve("hook/vgpu/libvgpu.so") + "\n");
        var config = Files.writeString(dir.resolve("runtime.conf"), String.join("\n", "runtime = runc",
                "hookPath = " + dir.resolve("hook"), "devRoot = /dev", "vgpuLockDir = " + dir.resolve("lock"),
                "stateDir = " + dir.resolve("state"), "nvmlLibrary = " + RealNvml.LIBRARY, "hook = " + hami, ""));

        var bundle = dir.resolve("smi");
        var rootfs = OciBundles.busyboxRootfs(bundle);
        var spec = OciBundles.config(List.of(NVIDIA_SMI.toString(), "-L"),
                withDisabledControl(TestEnv.allocation(uuid, 1000, 0)), RuncNode.CONTAINERD);
        hostLibraries(spec, rootfs);
        OciBundles.writeConfig(bundle, spec);

        var run = OciBundles.run(List.of(hami.toString(), "runtime", "--root", dir.resolve("runc").toString(), "--log",
                dir.resolve("runc.log").toString(), "run", "--bundle", bundle.toString(), "smi-1"),
                Map.of("HAMI_RUNTIME_CONFIG", config.toString()));
        OciBundles.run(List.of("runc", "--root", dir.resolve("runc").toString(), "delete", "--force", "smi-1"));
        assertThat(run.exitCode()).as(run.output()).isZero();
        var gpus = run.output().lines().filter(l -> l.startsWith("GPU ")).toList();
        assertThat(gpus).as(run.output()).singleElement().satisfies(l -> assertThat(l).contains(uuid));
    }

    private static List<String> withDisabledControl(List<String> env) {
        var out = new ArrayList<>(env);
        out.add("CUDA_DISABLE_CONTROL=true");
        return out;
    }

    /** The host's {@code /usr} (and {@code /lib}, {@code /lib64} where they are directories) and loader cache, read-only. */
    private static void hostLibraries(ObjectNode spec, Path rootfs) throws Exception {
        var mounts = spec.withArray("/mounts");
        for (String path : List.of("/usr", "/lib", "/lib64")) {
            var host = Path.of(path);
            var inRoot = rootfs.resolve(path.substring(1));
            if (Files.isSymbolicLink(host)) {
                Files.createSymbolicLink(inRoot, Files.readSymbolicLink(host));
            } else if (Files.isDirectory(host)) {
                Files.createDirectories(inRoot);
                bind(mounts.addObject(), path, path);
            }
        }
        if (Files.isRegularFile(Path.of("/etc/ld.so.cache"))) {
            Files.writeString(rootfs.resolve("etc/ld.so.cache"), "");
            bind(mounts.addObject(), "/etc/ld.so.cache", "/etc/ld.so.cache");
        }
    }

    private static void bind(ObjectNode mount, String source, String destination) {
        mount.put("destination", destination).put("type", "bind").put("source", source);
        mount.putArray("options").add("rbind").add("ro");
    }

    private Path hamiScript() throws Exception {
        Files.createDirectories(dir.resolve("bin"));
        var hami = dir.resolve("bin/hami");
        var java = Path.of(System.getProperty("java.home"), "bin", "java");
        Files.writeString(hami, "#!/bin/sh\nexec '" + java + "' --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC "
                + "-XX:TieredStopAtLevel=1 -cp '" + System.getProperty("java.class.path") + "' io.hami.cli.Main \"$@\"\n");
        Files.setPosixFilePermissions(hami, PosixFilePermissions.fromString("rwxr-xr-x"));
        return hami;
    }
}
