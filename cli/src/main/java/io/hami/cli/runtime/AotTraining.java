package io.hami.cli.runtime;

import io.hami.bindings.nvml.Nvml;
import io.hami.model.vendor.DefaultVendors;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.stream.Stream;

/**
 * The training run of the JDK AOT cache that {@code hami runtime} and {@code hami hook} start with ({@code ./hami
 * aot-train} runs it under {@code -XX:AOTMode=record}). The JVM puts every class the training loaded into the cache and,
 * when a container starts, loads and links all of them before {@code main}: so the recorded run does nothing but what a
 * container start does, the shim's edit of an allocated container on a node whose driver files name its GPU (the
 * default path), a container without allocation, and the {@code createRuntime} hook, each through {@link RuntimeEntry}
 * on a config as large and varied as a container manager's. It ends with {@code halt}, as a container start does.
 *
 * <p>The scratch node it runs on (a HAMi-core install, a device root, the driver's per-GPU file, the runtime config
 * and the bundles' config texts) is made beforehand by {@code aot-training --prepare DIR} in a JVM that is not
 * recorded: it asks NVML for the first GPU ({@code --library}; a driver or the test mock, else an unknown UUID) and
 * makes the device nodes with {@code mknod} when the user may (else the training takes the device checks' error
 * path). Paths the training leaves out (the GPU's minor from NVML, a refused container) load their classes from the
 * jars when they happen.
 */
public final class AotTraining {
    /** The hidden command that runs the training. */
    public static final String COMMAND = "aot-training";

    private static final String FAKE_UUID = "GPU-00000000-0000-4000-8000-000000000000";
    private static final String POD_UID = "0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0";
    private static final List<String> BUNDLES = List.of("gpu", "plain");

    private AotTraining() {
    }

