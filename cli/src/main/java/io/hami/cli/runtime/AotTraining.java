package io.hami.cli.runtime;

import io.hami.bindings.nvml.Nvml;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training run of the JDK AOT cache that {@code hami runtime} and {@code hami hook} start with ({@code ./hami
 * aot-train} runs it under {@code -XX:AOTCacheOutput}): in a scratch directory it builds a HAMi-core install, a device
 * root and two bundles, then runs the shim's edit and the hook through {@link RuntimeEntry}, the same code a container
 * start runs, on a container with an allocation, one without, and one with a broken {@code config.json}. The GPU is the
 * first one NVML reports when the library loads (a driver, or the test mock), else an unknown UUID, which trains the
 * error path. Device nodes are made with {@code mknod} when the user may.
 */
public final class AotTraining {
    /** The hidden command that runs the training. */
    public static final String COMMAND = "aot-training";

    private static final String FAKE_UUID = "GPU-00000000-0000-4000-8000-000000000000";
    private static final String POD_UID = "0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0";

    private AotTraining() {
    }

    /** {@code aot-training [--library PATH] [--rounds N]}; returns 0 when every round ran. */
    public static int run(String[] args) {
        String library = "libnvidia-ml.so.1";
        int rounds = 5;
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--library" -> library = args[i + 1];
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("aot-training: unknown option " + args[i]);
            }
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("hami-aot-training");
            var gpu = firstGpu(library);
            var env = setUp(dir, library, gpu);
            var sink = new PrintWriter(new StringWriter());
            for (int round = 0; round < rounds; round++) {
                Files.writeString(dir.resolve("gpu/config.json"), config(gpu.uuid(), true));
                Files.writeString(dir.resolve("plain/config.json"), config(gpu.uuid(), false));
                Files.writeString(dir.resolve("broken/config.json"), "{\"ociVersion\": [");
                RuntimeEntry.run(runtime(dir, "gpu"), env, InputStream.nullInputStream(), sink);
                var state = "{\"ociVersion\":\"1.0.2\",\"id\":\"train\",\"status\":\"creating\",\"pid\":1,\"bundle\":\"" + dir.resolve("gpu")
                        + "\",\"annotations\":{}}";
                RuntimeEntry.run(new String[] {"hook", "createRuntime"}, env, new ByteArrayInputStream(state.getBytes()), sink);
                RuntimeEntry.run(runtime(dir, "plain"), env, InputStream.nullInputStream(), sink);
                RuntimeEntry.run(runtime(dir, "broken"), env, InputStream.nullInputStream(), sink);
                RuntimeEntry.run(new String[] {"runtime", "--edit-only", "state", "train"}, env, InputStream.nullInputStream(), sink);
            }
            return 0;
        } catch (IOException e) {
            System.err.println("hami aot-training: " + e.getMessage());
            return 1;
        } finally {
            if (dir != null) {
                delete(dir);
            }
        }
    }

    private record Gpu(String uuid, int minor) {
    }

    private static Gpu firstGpu(String library) {
        try {
            var nvml = Nvml.open(library);
            try (var _ = nvml.start()) {
                if (nvml.deviceCount() > 0) {
                    var d = nvml.device(0);
                    return new Gpu(nvml.uuid(d), nvml.minor(d));
                }
            }
        } catch (RuntimeException e) {
            // no usable NVML here: train the error path with an unknown UUID
        }
        return new Gpu(FAKE_UUID, 0);
    }

    private static Map<String, String> setUp(Path dir, String library, Gpu gpu) throws IOException {
        Files.createDirectories(dir.resolve("hook/vgpu"));
        Files.writeString(dir.resolve("hook/vgpu/libvgpu.so"), "");
        Files.writeString(dir.resolve("hook/vgpu/ld.so.preload"), "/usr/local/vgpu/libvgpu.so\n");
        Files.createDirectories(dir.resolve("dev"));
        mknod(dir.resolve("dev/nvidia" + gpu.minor()), gpu.minor());
        mknod(dir.resolve("dev/nvidiactl"), 255);
        for (var b : List.of("gpu", "plain", "broken")) {
            Files.createDirectories(dir.resolve(b));
        }
        var conf = dir.resolve("runtime.conf");
        Files.writeString(conf, "hookPath = " + dir.resolve("hook") + "\ndevRoot = " + dir.resolve("dev") + "\nvgpuLockDir = "
                + dir.resolve("lock") + "\nstateDir = " + dir.resolve("state") + "\nnvmlLibrary = " + library + "\nhook = "
                + dir.resolve("hami") + "\n");
        var env = new HashMap<>(System.getenv());
        env.put("HAMI_RUNTIME_CONFIG", conf.toString());
        return env;
    }

    private static void mknod(Path node, int minor) {
        try {
            new ProcessBuilder("mknod", "-m", "666", node.toString(), "c", "195", Integer.toString(minor))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (IOException e) {
            // not allowed here: the device checks train their error path instead
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String[] runtime(Path dir, String bundle) {
        return new String[] {"runtime", "--edit-only", "--root", dir.resolve("root").toString(), "--log", dir.resolve("log.json").toString(),
            "--log-format", "json", "create", "--bundle", dir.resolve(bundle).toString(), "--pid-file", dir.resolve("pid").toString(), bundle};
    }

    private static String config(String uuid, boolean allocated) {
        var env = allocated ? ", \"NVIDIA_VISIBLE_DEVICES=" + uuid + "\", \"CUDA_DEVICE_MEMORY_LIMIT_0=3000m\", \"CUDA_DEVICE_SM_LIMIT=30\"" : "";
        return """
                {"ociVersion":"1.2.0","process":{"terminal":false,"user":{"uid":0,"gid":0},"args":["sh"],
                "env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"%s],"cwd":"/",
                "capabilities":{"bounding":["CAP_KILL"],"effective":["CAP_KILL"],"permitted":["CAP_KILL"]},
                "rlimits":[{"type":"RLIMIT_NOFILE","hard":1024,"soft":1024}],"noNewPrivileges":true},
                "root":{"path":"rootfs","readonly":true},"hostname":"train",
                "mounts":[{"destination":"/proc","type":"proc","source":"proc"},
                {"destination":"/dev","type":"tmpfs","source":"tmpfs","options":["nosuid","strictatime","mode=755","size=65536k"]}],
                "annotations":{"io.kubernetes.cri.container-type":"container","io.kubernetes.cri.container-name":"cuda",
                "io.kubernetes.cri.sandbox-name":"train-0","io.kubernetes.cri.sandbox-namespace":"default",
                "io.kubernetes.cri.sandbox-uid":"%s"},
                "linux":{"resources":{"devices":[{"allow":false,"access":"rwm"}],"memory":{"limit":9223372036854775807}},
                "namespaces":[{"type":"pid"},{"type":"network"},{"type":"ipc"},{"type":"uts"},{"type":"mount"}],
                "maskedPaths":["/proc/kcore"],"readonlyPaths":["/proc/sys"]}}
                """.formatted(env, POD_UID);
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("hami aot-training: could not remove " + dir + ": " + e.getMessage());
        }
    }
}
