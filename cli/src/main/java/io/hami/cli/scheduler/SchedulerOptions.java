package io.hami.cli.scheduler;

import io.hami.cli.UserInputException;
import io.hami.model.annotation.GpuSchedulerPolicyCodec;
import io.hami.model.annotation.NodeSchedulerPolicyCodec;
import io.hami.model.config.DeviceConfig;
import io.hami.model.config.DeviceConfigLoader;
import io.hami.model.wire.WireFormatException;
import io.hami.scheduler.SchedulerConfig;
import io.hami.scheduler.daemon.DaemonConfig;
import io.hami.model.annotation.GoDuration;
import io.hami.scheduler.vendor.DeviceTypes;
import io.hami.model.input.UntrustedInputException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The flags of HAMi's scheduler (docs/scheduler.md, "Flags") that apply here, resolved once into a
 * {@link DaemonConfig}: flags first, then the environment ({@code HAMI_NODELOCK_EXPIRE}, {@code POD_NAME},
 * {@code POD_NAMESPACE}, {@code HOSTNAME}), then the device config file.
 */
public final class SchedulerOptions {

    @Option(names = "--http_bind", defaultValue = "127.0.0.1:8080", description = "Address of the extender's "
            + "/filter and /bind, for kube-scheduler: a loopback address, unless --client_ca_file is given (default: "
            + "${DEFAULT-VALUE}; the chart uses 127.0.0.1:8443).")
    String httpBind;

    @Option(names = "--webhook_bind", defaultValue = ":9443", description = "Address of the admission webhook "
            + "(/webhook), for the API server (default: ${DEFAULT-VALUE}).")
    String webhookBind;

    @Option(names = "--cert_file", description = "PEM certificate chain for HTTPS (the chart's /tls/tls.crt).")
    Path certFile;

    @Option(names = "--key_file", description = "PEM private key for HTTPS (the chart's /tls/tls.key).")
    Path keyFile;

    @Option(names = "--client_ca_file", description = "PEM CA certificates: clients of /filter and /bind must present "
            + "a certificate one of them signed (mutual TLS); needed to listen on another address than loopback.")
    Path clientCaFile;

    @Option(names = "--plain-http", description = "Serve plain HTTP instead of HTTPS (no certificate needed).")
    boolean plainHttp;

    @Option(names = "--scheduler-name", defaultValue = "", description = "Scheduler name the webhook sets on pods "
            + "that ask for devices (the chart uses hami-scheduler).")
    String schedulerName;

    @Option(names = "--force-overwrite-default-scheduler", arity = "1", defaultValue = "true",
            description = "Replace default-scheduler by --scheduler-name (default: ${DEFAULT-VALUE}).")
    boolean forceOverwrite;

    @Option(names = "--node-scheduler-policy", defaultValue = "binpack", description = "binpack or spread "
            + "(default: ${DEFAULT-VALUE}).")
    String nodePolicy;

    @Option(names = "--gpu-scheduler-policy", defaultValue = "spread", description = "binpack, spread, "
            + "topology-aware, mutex, numa or a comma list (default: ${DEFAULT-VALUE}).")
    String gpuPolicy;

    @Option(names = "--evaluation", defaultValue = "best-first", description = "best-first (stop at the first "
            + "fitting node in order of preference) or all-nodes (fit every candidate, as HAMi does).")
    String evaluation;

    @Option(names = "--metrics-bind-address", defaultValue = ":9395", description = "Address of /metrics "
            + "(default: ${DEFAULT-VALUE}).")
    String metricsBind;

    @Option(names = "--allocation-page-address", description = "Serve the read-only allocation page (nodes, "
            + "devices, pods, pods waiting and why) on this host:port, plain HTTP; off unless given.")
    String allocationPage;

    @Option(names = "--legacy-metrics", description = "Also emit the metric names of HAMi before 2.8.")
    boolean legacyMetrics;

    @Option(names = "--node-label-selector", defaultValue = "", description = "Register only nodes with these "
            + "labels: k=v,k2=v2.")
    String nodeLabelSelector;

    @Option(names = "--kube-timeout", defaultValue = "0", description = "API request timeout, a Go duration (a bare "
            + "number is seconds, as HAMi's flag takes it); 0 for the client's default.")
    String kubeTimeout;

    @Option(names = "--node-lock-timeout", description = "When a node lock expires, a Go duration (default: "
            + "HAMI_NODELOCK_EXPIRE, else 5m).")
    String nodeLockTimeout;

    @Option(names = "--node-lock-retry-timeout", defaultValue = "28s", description = "How long a PodGroup member's "
            + "bind waits for a node lock (default: ${DEFAULT-VALUE}; 0 tries once).")
    String nodeLockRetryTimeout;

    @Option(names = "--node-lock-wait", defaultValue = "20s", description = "How long a bind waits for a node lock "
            + "another live pod holds, woken when it is released, in arrival order per node; keep it under the "
            + "extender's httpTimeout (default: ${DEFAULT-VALUE}; 0 fails at once, as HAMi does).")
    String nodeLockWait;

    @Option(names = "--leader-elect", description = "Lead only while kube-scheduler's Lease names this host.")
    boolean leaderElect;

    @Option(names = "--leader-elect-resource-name", defaultValue = "", description = "The Lease's name.")
    String leaseName;

    @Option(names = "--leader-elect-resource-namespace", defaultValue = "", description = "The Lease's namespace.")
    String leaseNamespace;

