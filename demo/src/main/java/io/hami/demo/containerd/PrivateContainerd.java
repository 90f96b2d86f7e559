package io.hami.demo.containerd;

import io.hami.kubelet.cri.CriClient;
import io.hami.kubelet.cri.CriException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's containerd (Debian's 1.6 is what runs in CI) run with everything under one directory: its root, state,
 * gRPC and ttrpc sockets, runc's state (the runc runtime's {@code Root}), the CNI directories (empty: pods use the
 * node's network) and {@code config.toml} (version 2, the native snapshotter, which works on any file system, no
 * OOM score below containerd's own, which works without CAP_SYS_RESOURCE, and the CRI plugin required, so that a
 * config it cannot load stops containerd instead of leaving it up without CRI).
 *
 * <p>A shell script, {@code containerd.sh start|stop|restart}, runs it with the environment given (the runtime shim
 * reads {@code HAMI_RUNTIME_CONFIG} from containerd's environment, through containerd's runc shim); {@code restart}
 * beside it is what {@code hami install runtime --restart command --restart-command} runs. A start waits until
 * containerd answers and fails, with the last lines of its log, when containerd exits (a config it refuses).
 *
 * <p>{@link #close()} leaves nothing: it removes every pod through CRI, stops containerd, kills the runc shims of
 * this containerd (found by the socket address on their command line) and runc's containers under this directory's
 * runc root, and unmounts whatever is still mounted below the directory. containerd 1.6 keeps its shims' sockets in
 * {@code /run/containerd/s/} whatever its state directory; the shims remove them when they end.
 */
public final class PrivateContainerd implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PrivateContainerd.class);
    /** The tools it needs on the PATH: containerd, its ctr client and runc shim, and runc. */
    public static final List<String> TOOLS = List.of("containerd", "ctr", "containerd-shim-runc-v2", "runc");
    /** The CRI plugin's namespace, where kubelet's images and containers live. */
    public static final String NAMESPACE = "k8s.io";

    private final Path dir;

    private PrivateContainerd(Path dir) {
        this.dir = dir;
    }

    /** Why it cannot run here, if it cannot: it needs root and {@link #TOOLS} on the PATH. */
    public static Optional<String> unusable() {
        try {
            if (!Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"))) {
                return Optional.of("not running as root");
            }
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.of("cannot tell the user id: " + e.getMessage());
        }
        var path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (var tool : TOOLS) {
            if (Stream.of(path.split(":")).filter(d -> !d.isEmpty()).map(d -> Path.of(d, tool)).noneMatch(Files::isExecutable)) {
                return Optional.of("no " + tool + " on the PATH (apt-get install containerd)");
            }
        }
        return Optional.empty();
    }

    /**
     * Writes the config and the scripts into {@code dir} (created); starts nothing.
     *
     * @param sandboxImage the CRI plugin's sandbox ("pause") image
     * @param env          containerd's environment beyond PATH (the shim's {@code HAMI_RUNTIME_CONFIG}, …)
     */
    public static PrivateContainerd create(Path dir, String sandboxImage, Map<String, String> env) throws IOException {
        dir = Files.createDirectories(dir).toAbsolutePath().normalize();
        for (var sub : List.of("root", "state", "runc", "cni/bin", "cni/conf", "opt")) {
            Files.createDirectories(dir.resolve(sub));
        }
        var containerd = new PrivateContainerd(dir);
        Files.writeString(containerd.config(), config(dir, sandboxImage), StandardCharsets.UTF_8);
        script(dir.resolve("containerd.sh"), control(dir, env));
        script(containerd.restartCommand(), "#!/bin/sh\nexec '" + dir.resolve("containerd.sh") + "' restart\n");
        return containerd;
    }

    private static String config(Path dir, String sandboxImage) {
        var cri = "[plugins.\"io.containerd.grpc.v1.cri\"";
        return String.join("\n",
                "# A containerd of its own under " + dir + " (hami-java's PrivateContainerd).",
                "version = 2",
                "root = \"" + dir.resolve("root") + "\"",
                "state = \"" + dir.resolve("state") + "\"",
                "required_plugins = [\"io.containerd.grpc.v1.cri\"]",
                "disabled_plugins = [\"io.containerd.snapshotter.v1.aufs\", \"io.containerd.snapshotter.v1.btrfs\", "
                        + "\"io.containerd.snapshotter.v1.devmapper\", \"io.containerd.snapshotter.v1.zfs\", "
                        + "\"io.containerd.snapshotter.v1.overlayfs\", \"io.containerd.tracing.processor.v1.otlp\", "
                        + "\"io.containerd.internal.v1.tracing\"]",
                "",
                "[grpc]",
                "  address = \"" + dir.resolve("containerd.sock") + "\"",
                "",
                "[ttrpc]",
                "  address = \"" + dir.resolve("containerd.sock.ttrpc") + "\"",
                "",
                "[plugins.\"io.containerd.internal.v1.opt\"]",
                "  path = \"" + dir.resolve("opt") + "\"",
                "",
                cri + "]",
                "  sandbox_image = \"" + sandboxImage + "\"",
                "  stream_server_port = \"0\"",
                // kubelet's sandboxes ask for oom_score_adj -998, which a process without CAP_SYS_RESOURCE (in a
                // container, say) may not set: runc's init then fails ("can't get final child's PID from pipe")
                "  restrict_oom_score_adj = true",
                "",
                cri + ".cni]",
                "  bin_dir = \"" + dir.resolve("cni/bin") + "\"",
                "  conf_dir = \"" + dir.resolve("cni/conf") + "\"",
                "",
                cri + ".containerd]",
                "  snapshotter = \"native\"",
                "  default_runtime_name = \"runc\"",
                "",
                cri + ".containerd.runtimes.runc]",
                "  runtime_type = \"io.containerd.runc.v2\"",
                "",
                cri + ".containerd.runtimes.runc.options]",
                "  Root = \"" + dir.resolve("runc") + "\"",
                "  SystemdCgroup = false",
                "");
    }

    private static String control(Path dir, Map<String, String> env) {
        var exports = new StringBuilder();
        new TreeMap<>(env).forEach((k, v) -> exports.append("export ").append(k).append("='").append(v.replace("'", "'\\''"))
                .append("'\n"));
        return "#!/bin/sh\n"
                + "# start|stop|restart the containerd of " + dir + " (written by hami-java's PrivateContainerd)\n"
                + "set -u\n"
                + "dir='" + dir + "'\n"
                + "pidfile=\"$dir/containerd.pid\"\n"
                + "export PATH='" + Optional.ofNullable(System.getenv("PATH")).orElse("/usr/sbin:/usr/bin:/sbin:/bin") + "'\n"
                + exports
                + "stop() {\n"
                + "  [ -f \"$pidfile\" ] || return 0\n"
                + "  pid=\"$(cat \"$pidfile\")\"\n"
                + "  kill -TERM \"$pid\" 2>/dev/null\n"
                + "  i=0\n"
                + "  while kill -0 \"$pid\" 2>/dev/null; do\n"
                + "    i=$((i + 1)); [ $i -eq 100 ] && kill -KILL \"$pid\" 2>/dev/null; sleep 0.1\n"
                + "  done\n"
                + "  rm -f \"$pidfile\"\n"
                + "}\n"
                + "start() {\n"
                + "  setsid containerd --config \"$dir/config.toml\" >> \"$dir/containerd.log\" 2>&1 < /dev/null &\n"
                + "  pid=$!\n"
                + "  echo \"$pid\" > \"$pidfile\"\n"
                + "  i=0\n"
                + "  until ctr --address \"$dir/containerd.sock\" version > /dev/null 2>&1; do\n"
                + "    if ! kill -0 \"$pid\" 2>/dev/null; then\n"
                + "      rm -f \"$pidfile\"\n"
                + "      echo \"containerd exited at start: $(tail -n 2 \"$dir/containerd.log\" | tr '\\n' ' ')\" >&2; exit 1\n"
                + "    fi\n"
                + "    i=$((i + 1)); [ $i -ge 300 ] && { echo 'containerd did not answer within 30 s' >&2; stop; exit 1; }\n"
                + "    sleep 0.1\n"
                + "  done\n"
                + "}\n"
                + "case \"${1:-}\" in\n"
                + "  start) start;;\n"
                + "  stop) stop;;\n"
                + "  restart) stop; start;;\n"
                + "  *) echo \"usage: $0 start|stop|restart\" >&2; exit 2;;\n"
                + "esac\n";
    }

    private static void script(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The directory everything lives under. */
    public Path dir() {
        return dir;
    }

    /** containerd's gRPC socket, where CRI is served. */
    public Path socket() {
        return dir.resolve("containerd.sock");
    }

    /** containerd's config file. */
    public Path config() {
        return dir.resolve("config.toml");
    }

    /** runc's state directory of the {@code runc} runtime (and of handlers that copy its options). */
    public Path runcRoot() {
        return dir.resolve("runc");
    }

    /** A program that restarts this containerd (for the runtime installer's {@code --restart-command}). */
    public Path restartCommand() {
        return dir.resolve("restart");
    }

    /** Starts containerd and waits until its CRI plugin answers. */
    public void start() throws IOException {
        control("start");
        awaitCri();
    }

    /** Stops containerd (its containers keep running: their shims are processes of their own). */
    public void stop() throws IOException {
        control("stop");
    }

    /** Whether containerd's process runs. */
    public boolean running() {
        try {
            var pid = Files.readString(dir.resolve("containerd.pid")).strip();
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    /** Waits (30 s at most) until the CRI plugin has recovered its state and answers. */
    public void awaitCri() throws IOException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (var cri = CriClient.connect(socket(), Duration.ofSeconds(5))) {
                return;
            } catch (CriException e) {
                if (System.nanoTime() > end || !running()) {
                    throw new IOException("containerd's CRI plugin does not answer at " + socket() + ": " + e.getMessage()
                            + "; its log ends: " + logTail(3), e);
                }
            }
            sleep(100);
        }
    }

    /** Imports the OCI archive's images into the CRI namespace, named {@code baseName:<tag>}, unpacked for CRI's snapshotter. */
    public void importImages(Path archive, String baseName) throws IOException {
        run(List.of("ctr", "--address", socket().toString(), "-n", NAMESPACE, "images", "import", "--base-name", baseName,
                "--snapshotter", "native", archive.toString()), 120);
    }

    /** The last {@code lines} lines of containerd's log. */
    public String logTail(int lines) {
        try {
            var all = Files.readAllLines(dir.resolve("containerd.log"), StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Removes every pod, stops containerd and everything it left running or mounted. Idempotent. */
    @Override
    public void close() {
        if (running()) {
            try (var cri = CriClient.connect(socket(), Duration.ofSeconds(30))) {
                for (var sandbox : cri.listPodSandboxes()) {
                    cri.stopPodSandbox(sandbox.getId());
                    cri.removePodSandbox(sandbox.getId());
                }
            } catch (CriException e) {
                LOG.warn("containerd at {}: pods not removed through CRI: {}", socket(), e.getMessage());
            }
        }
        try {
            stop();
        } catch (IOException e) {
            LOG.warn("containerd at {}: {}", socket(), e.getMessage());
        }
        killShims();
        for (var container : runcContainers()) {
            attempt(List.of("runc", "--root", container.getParent().toString(), "delete", "--force",
                    container.getFileName().toString()));
        }
        unmountBelow(dir);
    }

    /** The ids of the processes running containerd's runc shim for this containerd. */
    public List<Long> shims() {
        var address = socket().toString();
        try (var procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+")).filter(p -> {
                try {
                    var args = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).split("\0");
                    return args.length > 0 && args[0].endsWith("containerd-shim-runc-v2") && List.of(args).contains(address);
                } catch (IOException e) {
                    return false;
                }
            }).map(p -> Long.parseLong(p.getFileName().toString())).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The state directories of the containers runc has under this containerd's runc root. */
    public List<Path> runcContainers() {
        if (!Files.isDirectory(runcRoot())) {
            return List.of();
        }
        try (var entries = Files.list(runcRoot())) {
            // the runtime's Root holds one runc root per containerd namespace, each with one directory per container
            var containers = new ArrayList<Path>();
            for (var ns : entries.filter(Files::isDirectory).toList()) {
                try (var states = Files.list(ns)) {
                    states.filter(Files::isDirectory).forEach(containers::add);
                }
            }
            return containers;
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The mount points below {@code root}, deepest first. */
    public static List<Path> mountsBelow(Path root) {
        try {
            return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream().map(l -> l.split(" "))
                    .filter(f -> f.length > 4).map(f -> Path.of(f[4].replace("\\040", " ")))
                    .filter(p -> p.startsWith(root)).sorted(Comparator.comparingInt(Path::getNameCount).reversed()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private void killShims() {
        for (var pid : shims()) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private static void unmountBelow(Path root) {
        for (var mount : mountsBelow(root)) {
            attempt(List.of("umount", "-l", mount.toString()));
        }
    }

    private void control(String verb) throws IOException {
        run(List.of(dir.resolve("containerd.sh").toString(), verb), 60);
    }

    private static void attempt(List<String> command) {
        try {
            run(command, 30);
        } catch (IOException e) {
            LOG.debug("{}: {}", String.join(" ", command), e.getMessage());
        }
    }

    private static void run(List<String> command, int timeoutSeconds) throws IOException {
        var out = Files.createTempFile("hami-containerd", ".out");
        try {
            var process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
            }
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " exited " + process.exitValue() + ": "
                        + Files.readString(out).strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
