package io.hami.monitor.config;

import io.hami.model.annotation.GoBool;
import io.hami.model.annotation.GoDuration;
import io.hami.model.protocol.ContainerDirectories;
import io.hami.model.wire.WireFormatException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Everything the monitor is told, built once at start and then passed through constructors.
 *
 * <p>Each {@link Setting} is taken from the first source that has it: a command-line flag, then the
 * environment, then a configuration file ({@code key=value} lines, keys as the flags without {@code --}),
 * then its default. {@link #load} validates every value in one place; an error names the setting and the
 * source it came from.
 *
 * @param nodeName          the node; pods on it carry {@code hami.io/vgpu-node=<nodeName>}
 * @param hookPath          HAMi's monitor {@code HOOK_PATH} (chart: {@code /usr/local/vgpu})
 * @param bindAddress       where {@code /metrics} and {@code /healthz} are served
 * @param legacyMetrics     whether the old metric names are exported too
 * @param resyncInterval    informer resync, and the grace period of a directory whose pod is unknown
 * @param feedbackInterval  the period of discovery and feedback (HAMi: 5 s)
 * @param nvmlLibrary       the NVML library to load
 * @param migApplyLock      while this file exists the feedback pauses
 * @param kubeconfig        a kubeconfig file, when one is given
 */
public record MonitorConfig(String nodeName, Path hookPath, BindAddress bindAddress, boolean legacyMetrics,
                            Duration resyncInterval, Duration feedbackInterval, String nvmlLibrary,
                            Path migApplyLock, Optional<Path> kubeconfig) {

    public MonitorConfig {
        Objects.requireNonNull(nodeName, "nodeName");
        if (nodeName.isBlank()) {
            throw new IllegalArgumentException("node-name must not be empty");
        }
        Objects.requireNonNull(hookPath, "hookPath");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(nvmlLibrary, "nvmlLibrary");
        Objects.requireNonNull(migApplyLock, "migApplyLock");
        Objects.requireNonNull(kubeconfig, "kubeconfig");
        if (resyncInterval.isNegative()) {
            throw new IllegalArgumentException("resync-interval must not be negative: " + GoDuration.format(resyncInterval));
        }
        if (feedbackInterval.isNegative() || feedbackInterval.isZero()) {
            throw new IllegalArgumentException("feedback-interval must be positive: " + GoDuration.format(feedbackInterval));
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
     * @throws IOException              when the file cannot be read
     */
    public static MonitorConfig load(Map<String, String> flags, Map<String, String> env, Optional<Path> file)
            throws IOException {
        var fromFile = new Properties();
        if (file.isPresent()) {
            try (Reader reader = Files.newBufferedReader(file.get(), StandardCharsets.UTF_8)) {
                fromFile.load(reader);
            }
            for (var key : fromFile.stringPropertyNames()) {
                if (java.util.Arrays.stream(Setting.values()).noneMatch(s -> s.key().equals(key))) {
                    throw new IllegalArgumentException(file.get() + ": unknown key " + key);
                }
            }
        }
        var resolver = new Resolver(flags, env, fromFile, file.map(Path::toString).orElse("file"));
        return new MonitorConfig(
                resolver.required(Setting.NODE_NAME),
                resolver.get(Setting.HOOK_PATH, Path::of),
                resolver.get(Setting.METRICS_BIND_ADDRESS, BindAddress::parse),
                resolver.get(Setting.LEGACY_METRICS, MonitorConfig::bool),
                resolver.get(Setting.RESYNC_INTERVAL, GoDuration::parse),
                resolver.get(Setting.FEEDBACK_INTERVAL, GoDuration::parse),
                resolver.get(Setting.NVML_LIBRARY, s -> s),
                resolver.get(Setting.MIG_APPLY_LOCK, Path::of),
                resolver.optional(Setting.KUBECONFIG).map(Path::of));
    }

    /** Go's {@code strconv.ParseBool}. */
    static boolean bool(String text) {
        try {
            return GoBool.INSTANCE.decode(text);
        } catch (WireFormatException e) {
            throw new IllegalArgumentException("not a boolean (true, false, 1, 0, t, f, …): " + text);
        }
    }

    private record Resolver(Map<String, String> flags, Map<String, String> env, Properties file, String fileName) {

        Optional<String> optional(Setting s) {
            return source(s).map(Sourced::value);
        }

        String required(Setting s) {
            return source(s).map(Sourced::value).filter(v -> !v.isBlank()).orElseThrow(() -> new IllegalArgumentException(
                    "--" + s.key() + " (or " + s.env() + ") is required"));
        }

        <T> T get(Setting s, java.util.function.Function<String, T> parse) {
            var sourced = source(s).or(() -> s.defaultValue().map(v -> new Sourced(v, "default")))
                    .orElseThrow(() -> new IllegalArgumentException("--" + s.key() + " is required"));
            try {
                return parse.apply(sourced.value());
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
