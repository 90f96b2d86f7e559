package io.hami.monitor.config;

import io.hami.bindings.discovery.DeviceVendor;
import io.hami.model.annotation.GoBool;
import io.hami.model.annotation.GoDuration;
import io.hami.model.annotation.KubernetesNames;
import io.hami.model.input.UntrustedFiles;
import io.hami.model.input.UntrustedInputException;
import io.hami.model.protocol.ContainerDirectories;
import io.hami.model.wire.WireFormatException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Everything the monitor is told, built once at start and then passed through constructors.
 *
 * <p>Each {@link Setting} is taken from the first source that has it: a command-line flag, then the
 * environment, then a configuration file ({@code key=value} lines, keys as the flags without {@code --}),
 * then its default. {@link #load} validates every value in one place; an error names the setting and the
 * source it came from.
 *
 * <p>Bounds: the node name is a DNS-1123 subdomain, as Kubernetes names nodes (it is matched against a label
 * and appears in log lines, so {@code ../../etc} is refused); the feedback interval is at least
 * {@link #MIN_FEEDBACK_INTERVAL}, since each pass reads every container's region and asks NVML about every
 * GPU, and the health check calls the loop stalled after three intervals; the resync interval is at least
 * {@link #MIN_RESYNC_INTERVAL}, since it is also the grace period before the directory of a pod the informer
 * has not seen yet is removed. The file is read through {@link UntrustedFiles} (at most
 * {@value #MAX_FILE_BYTES} bytes of UTF-8).
 *
 * @param nodeName          the node; pods on it carry {@code hami.io/vgpu-node=<nodeName>}
 * @param hookPath          HAMi's monitor {@code HOOK_PATH} (chart: {@code /usr/local/vgpu})
 * @param bindAddress       where {@code /metrics} and {@code /healthz} are served
 * @param legacyMetrics     whether the old metric names are exported too
 * @param resyncInterval    informer resync, and the grace period of a directory whose pod is unknown
 * @param feedbackInterval  the period of discovery and feedback (HAMi: 5 s)
 * @param vendor            whose accelerators the host metrics read
 * @param library           the vendor's library (a name the dynamic linker searches for, or a path); empty: the
 *                          vendor's usual names and places ({@link DeviceVendor#libraries()})
 * @param migApplyLock      while this file exists the feedback pauses
 * @param kubeconfig        a kubeconfig file, when one is given
 * @param resourceName      the GPU count resource, e.g. {@code nvidia.com/gpu}: containers asking for it own the
 *                          allocation's entries (docs/protocol.md, "Allocation entries and containers")
 */
public record MonitorConfig(String nodeName, Path hookPath, BindAddress bindAddress, boolean legacyMetrics,
                            Duration resyncInterval, Duration feedbackInterval, DeviceVendor vendor,
                            Optional<String> library, Path migApplyLock, Optional<Path> kubeconfig, String resourceName) {

    /** The shortest feedback period: HAMi's is 5 s. */
    public static final Duration MIN_FEEDBACK_INTERVAL = Duration.ofMillis(100);
    /** The shortest resync interval, which is also the grace period of an unknown pod's directory. */
    public static final Duration MIN_RESYNC_INTERVAL = Duration.ofSeconds(1);
    /** An extended resource name, {@code <DNS subdomain>/<name>} (the name part at most 63 characters). */
    private static final java.util.regex.Pattern RESOURCE_NAME = java.util.regex.Pattern.compile(
            "[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?/[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    /** The largest configuration file: a few dozen {@code key=value} lines need far less. */
    public static final int MAX_FILE_BYTES = 64 * 1024;

    public MonitorConfig {
        Objects.requireNonNull(nodeName, "nodeName");
        if (!KubernetesNames.isDnsSubdomain(nodeName)) {
            throw new IllegalArgumentException("node-name: " + notANodeName(nodeName));
        }
        Objects.requireNonNull(hookPath, "hookPath");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(library, "library");
        if (library.isPresent() && library.get().isBlank()) {
            throw new IllegalArgumentException("library: empty");
        }
        Objects.requireNonNull(migApplyLock, "migApplyLock");
        Objects.requireNonNull(kubeconfig, "kubeconfig");
        Objects.requireNonNull(resourceName, "resourceName");
        if (!RESOURCE_NAME.matcher(resourceName).matches()) {
            throw new IllegalArgumentException("resource-name: not an extended resource name such as nvidia.com/gpu: "
                    + WireFormatException.quote(resourceName));
        }
        if (resyncInterval.compareTo(MIN_RESYNC_INTERVAL) < 0) {
            throw new IllegalArgumentException("resync-interval must be at least " + GoDuration.format(MIN_RESYNC_INTERVAL)
                    + ": " + GoDuration.format(resyncInterval));
        }
        if (feedbackInterval.compareTo(MIN_FEEDBACK_INTERVAL) < 0) {
            throw new IllegalArgumentException("feedback-interval must be at least " + GoDuration.format(MIN_FEEDBACK_INTERVAL)
                    + ": " + GoDuration.format(feedbackInterval));
        }
    }

    /** The directory of the per-container directories: {@code <hookPath>/containers}. */
    public Path containersDir() {
        return ContainerDirectories.root(hookPath);
    }

    /**
     * Builds the configuration from the three sources.
     *
     * @param flags the flags given on the command line, by {@link Setting#key()}
     * @param env   the environment
     * @param file  a configuration file, when one is given
     * @throws IllegalArgumentException with one line naming the setting, its source and the bad value
     * @throws UntrustedInputException  when the file is missing, not a regular file, too large or not UTF-8
     */
    public static MonitorConfig load(Map<String, String> flags, Map<String, String> env, Optional<Path> file)
            throws UntrustedInputException {
        if (file.isPresent()) {
            return load(flags, env, file.get(), UntrustedFiles.readBytes(file.get(), MAX_FILE_BYTES));
        }
        return resolve(new Resolver(flags, env, new Properties(), "file"));
    }

    /**
     * As {@link #load(Map, Map, Optional)} with the file's {@code content} already read from {@code file}; the fuzz
     * target feeds it from memory.
     */
    static MonitorConfig load(Map<String, String> flags, Map<String, String> env, Path file, byte[] content)
            throws UntrustedInputException {
        var text = UntrustedFiles.text(content, file.toString());
        var fromFile = new Properties();
        try {
            fromFile.load(new StringReader(text));
        } catch (IllegalArgumentException e) { // a malformed Unicode escape
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("a StringReader does not fail", e);
        }
        for (var key : fromFile.stringPropertyNames()) {
            if (Arrays.stream(Setting.values()).noneMatch(s -> s.key().equals(key))) {
                throw new IllegalArgumentException(file + ": unknown key " + WireFormatException.quote(key));
            }
        }
        return resolve(new Resolver(flags, env, fromFile, file.toString()));
    }

    private static MonitorConfig resolve(Resolver resolver) {
        var vendor = resolver.get(Setting.VENDOR, MonitorConfig::vendor);
        return new MonitorConfig(
                resolver.required(Setting.NODE_NAME, MonitorConfig::nodeName),
                resolver.get(Setting.HOOK_PATH, Path::of),
                resolver.get(Setting.METRICS_BIND_ADDRESS, BindAddress::parse),
                resolver.get(Setting.LEGACY_METRICS, MonitorConfig::bool),
                resolver.get(Setting.RESYNC_INTERVAL, GoDuration::parse),
                resolver.get(Setting.FEEDBACK_INTERVAL, GoDuration::parse),
                vendor,
                library(resolver, vendor),
                resolver.get(Setting.MIG_APPLY_LOCK, Path::of),
                resolver.optional(Setting.KUBECONFIG, Path::of),
                resolver.get(Setting.RESOURCE_NAME, r -> r));
    }

    private static DeviceVendor vendor(String text) {
        return DeviceVendor.byId(text).orElseThrow(() -> new IllegalArgumentException("unknown vendor "
                + WireFormatException.quote(text) + " (one of " + Arrays.stream(DeviceVendor.values()).map(DeviceVendor::id).collect(Collectors.joining(", "))
                + ")"));
    }

    /**
     * The library: {@code library}, or {@code nvml-library} where the vendor is NVIDIA (its older name). Both at
     * once, or {@code nvml-library} for another vendor, is refused rather than one silently winning.
     */
    private static Optional<String> library(Resolver resolver, DeviceVendor vendor) {
        for (var setting : List.of(Setting.LIBRARY, Setting.NVML_LIBRARY)) {
            resolver.source(setting).filter(s -> s.value().isBlank()).ifPresent(s -> {
                throw new IllegalArgumentException(setting.key() + " from " + s.origin() + ": empty");
            });
        }
        var library = resolver.source(Setting.LIBRARY);
        var nvml = resolver.source(Setting.NVML_LIBRARY);
        if (nvml.isPresent() && library.isPresent()) {
            throw new IllegalArgumentException("library from " + library.get().origin() + " and nvml-library from "
                    + nvml.get().origin() + " both name the library: give one");
        }
        if (nvml.isPresent() && vendor != DeviceVendor.NVIDIA) {
            throw new IllegalArgumentException("nvml-library from " + nvml.get().origin() + " is NVIDIA's library, but "
                    + "the vendor is " + vendor.id() + ": use library (--library or " + Setting.LIBRARY.env() + ")");
        }
        return library.or(() -> nvml).map(Sourced::value);
    }

    private static String nodeName(String text) {
        if (!KubernetesNames.isDnsSubdomain(text)) {
            throw new IllegalArgumentException(notANodeName(text));
        }
        return text;
    }

    private static String notANodeName(String text) {
        return "not a DNS-1123 subdomain (lower-case letters, digits, '-' and '.', as Kubernetes names nodes): "
                + WireFormatException.quote(text);
    }

    /** Go's {@code strconv.ParseBool}. */
    static boolean bool(String text) {
        try {
            return GoBool.INSTANCE.decode(text);
        } catch (WireFormatException e) {
            throw new IllegalArgumentException("not a boolean (true, false, 1, 0, t, f, …): "
                    + WireFormatException.quote(text));
        }
    }

    private record Resolver(Map<String, String> flags, Map<String, String> env, Properties file, String fileName) {

        /** The setting parsed where a source has it; its errors are named as {@link #get}'s are. */
        <T> Optional<T> optional(Setting s, java.util.function.Function<String, T> parse) {
            return source(s).map(sourced -> parse(s, sourced, parse));
        }

        <T> T required(Setting s, java.util.function.Function<String, T> parse) {
            var sourced = source(s).filter(v -> !v.value().isBlank()).orElseThrow(() -> new IllegalArgumentException(
                    "--" + s.key() + " (or " + s.env() + ") is required"));
            return parse(s, sourced, parse);
        }

        <T> T get(Setting s, java.util.function.Function<String, T> parse) {
            var sourced = source(s).or(() -> s.defaultValue().map(v -> new Sourced(v, "default")))
                    .orElseThrow(() -> new IllegalArgumentException("--" + s.key() + " is required"));
            return parse(s, sourced, parse);
        }

        private static <T> T parse(Setting s, Sourced sourced, java.util.function.Function<String, T> parse) {
            try {
                return parse.apply(sourced.value());
            } catch (InvalidPathException e) {
                // its message repeats the raw value, line breaks included
                throw new IllegalArgumentException(s.key() + " from " + sourced.origin() + ": not a path (" + e.getReason()
                        + "): " + WireFormatException.quote(sourced.value()), e);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(s.key() + " from " + sourced.origin() + ": " + e.getMessage(), e);
            }
        }

        private Optional<Sourced> source(Setting s) {
            if (flags.get(s.key()) != null) {
                return Optional.of(new Sourced(flags.get(s.key()), "--" + s.key()));
            }
            var fromEnv = env.get(s.env());
            if (fromEnv != null && !fromEnv.isEmpty()) {
                return Optional.of(new Sourced(fromEnv, "$" + s.env()));
            }
            var fromFile = file.getProperty(s.key());
            return fromFile == null ? Optional.empty() : Optional.of(new Sourced(fromFile.trim(), fileName));
        }
    }

    private record Sourced(String value, String origin) {
    }
}
