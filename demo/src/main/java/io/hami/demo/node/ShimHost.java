package io.hami.demo.node;

import io.hami.model.protocol.HamiCoreView;
import io.hami.model.vendor.Vendors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The simulated host the runtime shim works on, whichever way it is run (by us as runc's stand-in, or by containerd
 * through its runc shim): NVIDIA's device nodes made with {@code mknod} under {@code dev/}, HAMi-core's files that the
 * device plugin's mounts name (placeholders, as HAMi's DaemonSet would have copied the real ones), and the shim's
 * configuration {@code runtime.conf} naming them, the NVML library and the hook.
 *
 * @param config the shim's configuration file
 * @param env    what the shim needs in its environment ({@code HAMI_RUNTIME_CONFIG}, and no build of the checkout)
 */
public record ShimHost(Path config, Map<String, String> env) {
    /** NVIDIA's character device major, from the vendor descriptor the runtime shim checks device nodes against. */
    static final int NVIDIA_MAJOR = Vendors.defaults().byId("nvidia").orElseThrow().deviceNodes().perDeviceMajor().orElseThrow();

    /**
     * Prepares the host (idempotent).
     *
     * @param hook        the {@code hami} command the shim puts into the {@code createRuntime} hook
     * @param nvmlLibrary the NVML library the shim resolves GPU minor numbers with
     */
    public static ShimHost prepare(Path hook, NodeLayout layout, String nvmlLibrary) throws IOException {
        var dev = Files.createDirectories(layout.root().resolve("dev"));
        for (int minor = 0; minor < HamiCoreView.MAX_DEVICES; minor++) {
            mknod(dev.resolve("nvidia" + minor), NVIDIA_MAJOR, minor);
        }
        mknod(dev.resolve("nvidiactl"), NVIDIA_MAJOR, 255);
        // kubelet passes the plugin's mounts as they are: their sources must exist, as HAMi's DaemonSet makes them
        Files.createDirectories(layout.vgpuDir());
        createFile(layout.vgpuDir().resolve("libvgpu.so"));
        createFile(layout.vgpuDir().resolve("ld.so.preload"));
        Files.createDirectories(Path.of(HamiCoreView.VGPU_LOCK_DIR));
        var conf = layout.root().resolve("runtime.conf");
        var text = String.join("\n", "runtime = runc", "hookPath = " + layout.hookPath(), "devRoot = " + dev,
                "vgpuLockDir = " + layout.lockDir(), "stateDir = " + layout.root().resolve("runtime-state"),
                "nvmlLibrary = " + nvmlLibrary, "hook = " + hook) + "\n";
        Files.writeString(conf, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-r--r--"));
        // a container start never builds the checkout
        return new ShimHost(conf, Map.of("HAMI_RUNTIME_CONFIG", conf.toString(), "HAMI_NO_BUILD", "1"));
    }

    /** Makes character device {@code node} (mode 0666) unless it exists. */
    static void mknod(Path node, int major, int minor) throws IOException {
        if (Files.exists(node)) {
            return;
        }
        var command = List.of("mknod", "-m", "666", node.toString(), "c", Integer.toString(major), Integer.toString(minor));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void createFile(Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.createFile(file);
        }
    }
}
