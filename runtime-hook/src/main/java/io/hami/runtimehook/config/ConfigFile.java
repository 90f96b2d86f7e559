package io.hami.runtimehook.config;

import io.hami.model.input.UntrustedFiles;
import io.hami.model.input.UntrustedInputException;
import io.hami.model.annotation.GoDuration;
import io.hami.model.protocol.HamiCoreSettings;
import io.hami.model.vendor.DefaultVendors;
import io.hami.runtimehook.HookException;
import io.hami.runtimehook.device.DriverInfoDeviceResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@link RuntimeHookConfig} from a small {@code key = value} file ({@code #} starts a comment), so that
 * the shell launcher can read {@code runtime} from the same file without a JVM. The file is named by
 * {@code HAMI_RUNTIME_CONFIG}, else {@link #DEFAULT_PATH}; a missing default file means the built-in defaults.
 * It runs as root, so the file must belong to root (or to the user running it) and be writable by no one else.
 *
 * <p>Keys: {@code runtime}, {@code hookPath}, {@code libvgpu}, {@code vgpuLockDir}, {@code devRoot},
 * {@code nvmlLibrary}, {@code driverInfoDir}, {@code hook} (a path or {@code none}; default: {@code HAMI_COMMAND}, which the
 * {@code hami} launcher sets to itself), {@code startHook} ({@code true} or {@code false}, the default), {@code hookTimeout},
 * {@code stateDir}.
 */
public final class ConfigFile {
    /** Where the node's configuration lives unless {@code HAMI_RUNTIME_CONFIG} says otherwise. */
    public static final String DEFAULT_PATH = "/etc/hami/runtime.conf";
    /** The variable naming the configuration file. */
    public static final String CONFIG_ENV = "HAMI_RUNTIME_CONFIG";
    /** The variable the launcher sets to its own absolute path. */
    public static final String COMMAND_ENV = "HAMI_COMMAND";

    private static final Set<String> KEYS = Set.of("runtime", "hookPath", "libvgpu", "vgpuLockDir", "devRoot", "nvmlLibrary",
            "driverInfoDir", "hook", "startHook", "hookTimeout", "stateDir", "allocationWait");
    private static final int MAX_BYTES = 64 * 1024;

    private ConfigFile() {
    }

    /** The file that configures a process with environment {@code env}, whether or not it exists. */
    public static Path path(Map<String, String> env) {
        var named = env.get(CONFIG_ENV);
        return Path.of(named == null || named.isEmpty() ? DEFAULT_PATH : named).toAbsolutePath().normalize();
    }

    /** The configuration for a process with environment {@code env}. */
    public static RuntimeHookConfig load(Map<String, String> env) throws HookException {
        var named = env.get(CONFIG_ENV);
        var path = path(env);
        Map<String, String> values;
        try {
            values = parse(path);
        } catch (NoSuchFileException e) {
            if (named != null && !named.isEmpty()) {
                throw new HookException("runtime config " + path + ": no such file");
            }
            return build(Map.of(), env, Optional.empty());
        }
        return build(values, env, Optional.of(path));
    }

    static Map<String, String> parse(Path path) throws HookException, NoSuchFileException {
        byte[] content;
        try {
            var owner = (Integer) Files.getAttribute(path, "unix:uid");
            var mode = (Integer) Files.getAttribute(path, "unix:mode");
            if (owner != 0 && owner.longValue() != currentUid()) {
                throw new HookException("runtime config " + path + ": owned by uid " + owner + ", not by root");
            }
            if ((mode & 0022) != 0) {
                throw new HookException("runtime config " + path + ": writable by group or others (mode " + Integer.toOctalString(mode & 07777) + ")");
            }
            content = UntrustedFiles.readBytes(path, MAX_BYTES);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            throw new HookException("runtime config " + (e instanceof UntrustedInputException ? "" : path + ": ")
                    + e.getMessage(), e);
        }
        return parse(path, content);
    }

    /**
     * The settings in {@code content}, read from {@code path} after its owner and mode were checked; errors as
     * {@link #parse(Path)} gives them. The fuzz target feeds it from memory.
     */
    static Map<String, String> parse(Path path, byte[] content) throws HookException {
        String text;
        try {
            text = UntrustedFiles.text(content, path.toString());
        } catch (UntrustedInputException e) {
            throw new HookException("runtime config " + e.getMessage(), e);
        }
        var values = new LinkedHashMap<String, String>();
        var lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            var line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            var key = eq < 0 ? line : line.substring(0, eq).strip();
            if (eq < 0 || !KEYS.contains(key)) {
                throw new HookException("runtime config " + path + ": line " + (i + 1) + ": expected one of " + KEYS + " = value: "
                        + HookException.oneLine(line));
            }
            if (values.put(key, line.substring(eq + 1).strip()) != null) {
                throw new HookException("runtime config " + path + ": line " + (i + 1) + ": " + key + " is set twice");
            }
        }
        return values;
    }

    private static long currentUid() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }

    /** Builds the configuration from file values over the defaults. */
    static RuntimeHookConfig build(Map<String, String> v, Map<String, String> env, Optional<Path> file) throws HookException {
        var where = file.isPresent() ? "runtime config " + file.get() : "runtime config (defaults)";
        try {
            var hookPath = v.getOrDefault("hookPath", "/usr/local");
            var defaults = new HamiCoreSettings(hookPath, "/", false, Optional.empty(), false);
            var libvgpu = v.getOrDefault("libvgpu", defaults.vgpuDir() + "/libvgpu.so");
            var settings = new HamiCoreSettings(hookPath, libvgpu, false, Optional.empty(), false);
            var nodes = DefaultVendors.nvidiaDeviceNodes();
            Optional<Path> hook;
            var hookValue = v.get("hook");
            if ("none".equals(hookValue)) {
                hook = Optional.empty();
            } else if (hookValue != null) {
                hook = Optional.of(Path.of(hookValue));
            } else {
                var launcher = env.get(COMMAND_ENV);
                hook = launcher == null || launcher.isEmpty() ? Optional.empty() : Optional.of(Path.of(launcher));
            }
            var startHook = v.getOrDefault("startHook", "false");
            if (!startHook.equals("true") && !startHook.equals("false")) {
                throw new IllegalArgumentException("startHook: expected true or false: " + HookException.oneLine(startHook));
            }
            int timeout = Integer.parseInt(v.getOrDefault("hookTimeout", "10"));
            var runtime = v.getOrDefault("runtime", "runc");
            if (runtime.isEmpty() || runtime.contains("/") && !runtime.startsWith("/") || runtime.contains("\0")) {
                throw new IllegalArgumentException("runtime: an absolute path or a bare command name: " + runtime);
            }
            return new RuntimeHookConfig(runtime, settings, Path.of(v.getOrDefault("vgpuLockDir", "/tmp/vgpulock")),
                    Path.of(v.getOrDefault("devRoot", "/dev")), nodes, v.getOrDefault("nvmlLibrary", "libnvidia-ml.so.1"),
                    Path.of(v.getOrDefault("driverInfoDir", DriverInfoDeviceResolver.DEFAULT_DIR)), hook, startHook.equals("true"), timeout,
                    Path.of(v.getOrDefault("stateDir", "/run/hami/runtime")), file,
                    v.containsKey("allocationWait") ? GoDuration.parse(v.get("allocationWait"))
                            : RuntimeHookConfig.DEFAULT_ALLOCATION_WAIT);
        } catch (IllegalArgumentException e) {
            throw new HookException(where + ": " + e.getMessage(), e);
        }
    }
}
