package io.hami.demo.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hami.kubelet.v1beta1.ContainerAllocateResponse;
import io.hami.model.protocol.HamiCoreView;
import io.hami.runtimehook.identity.CriAnnotations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts containers under real {@code runc} through the runtime shim ({@code hami-runtime}, runc's command line),
 * as containerd would with HAMi's runtime handler: one bundle per container with a busybox root, the
 * {@code Allocate} answer's environment and mounts, the CRI annotations that name the pod, and a deny-all device
 * cgroup. The shim adds the GPUs' device nodes (from the mock NVML's minor numbers, over device nodes made here
 * with {@code mknod}) and the {@code createRuntime} hook. A GPU container's process is the static
 * {@code region-writer container FRACTION}: it does to its region what {@code libvgpu.so} would and runs until
 * stopped.
 *
 * <p>Another vendor's container gets the device nodes its {@code Allocate} answer lists, as containerd adds them:
 * each in {@code linux.devices} with the major and minor of the host's node, and allowed in the device cgroup with
 * the answer's permissions. The simulated host has no such driver, so each node is first made here, under
 * {@code dev/}, with {@code mknod} and a number of Linux's range for local use ({@value #STAND_IN_MAJOR}); likewise a
 * mount whose source the host lacks (the vendor's driver files) is given an empty directory under {@code host/}.
 * Its process checks that every device node is there, says so, and sleeps; a node missing fails the start. Any
 * other container runs {@code sleep}.
 *
 * <p>Under the node's directory it keeps {@code runc/} (runc's state), {@code bundles/<podUID>_<container>/},
 * {@code dev/} (the device nodes), {@code host/} (stand-ins of missing mount sources), {@code runtime-state/} (the
 * hook's) and {@code runtime.conf} (the shim's).
 */
public final class RuncRuntime implements ContainerRuntime {
    /** The static busybox Debian's busybox-static installs. */
    public static final Path BUSYBOX = Path.of("/bin/busybox");
    /** The static region writer's file name in the native build directory. */
    public static final String STATIC_REGION_WRITER = "region-writer-static";
    /**
     * The character-device major of the stand-ins for other vendors' device nodes: the first of the numbers Linux's
     * devices.txt keeps for local and experimental use, which no driver is assigned.
     */
    static final int STAND_IN_MAJOR = 240;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path shim;
    private final NodeLayout layout;
    private final Path regionWriter;
    private final double usedFraction;
    private final Map<String, String> shimEnv;
    /** The minor number of each stand-in device node made so far, by its path on the simulated host. */
    private final Map<String, Integer> standInMinors = new HashMap<>();

    private RuncRuntime(Path shim, NodeLayout layout, Path regionWriter, double usedFraction, Map<String, String> shimEnv) {
        this.shim = shim;
        this.layout = layout;
        this.regionWriter = regionWriter;
        this.usedFraction = usedFraction;
        this.shimEnv = shimEnv;
    }

    /**
     * Why runc containers cannot run here, if they cannot: they need root, {@code runc} on the PATH, a static
     * busybox, the static region writer and the shim.
     */
    public static Optional<String> unusable(Optional<Path> shim, Optional<Path> staticRegionWriter) {
        if (!isRoot()) {
            return Optional.of("not running as root");
        }
        if (onPath("runc").isEmpty()) {
            return Optional.of("no runc on the PATH");
        }
        if (!Files.isExecutable(BUSYBOX)) {
            return Optional.of("no static busybox at " + BUSYBOX);
        }
        if (staticRegionWriter.filter(Files::isExecutable).isEmpty()) {
            return Optional.of("no " + STATIC_REGION_WRITER + " (build test-fixtures)");
        }
        if (shim.filter(Files::isExecutable).isEmpty()) {
            return Optional.of("no runtime shim hami-runtime (build the checkout)");
        }
        return Optional.empty();
    }

