package io.hami.cli.runtime;

import io.hami.testfixtures.nvml.NvmlMock;
import io.hami.testfixtures.nvml.NvmlProfile;
import io.hami.testfixtures.oci.OciBundles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A GPU node in a temporary directory for runs under real runc: the 8-GPU mock machine (NVML mock with the
 * {@code a100x8} profile, device nodes {@code nvidia0..7} and the control nodes made with mknod), HAMi-core installed,
 * a runtime configuration naming all of it, and a {@code hami} command that runs this build's classes in a JVM of its own.
 */
record RuncNode(Path dir, Path hami, Path config, Map<String, String> env) {
    static final String POD_UID = "0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0";
    static final Map<String, String> CONTAINERD = Map.of(
            "io.kubernetes.cri.container-type", "container",
            "io.kubernetes.cri.container-name", "cuda",
            "io.kubernetes.cri.sandbox-name", "trainer-0",
            "io.kubernetes.cri.sandbox-namespace", "default",
            "io.kubernetes.cri.sandbox-uid", POD_UID);

    static RuncNode create(Path dir) throws IOException {
        var profile = NvmlProfile.load(NvmlProfile.EIGHT_A100);
        Files.createDirectories(dir.resolve("dev"));
        for (var gpu : profile.devices()) {
            OciBundles.mknod(dir.resolve("dev/nvidia" + gpu.minor()), 195, gpu.minor());
        }
        OciBundles.mknod(dir.resolve("dev/nvidiactl"), 195, 255);
        OciBundles.mknod(dir.resolve("dev/nvidia-uvm"), 237, 0);
        Files.createDirectories(dir.resolve("hook/vgpu"));
        Files.writeString(dir.resolve("hook/vgpu/libvgpu.so"), "not really HAMi-core\n");
        Files.writeString(dir.resolve("hook/vgpu/ld.so.preload"), dir.resolve("hook/vgpu/libvgpu.so") + "\n");
        Files.createDirectories(dir.resolve("bin"));
        var hami = dir.resolve("bin/hami");
        var java = Path.of(System.getProperty("java.home"), "bin", "java");
        Files.writeString(hami, "#!/bin/sh\nexec '" + java + "' --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp '"
                + System.getProperty("java.class.path") + "' io.hami.cli.Main \"$@\"\n");
        Files.setPosixFilePermissions(hami, PosixFilePermissions.fromString("rwxr-xr-x"));
        var config = Files.writeString(dir.resolve("runtime.conf"), String.join("\n",
                "runtime = runc",
                "hookPath = " + dir.resolve("hook"),
                "devRoot = " + dir.resolve("dev"),
                "vgpuLockDir = " + dir.resolve("lock"),
                "stateDir = " + dir.resolve("state"),
                "nvmlLibrary = " + NvmlMock.current().library(),
                "hook = " + hami, ""));
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
        var profileFile = Files.writeString(dir.resolve("a100x8.json"), profile.text());
        var env = new HashMap<String, String>();
        env.put("HAMI_RUNTIME_CONFIG", config.toString());
        env.put("NVML_MOCK_PROFILE", profileFile.toString());
        return new RuncNode(dir, hami, config, Map.copyOf(env));
    }

    String uuid(int index) {
        return NvmlProfile.load(NvmlProfile.EIGHT_A100).devices().get(index).uuid();
    }

    String vgpu() {
        return dir.resolve("hook/vgpu").toString();
    }

    Path containerDir() {
        return dir.resolve("hook/vgpu/containers/" + POD_UID + "_cuda");
    }

    /** Writes a bundle with a busybox root running {@code script}. */
    Path bundle(String name, String script, List<String> env, Map<String, String> annotations) {
        var bundle = dir.resolve(name);
        OciBundles.busyboxRootfs(bundle);
        OciBundles.writeConfig(bundle, OciBundles.config(List.of("sh", "-c", script), env, annotations));
        return bundle;
    }

    /** {@code hami runtime --root <dir>/runc run --bundle <bundle> <id>}. */
    OciBundles.Result run(Path bundle, String id) {
        var command = new ArrayList<>(List.of(hami.toString(), "runtime", "--root", dir.resolve("runc").toString(), "--log",
                dir.resolve("runc.log").toString(), "--log-format", "json", "run", "--bundle", bundle.toString(), id));
        try {
            return OciBundles.run(command, env);
        } finally {
            OciBundles.run(List.of("runc", "--root", dir.resolve("runc").toString(), "delete", "--force", id));
        }
    }
}