    @Option(names = "--warm-up-rounds", defaultValue = "3000", description = "Before reporting ready, run up to "
            + "this many webhook, filter and bind rounds against a synthetic in-memory cluster over loopback, so that "
            + "the first pods after a start are not served by a cold JVM (default: ${DEFAULT-VALUE}; 0 turns the "
            + "warm-up off).")
    int warmUpRounds;

    @Option(names = "--warm-up-time", defaultValue = "10s", description = "The most time the warm-up takes, a Go "
            + "duration (default: ${DEFAULT-VALUE}; 0 turns the warm-up off).")
    String warmUpTime;

    @Option(names = "--device-config-file", description = "The device-config.yaml (default: HAMi's built-in "
            + "devices).")
    Path deviceConfigFile;

    /** The configuration these flags, the environment and the device config file give. */
    DaemonConfig resolve(Map<String, String> env, Map<String, String> buildInfo) throws UserInputException {
        try {
            DeviceConfig devices = deviceConfigFile == null ? DeviceConfig.defaults()
                    : DeviceConfigLoader.load(deviceConfigFile);
            var decision = new SchedulerConfig(DeviceTypes.from(devices),
                    NodeSchedulerPolicyCodec.INSTANCE.decode(nodePolicy),
                    GpuSchedulerPolicyCodec.INSTANCE.decode(gpuPolicy), evaluation());
            Optional<DaemonConfig.Tls> tls = tls();
            Duration lockTimeout = DaemonConfig.nodeLockTimeout(
                    Optional.ofNullable(nodeLockTimeout).map(t -> duration("--node-lock-timeout", t)),
                    Optional.ofNullable(env.get(DaemonConfig.NODE_LOCK_EXPIRE_ENV)));
            var leader = leaderElect ? new DaemonConfig.Leader(true, leaseName, leaseNamespace, hostname(env))
                    : DaemonConfig.Leader.none();
            return new DaemonConfig(decision, devices.nvidia(), endpoint("--http_bind", httpBind),
                    endpoint("--webhook_bind", webhookBind), tls, schedulerName,
                    forceOverwrite, endpoint("--metrics-bind-address", metricsBind), legacyMetrics, selector(),
                    lockTimeout, duration("--node-lock-retry-timeout", nodeLockRetryTimeout),
                    duration("--node-lock-wait", nodeLockWait), leader,
                    new DaemonConfig.Self(env.getOrDefault("POD_NAME", ""), env.getOrDefault("POD_NAMESPACE", "")),
                    DaemonConfig.Timing.defaults(), buildInfo,
                    Optional.ofNullable(allocationPage).map(a -> endpoint("--allocation-page-address", a)),
                    new DaemonConfig.WarmUp(warmUpRounds, duration("--warm-up-time", warmUpTime)));
        } catch (WireFormatException | IllegalArgumentException e) {
            throw new UserInputException("hami scheduler: " + e.getMessage());
        } catch (UntrustedInputException e) {
            throw new UserInputException("hami scheduler: --device-config-file " + e.getMessage());
        }
    }

    private SchedulerConfig.Evaluation evaluation() {
        return switch (evaluation) {
            case "best-first" -> SchedulerConfig.Evaluation.BEST_FIRST;
            case "all-nodes" -> SchedulerConfig.Evaluation.ALL_NODES;
            default -> throw new IllegalArgumentException("--evaluation must be best-first or all-nodes: "
                    + evaluation);
        };
    }

    private Optional<DaemonConfig.Tls> tls() {
        if (certFile != null && keyFile != null) {
            if (plainHttp) {
                throw new IllegalArgumentException("--plain-http contradicts --cert_file and --key_file");
            }
            return Optional.of(new DaemonConfig.Tls(certFile, keyFile, Optional.ofNullable(clientCaFile)));
        }
        if (clientCaFile != null) {
            throw new IllegalArgumentException("--client_ca_file needs HTTPS: give --cert_file and --key_file");
        }
        if (certFile != null || keyFile != null) {
            throw new IllegalArgumentException("HTTPS needs both --cert_file and --key_file");
        }
        if (!plainHttp) {
            throw new IllegalArgumentException("HTTPS needs --cert_file and --key_file; pass --plain-http to serve "
                    + "plain HTTP");
        }
        return Optional.empty();
    }

    private Map<String, String> selector() {
        var labels = new LinkedHashMap<String, String>();
        if (nodeLabelSelector.isBlank()) {
            return labels;
        }
        for (String pair : nodeLabelSelector.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--node-label-selector: expected k=v but found \"" + pair + "\"");
            }
            labels.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return labels;
    }

    /** {@code --kube-timeout}: a Go duration, or a bare number of seconds as HAMi's integer flag takes it. */
    Duration kubeTimeout() throws UserInputException {
        if (kubeTimeout.matches("[0-9]{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(kubeTimeout));
        }
        try {
            var d = duration("--kube-timeout", kubeTimeout);
            if (d.isNegative()) {
                throw new IllegalArgumentException("--kube-timeout: must not be negative: " + kubeTimeout);
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new UserInputException("hami scheduler: " + e.getMessage());
        }
    }

    private static Duration duration(String flag, String text) {
        try {
            return GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + ": " + e.getMessage(), e);
        }
    }

    private static DaemonConfig.Endpoint endpoint(String flag, String text) {
        try {
            return DaemonConfig.Endpoint.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + ": " + e.getMessage(), e);
        }
    }

    private static String hostname(Map<String, String> env) {
        String fromEnv = env.get("HOSTNAME");
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "";
        }
    }
}