    /** Whether this process runs as root, which mknod and runc need. */
    public static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static Optional<Path> onPath(String name) {
        var path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(":")).filter(d -> !d.isEmpty()).map(d -> Path.of(d, name)).filter(Files::isExecutable).findFirst();
    }

    /**
     * Prepares the node's host for runc containers: device nodes, HAMi-core's placeholder files, the shim's
     * configuration.
     *
     * @param shim         the {@code hami-runtime} launcher; the {@code hami} launcher beside it is the hook
     * @param nvmlLibrary  the NVML library the shim resolves GPU minor numbers with
     * @param regionWriter the static region writer
     */
    public static RuncRuntime prepare(Path shim, NodeLayout layout, String nvmlLibrary, Path regionWriter, double usedFraction)
            throws IOException {
        if (!(usedFraction >= 0 && usedFraction <= 1)) {
            throw new IllegalArgumentException("used fraction must lie in 0..1: " + usedFraction);
        }
        var host = ShimHost.prepare(shim.resolveSibling("hami"), layout, nvmlLibrary);
        Files.createDirectories(layout.root().resolve("bundles"));
        Files.createDirectories(layout.root().resolve("runc"));
        return new RuncRuntime(shim, layout, regionWriter, usedFraction, host.env());
    }

    @Override
    public Running start(PodContainer container, ContainerAllocateResponse allocation) throws IOException {
        var id = container.directoryName();
        var bundle = layout.root().resolve("bundles").resolve(id);
        var region = ContainerFiles.regionOnHost(allocation);
        boolean waits = region.isPresent() || allocation.getDevicesCount() > 0;
        try {
            writeBundle(bundle, container, allocation);
            shim(List.of("run", "--detach", "--bundle", bundle.toString(), id), bundle);
            if (waits) {
                awaitRunning(bundle);
            }
        } catch (IOException e) {
            stop(id, bundle, "KILL");
            throw e;
        }
        // busybox sleep as PID 1 ignores TERM: kubelet would KILL it after the grace period, so skip the wait
        var signal = region.isPresent() ? "TERM" : "KILL";
        return () -> stop(id, bundle, signal);
    }

    private void writeBundle(Path bundle, PodContainer container, ContainerAllocateResponse allocation) throws IOException {
        var bin = Files.createDirectories(bundle.resolve("rootfs/bin"));
        for (var dir : List.of("proc", "dev", "sys", "tmp", "etc")) {
            Files.createDirectories(bundle.resolve("rootfs").resolve(dir));
        }
        Files.copy(BUSYBOX, bin.resolve("busybox"));
        Files.createSymbolicLink(bin.resolve("sleep"), Path.of("busybox"));
        Files.createSymbolicLink(bin.resolve("sh"), Path.of("busybox"));
        List<String> args;
        if (allocation.getEnvsMap().containsKey(HamiCoreView.SHARED_CACHE)) {
            Files.copy(regionWriter, bin.resolve("region-writer"));
            args = List.of("/bin/region-writer", "container", Double.toString(usedFraction));
        } else if (allocation.getDevicesCount() > 0) {
            args = List.of("/bin/sh", "-c", checkDevices(allocation));
        } else {
            args = List.of("/bin/sleep", "2147483647");
        }
        var config = config(container, allocation, args);
        addDevices(config, allocation);
        Files.writeString(bundle.resolve("config.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config));
    }

    /** A script that fails unless each of the answer's device nodes is in the container, then sleeps. */
    private static String checkDevices(ContainerAllocateResponse allocation) {
        var paths = allocation.getDevicesList().stream().map(d -> "'" + d.getContainerPath() + "'")
                .collect(java.util.stream.Collectors.joining(" "));
        return "for d in " + paths + "; do [ -c \"$d\" ] || { echo \"missing device node $d\"; exit 1; }; done; "
                + "echo 'running: device nodes present'; exec sleep 2147483647";
    }

    /**
     * The answer's device nodes in {@code linux.devices} and allowed in the device cgroup, as containerd adds them, each
     * over a stand-in node of the simulated host; mounts whose source the host lacks over empty stand-ins.
     */
    private void addDevices(ObjectNode config, ContainerAllocateResponse allocation) throws IOException {
        var linux = (ObjectNode) config.get("linux");
        var devices = linux.putArray("devices");
        var rules = (ArrayNode) linux.get("resources").get("devices");
        for (var d : allocation.getDevicesList()) {
            int minor = standInNode(d.getHostPath());
            devices.addObject().put("path", d.getContainerPath()).put("type", "c").put("major", STAND_IN_MAJOR)
                    .put("minor", minor).put("fileMode", 438).put("uid", 0).put("gid", 0);
            rules.addObject().put("allow", true).put("type", "c").put("major", STAND_IN_MAJOR).put("minor", minor)
                    .put("access", d.getPermissions().isEmpty() ? "rw" : d.getPermissions());
        }
        for (var m : (ArrayNode) config.get("mounts")) {
            var source = Path.of(m.get("source").asText());
            if ("bind".equals(m.get("type").asText()) && source.isAbsolute() && !Files.exists(source)) {
                var standIn = layout.root().resolve("host").resolve(Path.of("/").relativize(source).toString());
                Files.createDirectories(standIn);
                ((ObjectNode) m).put("source", standIn.toString());
            }
        }
    }

    /** Makes (once) the stand-in of the host's device node {@code hostPath} under {@code dev/}; returns its minor. */
    private synchronized int standInNode(String hostPath) throws IOException {
        var path = Path.of(hostPath).normalize();
        if (!path.startsWith("/dev/") || path.getNameCount() < 2) {
            throw new IOException("device node outside /dev: " + hostPath);
        }
        var existing = standInMinors.get(path.toString());
        if (existing != null) {
            return existing;
        }
        int minor = standInMinors.size();
        var node = layout.root().resolve("dev").resolve(path.subpath(1, path.getNameCount()).toString());
        Files.createDirectories(node.getParent());
        if (!Files.exists(node)) {
            run(List.of("mknod", "-m", "666", node.toString(), "c", Integer.toString(STAND_IN_MAJOR),
                    Integer.toString(minor)), Map.of(), 10);
        }
        standInMinors.put(path.toString(), minor);
        return minor;
    }

    /** The {@code config.json} containerd would write for the container, before the shim edits it. */
    private static ObjectNode config(PodContainer container, ContainerAllocateResponse allocation, List<String> args) {
        var config = JSON.createObjectNode().put("ociVersion", "1.0.2");
        var process = config.putObject("process").put("terminal", false).put("cwd", "/").put("noNewPrivileges", true);
        process.putObject("user").put("uid", 0).put("gid", 0);
        args.forEach(process.putArray("args")::add);
        var env = process.putArray("env").add("PATH=/bin");
        allocation.getEnvsMap().forEach((k, v) -> env.add(k + "=" + v));
        config.putObject("root").put("path", "rootfs").put("readonly", true);
        config.put("hostname", container.pod());
        var mounts = config.putArray("mounts");
        mounts.addObject().put("destination", "/proc").put("type", "proc").put("source", "proc");
        options(mounts.addObject().put("destination", "/dev").put("type", "tmpfs").put("source", "tmpfs"),
                "nosuid", "strictatime", "mode=755", "size=65536k");
        options(mounts.addObject().put("destination", "/tmp").put("type", "tmpfs").put("source", "tmpfs"), "nosuid", "nodev", "mode=1777");
        for (var m : allocation.getMountsList()) {
            options(mounts.addObject().put("destination", m.getContainerPath()).put("type", "bind").put("source", m.getHostPath()),
                    "rbind", m.getReadOnly() ? "ro" : "rw");
        }
        var annotations = config.putObject("annotations");
        annotations.put(CriAnnotations.CONTAINERD_TYPE, "container");
        annotations.put(CriAnnotations.CONTAINERD_CONTAINER, container.container());
        annotations.put(CriAnnotations.CONTAINERD_NAME, container.pod());
        annotations.put(CriAnnotations.CONTAINERD_NAMESPACE, container.namespace());
        annotations.put(CriAnnotations.CONTAINERD_UID, container.uid());
        var linux = config.putObject("linux");
        linux.putObject("resources").putArray("devices").addObject().put("allow", false).put("access", "rwm");
        var namespaces = linux.putArray("namespaces");
        for (var ns : List.of("pid", "network", "ipc", "uts", "mount")) {
            namespaces.addObject().put("type", ns);
        }
        return config;
    }

    private static void options(ObjectNode mount, String... options) {
        ArrayNode array = mount.putArray("options");
        for (var o : options) {
            array.add(o);
        }
    }

    /**
     * Waits (10 s at most) until the container's process says it runs: it booked its memory in the region, or found its
     * device nodes; a container that says a node is missing fails at once.
     */
    private static void awaitRunning(Path bundle) throws IOException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            var log = Files.readString(logFile(bundle));
            if (log.contains("running:")) {
                return;
            }
            if (log.contains("missing device node") || System.nanoTime() > end) {
                throw new IOException("the container did not start: " + log.strip());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the container", e);
            }
        }
    }

    private static Path logFile(Path bundle) {
        return bundle.resolve("container.log");
    }

    /** Stops and deletes the container ({@code signal}, a forced delete after 5 s), then removes its bundle and region directory. */
    @Override
    public void discard(PodContainer container, ContainerAllocateResponse allocation) throws IOException {
        ContainerFiles.deleteTree(layout.root(), layout.containersDir().resolve(container.directoryName()));
    }

    private void stop(String id, Path bundle, String signal) throws IOException {
        var runcRoot = List.of("--root", layout.root().resolve("runc").toString());
        if (Files.isDirectory(layout.root().resolve("runc").resolve(id))) {
            attempt(runcRoot, List.of("kill", id, signal));
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (Files.isDirectory(layout.root().resolve("runc").resolve(id)) && !stopped(runcRoot, id) && System.nanoTime() < end) {
                sleep();
            }
            attempt(runcRoot, List.of("delete", "--force", id));
        }
        ContainerFiles.deleteTree(layout.root(), bundle);
        ContainerFiles.deleteTree(layout.root(), layout.containersDir().resolve(id));
    }

    private boolean stopped(List<String> runcRoot, String id) {
        var command = new ArrayList<>(List.of("runc"));
        command.addAll(runcRoot);
        command.addAll(List.of("state", id));
        try {
            var p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            var out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            return p.exitValue() != 0 || out.contains("\"stopped\"");
        } catch (IOException | InterruptedException | IllegalThreadStateException e) {
            return true;
        }
    }

    private void attempt(List<String> runcRoot, List<String> verb) {
        var command = new ArrayList<>(List.of("runc"));
        command.addAll(runcRoot);
        command.addAll(verb);
        try {
            run(command, Map.of(), 30);
        } catch (IOException e) {
            // already gone, or never created: nothing to stop
        }
    }

    /** One shim call with runc's global {@code --root}, its output in the bundle's log. */
    private void shim(List<String> verb, Path bundle) throws IOException {
        var command = new ArrayList<>(List.of(shim.toString(), "--root", layout.root().resolve("runc").toString()));
        command.addAll(verb);
        var log = logFile(bundle);
        var pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(shimEnv);
        var process = pb.start();
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("hami-runtime " + String.join(" ", verb) + " did not finish");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the container", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException("hami-runtime " + String.join(" ", verb) + " exited " + process.exitValue() + ": "
                    + Files.readString(log).strip());
        }
    }

    private static void run(List<String> command, Map<String, String> env, int timeoutSeconds) throws IOException {
        var pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        var process = pb.start();
        try {
            var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(command.getFirst() + " did not finish");
            }
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " exited " + process.exitValue() + ": " + out);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