    /**
     * {@code aot-training --prepare DIR [--library PATH]} makes the scratch node in DIR; {@code aot-training --dir DIR
     * [--rounds N]} runs the training on it (the recorded run; the caller removes DIR); {@code aot-training [--library
     * PATH] [--rounds N]} does both in one JVM in a temporary directory it removes. Returns 0 when every step ran.
     */
    public static int run(String[] args) {
        String library = "libnvidia-ml.so.1";
        int rounds = 3;
        Path prepare = null;
        Path scratch = null;
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--library" -> library = args[i + 1];
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--prepare" -> prepare = Path.of(args[i + 1]);
                case "--dir" -> scratch = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("aot-training: unknown option " + args[i]);
            }
        }
        Path dir = null;
        try {
            if (prepare != null) {
                setUp(prepare, library, firstGpu(library));
                return 0;
            }
            if (scratch != null) {
                train(scratch, rounds);
                return 0;
            }
            dir = Files.createTempDirectory("hami-aot-training");
            setUp(dir, library, firstGpu(library));
            train(dir, rounds);
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

    /** The recorded part: only what a container start runs. */
    private static void train(Path dir, int rounds) throws IOException {
        var env = new HashMap<>(System.getenv());
        env.put("HAMI_RUNTIME_CONFIG", dir.resolve("runtime.conf").toString());
        var sink = new PrintWriter(new StringWriter());
        var state = ("{\"ociVersion\":\"1.0.2\",\"id\":\"train\",\"status\":\"creating\",\"pid\":1,\"bundle\":\"" + dir.resolve("gpu")
                + "\",\"annotations\":{}}").getBytes(StandardCharsets.UTF_8);
        for (int round = 0; round < rounds; round++) {
            for (var b : BUNDLES) {
                Files.write(dir.resolve(b).resolve("config.json"), Files.readAllBytes(dir.resolve(b + ".json")));
            }
            RuntimeEntry.run(runtime(dir, "gpu"), env, InputStream.nullInputStream(), sink);
            RuntimeEntry.run(new String[] {"hook", "createRuntime"}, env, new ByteArrayInputStream(state), sink);
            RuntimeEntry.run(runtime(dir, "plain"), env, InputStream.nullInputStream(), sink);
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

    private static void setUp(Path dir, String library, Gpu gpu) throws IOException {
        Files.createDirectories(dir.resolve("hook/vgpu"));
        Files.writeString(dir.resolve("hook/vgpu/libvgpu.so"), "");
        Files.writeString(dir.resolve("hook/vgpu/ld.so.preload"), "/usr/local/vgpu/libvgpu.so\n");
        Files.createDirectories(dir.resolve("dev"));
        mknod(dir.resolve("dev/nvidia" + gpu.minor()), gpu.minor());
        mknod(dir.resolve("dev/nvidiactl"), 255);
        for (var b : BUNDLES) {
            Files.createDirectories(dir.resolve(b));
        }
        Files.writeString(dir.resolve("gpu.json"), config(gpu.uuid(), true));
        Files.writeString(dir.resolve("plain.json"), config(gpu.uuid(), false));
        var info = Files.createDirectories(dir.resolve("driver/gpus/0000:07:00.0")).resolve("information");
        Files.writeString(info, "Model: \t\t NVIDIA A100-SXM4-40GB\nGPU UUID: \t " + gpu.uuid() + "\nBus Location: \t 0000:07:00.0\n"
                + "Device Minor: \t " + gpu.minor() + "\n");
        Files.writeString(dir.resolve("runtime.conf"), "hookPath = " + dir.resolve("hook") + "\ndevRoot = " + dir.resolve("dev")
                + "\nvgpuLockDir = " + dir.resolve("lock") + "\nstateDir = " + dir.resolve("state") + "\nnvmlLibrary = " + library
                + "\nhook = " + dir.resolve("hami") + "\ndriverInfoDir = " + dir.resolve("driver/gpus") + "\n");
    }

    private static void mknod(Path node, int minor) {
        try {
            var major = DefaultVendors.nvidiaDeviceNodes().perDeviceMajor().orElseThrow();
            new ProcessBuilder("mknod", "-m", "666", node.toString(), "c", Integer.toString(major), Integer.toString(minor))
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
        // As large and as varied as a container manager's: long arrays and strings, nested objects, big and decimal
        // numbers, so that every parser path a real config takes is in the cache.
        var caps = "[\"CAP_CHOWN\",\"CAP_DAC_OVERRIDE\",\"CAP_FSETID\",\"CAP_FOWNER\",\"CAP_MKNOD\",\"CAP_NET_RAW\",\"CAP_SETGID\","
                + "\"CAP_SETUID\",\"CAP_SETFCAP\",\"CAP_SETPCAP\",\"CAP_NET_BIND_SERVICE\",\"CAP_SYS_CHROOT\",\"CAP_KILL\",\"CAP_AUDIT_WRITE\"]";
        return """
                {"ociVersion":"1.2.0","process":{"terminal":false,"user":{"uid":0,"gid":0,"additionalGids":[0,1,2,3,4,6,10,11,20,26,27]},
                "args":["sh","-c","exec python3 -m trainer --epochs 10 %s"],
                "env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","HOSTNAME=train-0","LANG=C.UTF-8",
                "KUBERNETES_SERVICE_HOST=10.96.0.1","KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443"%s],"cwd":"/workspace",
                "capabilities":{"bounding":%s,"effective":%s,"permitted":%s},
                "rlimits":[{"type":"RLIMIT_NOFILE","hard":1048576,"soft":1048576}],"noNewPrivileges":true,
                "apparmorProfile":"cri-containerd.apparmor.d","oomScoreAdj":-997},
                "root":{"path":"rootfs","readonly":false},"hostname":"train-0",
                "mounts":[{"destination":"/proc","type":"proc","source":"proc","options":["nosuid","noexec","nodev"]},
                {"destination":"/dev","type":"tmpfs","source":"tmpfs","options":["nosuid","strictatime","mode=755","size=65536k"]},
                {"destination":"/dev/pts","type":"devpts","source":"devpts","options":["nosuid","noexec","newinstance","ptmxmode=0666","mode=0620","gid=5"]},
                {"destination":"/dev/mqueue","type":"mqueue","source":"mqueue","options":["nosuid","noexec","nodev"]},
                {"destination":"/sys","type":"sysfs","source":"sysfs","options":["nosuid","noexec","nodev","ro"]},
                {"destination":"/sys/fs/cgroup","type":"cgroup","source":"cgroup","options":["nosuid","noexec","nodev","relatime","ro"]},
                {"destination":"/etc/hosts","type":"bind","source":"/var/lib/kubelet/pods/x/etc-hosts","options":["rbind","rprivate","rw"]},
                {"destination":"/dev/termination-log","type":"bind","source":"/var/lib/kubelet/pods/x/containers/cuda/0","options":["rbind","rprivate","rw"]},
                {"destination":"/etc/hostname","type":"bind","source":"/var/lib/containerd/sandboxes/x/hostname","options":["rbind","rprivate","rw"]},
                {"destination":"/etc/resolv.conf","type":"bind","source":"/var/lib/containerd/sandboxes/x/resolv.conf","options":["rbind","rprivate","rw"]},
                {"destination":"/dev/shm","type":"bind","source":"/run/containerd/sandboxes/x/shm","options":["rbind","rprivate","rw"]},
                {"destination":"/var/run/secrets/kubernetes.io/serviceaccount","type":"bind","source":"/var/lib/kubelet/pods/x/volumes/token",
                "options":["rbind","rprivate","ro"]}],
                "annotations":{"io.kubernetes.cri.container-type":"container","io.kubernetes.cri.container-name":"cuda",
                "io.kubernetes.cri.image-name":"registry.example/trainer:1.0","io.kubernetes.cri.sandbox-id":"0123456789abcdef",
                "io.kubernetes.cri.sandbox-name":"train-0","io.kubernetes.cri.sandbox-namespace":"default",
                "io.kubernetes.cri.sandbox-uid":"%s"},
                "linux":{"resources":{"devices":[{"allow":false,"access":"rwm"}],"memory":{"limit":34359738368,"swap":18446744073709551615},
                "cpu":{"shares":2048,"quota":400000,"period":100000},"pids":{"limit":-1},"unified":{"memory.high":"max"}},
                "cgroupsPath":"kubepods-burstable-pod0f1e2d3c.slice:cri-containerd:0123456789abcdef",
                "namespaces":[{"type":"pid"},{"type":"ipc","path":"/proc/4242/ns/ipc"},{"type":"uts","path":"/proc/4242/ns/uts"},
                {"type":"mount"},{"type":"network","path":"/proc/4242/ns/net"}],
                "seccomp":{"defaultAction":"SCMP_ACT_ERRNO","defaultErrnoRet":1,"architectures":["SCMP_ARCH_X86_64","SCMP_ARCH_X86","SCMP_ARCH_X32"],
                "syscalls":[{"names":["accept","accept4","access","adjtimex","alarm","bind","brk","capget","capset","chdir","chmod","chown"],
                "action":"SCMP_ACT_ALLOW"},{"names":["personality"],"action":"SCMP_ACT_ALLOW","args":[{"index":0,"value":0,"op":"SCMP_CMP_EQ"}]}]},
                "maskedPaths":["/proc/acpi","/proc/kcore","/proc/keys","/proc/latency_stats","/proc/timer_list","/proc/timer_stats",
                "/proc/sched_debug","/proc/scsi","/sys/firmware"],
                "readonlyPaths":["/proc/bus","/proc/fs","/proc/irq","/proc/sys","/proc/sysrq-trigger"]},
                "x-weight":0.75}
                """.formatted("--flag ".repeat(400), env, caps, caps, caps, POD_UID);
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
