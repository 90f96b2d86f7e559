package io.hami.testfixtures.oci;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * OCI bundles for tests: a {@code config.json} like the one a container manager writes (namespaces, a deny-all device
 * cgroup rule, a read-only root), a busybox root file system, device nodes made with {@code mknod}, and the facts tests
 * skip on (is {@code runc} installed, does the test run as root).
 */
public final class OciBundles {
    /** Where Debian's {@code busybox-static} installs the static busybox. */
    public static final Path BUSYBOX = Path.of("/bin/busybox");
    /** The applets the busybox root file system links. */
    public static final List<String> APPLETS = List.of("sh", "ls", "cat", "env", "stat", "test", "echo", "true", "grep");

    private static final JsonMapper MAPPER = new JsonMapper();

    private OciBundles() {
    }

    /** The template {@code config.json}: {@code sh} as root in its own namespaces, no terminal. */
    public static ObjectNode config() {
        try (InputStream in = OciBundles.class.getResourceAsStream("/oci/config-template.json")) {
            return (ObjectNode) MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The template with these process arguments, extra environment entries and annotations. */
    public static ObjectNode config(List<String> args, List<String> env, Map<String, String> annotations) {
        var config = config();
        var process = config.withObject("/process");
        var argsNode = process.putArray("args");
        args.forEach(argsNode::add);
        env.forEach(process.withArray("env")::add);
        if (!annotations.isEmpty()) {
            var a = config.putObject("annotations");
            annotations.forEach(a::put);
        }
        return config;
    }

    /** Writes {@code config} as {@code <bundle>/config.json} (pretty, as container managers write it) and returns its path. */
    public static Path writeConfig(Path bundle, ObjectNode config) {
        try {
            Files.createDirectories(bundle);
            return Files.writeString(bundle.resolve("config.json"), MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(config) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes {@code <bundle>/rootfs} with busybox and its applets, and the directories a container needs. */
    public static Path busyboxRootfs(Path bundle) {
        var rootfs = bundle.resolve("rootfs");
        try {
            for (var dir : List.of("bin", "proc", "sys", "dev", "tmp", "etc", "usr/local")) {
                Files.createDirectories(rootfs.resolve(dir));
            }
            Files.copy(BUSYBOX, rootfs.resolve("bin/busybox"));
            Files.setPosixFilePermissions(rootfs.resolve("bin/busybox"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            for (var applet : APPLETS) {
                Files.createSymbolicLink(rootfs.resolve("bin").resolve(applet), Path.of("busybox"));
            }
            return rootfs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes character device {@code node} ({@code mknod}, root only), mode 0666. */
    public static void mknod(Path node, int major, int minor) {
        var result = run(List.of("mknod", "-m", "666", node.toString(), "c", Integer.toString(major), Integer.toString(minor)));
        if (result.exitCode() != 0) {
            throw new IllegalStateException("mknod " + node + " failed: " + result.output());
        }
    }

    /** Whether this process runs as root (device nodes and runc need it). */
    public static boolean isRoot() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Whether {@code runc} is installed, a static busybox is there (a dynamic one cannot run in a bare root) and this process may use them. */
    public static boolean runcUsable() {
        return isRoot() && Files.isExecutable(BUSYBOX) && run(List.of("ldd", BUSYBOX.toString())).exitCode() != 0
                && run(List.of("runc", "--version")).exitCode() == 0;
    }

    /** A finished command: exit code and its stdout and stderr together. */
    public record Result(int exitCode, String output) {
    }

    /** Runs {@code command} with at most 60 s; exit code 127 when it cannot start. */
    public static Result run(List<String> command) {
        return run(command, Map.of());
    }

    /** Runs {@code command} with extra environment {@code env}, at most 60 s; its output goes through a file, so a hung child cannot block the test. */
    public static Result run(List<String> command, Map<String, String> env) {
        Path out = null;
        try {
            out = Files.createTempFile("hami-run", ".out");
            var pb = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).redirectOutput(out.toFile());
            pb.environment().putAll(env);
            var process = pb.start();
            process.getOutputStream().close();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return new Result(124, Files.readString(out, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(127, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(130, "interrupted");
        } finally {
            if (out != null) {
                out.toFile().delete();
            }
        }
    }
}
