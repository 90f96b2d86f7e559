package io.hami.scheduler.daemon;

import io.hami.model.config.NvidiaConfig;
import io.hami.scheduler.SchedulerConfig;
import io.hami.model.annotation.GoDuration;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the scheduler daemon is configured with, built once in {@code main} (flags, then environment, then the
 * device config file) and validated here. Immutable.
 *
 * @param decision               the filter's settings: device types, node and GPU policies
 * @param nvidia                 the device config's {@code nvidia:} section (the webhook's defaults), when configured
 * @param http                   where the extender's {@code /filter} and {@code /bind} listen ({@code --http_bind}):
 *                               a loopback address, or any address when {@code tls} names a client CA
 * @param webhook                where the admission webhook listens ({@code --webhook_bind})
 * @param tls                    the certificate and key ({@code --cert_file}, {@code --key_file}) and the CA of the
 *                               extender's clients ({@code --client_ca_file}); empty only when plain HTTP was asked
 *                               for explicitly
 * @param schedulerName          {@code --scheduler-name}; the webhook sets it on pods asking for devices; also the
 *                               events' source
 * @param forceOverwriteDefaultScheduler {@code --force-overwrite-default-scheduler}
 * @param metrics                where {@code /metrics} listens ({@code --metrics-bind-address})
 * @param legacyMetrics          {@code --legacy-metrics}: the pre-2.8 metric names too
 * @param nodeLabelSelector      {@code --node-label-selector}: only nodes with all these labels are registered
 * @param nodeLockTimeout        {@code --node-lock-timeout}: when a node lock expires
 * @param nodeLockRetryTimeout   {@code --node-lock-retry-timeout}: how long a PodGroup member's bind waits for a lock
 * @param nodeLockWait           {@code --node-lock-wait}: how long any bind waits for a lock another live pod holds
 *                               (zero: fail at once, as HAMi does)
 * @param leader                 leader election (the Lease kube-scheduler holds)
 * @param self                   this scheduler's pod, for the role label
 * @param timing                 intervals of the background work
 * @param buildInfo              labels of {@code hami_build_info}
 * @param allocationPage         where the read-only allocation page listens ({@code --allocation-page-address}); empty
 *                               (the default) serves none
 * @param warmUp                 the warm-up before readiness ({@code --warm-up-rounds}, {@code --warm-up-time})
 */
public record DaemonConfig(SchedulerConfig decision, Optional<NvidiaConfig> nvidia, Endpoint http, Endpoint webhook,
                           Optional<Tls> tls,
                           String schedulerName, boolean forceOverwriteDefaultScheduler, Endpoint metrics,
                           boolean legacyMetrics, Map<String, String> nodeLabelSelector, Duration nodeLockTimeout,
                           Duration nodeLockRetryTimeout, Duration nodeLockWait, Leader leader, Self self, Timing timing,
                           Map<String, String> buildInfo, Optional<Endpoint> allocationPage, WarmUp warmUp) {

    /** A configuration without the warm-up. */
    public DaemonConfig(SchedulerConfig decision, Optional<NvidiaConfig> nvidia, Endpoint http, Endpoint webhook,
                        Optional<Tls> tls, String schedulerName, boolean forceOverwriteDefaultScheduler,
                        Endpoint metrics, boolean legacyMetrics, Map<String, String> nodeLabelSelector,
                        Duration nodeLockTimeout, Duration nodeLockRetryTimeout, Duration nodeLockWait, Leader leader,
                        Self self, Timing timing, Map<String, String> buildInfo, Optional<Endpoint> allocationPage) {
        this(decision, nvidia, http, webhook, tls, schedulerName, forceOverwriteDefaultScheduler, metrics, legacyMetrics,
                nodeLabelSelector, nodeLockTimeout, nodeLockRetryTimeout, nodeLockWait, leader, self, timing, buildInfo,
                allocationPage, WarmUp.OFF);
    }

    /** A configuration without the allocation page and the warm-up. */
    public DaemonConfig(SchedulerConfig decision, Optional<NvidiaConfig> nvidia, Endpoint http, Endpoint webhook,
                        Optional<Tls> tls, String schedulerName, boolean forceOverwriteDefaultScheduler,
                        Endpoint metrics, boolean legacyMetrics, Map<String, String> nodeLabelSelector,
                        Duration nodeLockTimeout, Duration nodeLockRetryTimeout, Duration nodeLockWait, Leader leader,
                        Self self, Timing timing, Map<String, String> buildInfo) {
        this(decision, nvidia, http, webhook, tls, schedulerName, forceOverwriteDefaultScheduler, metrics, legacyMetrics,
                nodeLabelSelector, nodeLockTimeout, nodeLockRetryTimeout, nodeLockWait, leader, self, timing, buildInfo,
                Optional.empty());
    }

    /** {@code host:port}; an empty host listens on every interface. */
    public record Endpoint(String host, int port) {
        public Endpoint {
            Objects.requireNonNull(host, "host");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }

        /** Whether every address the host names is a loopback address (an empty host is every interface: no). */
        public boolean isLoopback() {
            if (host.isEmpty()) {
                return false;
            }
            try {
                for (InetAddress a : InetAddress.getAllByName(host)) {
                    if (!a.isLoopbackAddress()) {
                        return false;
                    }
                }
                return true;
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("cannot resolve host \"" + host + "\"", e);
            }
        }

        /** The address to bind: the wildcard address for an empty host. */
        public InetSocketAddress socketAddress() {
            return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
        }

        @Override
        public String toString() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }

        /** Parses {@code host:port}, {@code :port} or {@code [v6]:port}. */
        public static Endpoint parse(String text) {
            int colon = text.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("expected host:port but found \"" + text + "\"");
            }
            String host = text.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            try {
                return new Endpoint(host, Integer.parseInt(text.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected host:port but found \"" + text + "\"", e);
            }
        }
    }

    /**
     * PEM certificate chain and private key files, and the PEM CA certificates the extender's clients must present a
     * certificate from (mutual TLS), when configured.
     */
    public record Tls(Path certificate, Path key, Optional<Path> clientCa) {
        public Tls {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(clientCa, "clientCa");
        }

        /** Server TLS only. */
        public Tls(Path certificate, Path key) {
            this(certificate, key, Optional.empty());
        }
    }

    /**
     * The warm-up before readiness (docs/scheduler.md, "Warm-up before readiness"): review, filter and bind rounds
     * against a synthetic cluster over loopback, until {@code rounds} ran or {@code time} passed.
     */
    public record WarmUp(int rounds, Duration time) {

        /** No warm-up. */
        public static final WarmUp OFF = new WarmUp(0, Duration.ZERO);

        public WarmUp {
            if (rounds < 0) {
                throw new IllegalArgumentException("--warm-up-rounds must not be negative: " + rounds);
            }
            Objects.requireNonNull(time, "time");
            if (time.isNegative()) {
                throw new IllegalArgumentException("--warm-up-time must not be negative: " + GoDuration.format(time));
            }
        }

        /** Whether any round runs (both limits above zero). */
        public boolean enabled() {
            return rounds > 0 && !time.isZero();
        }
    }

    /**
     * Leader election (docs/scheduler.md, "Leadership"): without it this scheduler is always the leader; with it, it
     * leads while the Lease {@code namespace/name} that kube-scheduler renews names a holder starting with
     * {@code identity} (the host name).
     */
    public record Leader(boolean enabled, String name, String namespace, String identity) {
        public Leader {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(identity, "identity");
            if (enabled && (name.isEmpty() || namespace.isEmpty())) {
                throw new IllegalArgumentException("--leader-elect needs --leader-elect-resource-name and "
                        + "--leader-elect-resource-namespace");
            }
        }

        /** No election: always the leader. */
        public static Leader none() {
            return new Leader(false, "", "", "");
        }
    }

    /** This scheduler's own pod ({@code POD_NAME}, {@code POD_NAMESPACE}); empty names when not in a pod. */
    public record Self(String podName, String podNamespace) {
        public Self {
            Objects.requireNonNull(podName, "podName");
            Objects.requireNonNull(podNamespace, "podNamespace");
        }

        /** Whether the role label can be written. */
        public boolean known() {
            return !podName.isEmpty() && !podNamespace.isEmpty();
        }
    }

    /**
     * @param registerInterval how often the leader stamps handshakes, judges node health and relabels (HAMi: 15 s)
     * @param syncWait         how long a filter waits for the informers' first lists before answering an error
     * @param reservationTtl   how long a filter's reservation shields against informer events that predate its patch
     * @param leasePoll        how often the Lease is read
     */
    public record Timing(Duration registerInterval, Duration syncWait, Duration reservationTtl, Duration leasePoll) {
        public Timing {
            for (Duration d : new Duration[] {registerInterval, syncWait, reservationTtl, leasePoll}) {
                if (d == null || d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("intervals must be positive: " + d);
                }
            }
        }

        /** HAMi's intervals. */
        public static Timing defaults() {
            return new Timing(Duration.ofSeconds(15), Duration.ofSeconds(25), Duration.ofMinutes(5),
                    Duration.ofSeconds(2));
        }
    }

    public DaemonConfig {
        Objects.requireNonNull(allocationPage, "allocationPage");
        Objects.requireNonNull(warmUp, "warmUp");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(nvidia, "nvidia");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(webhook, "webhook");
        Objects.requireNonNull(tls, "tls");
        if (tls.flatMap(Tls::clientCa).isEmpty() && !http.isLoopback()) {
            throw new IllegalArgumentException("--http_bind " + http + ": /filter and /bind are served on a loopback "
                    + "address only, for the kube-scheduler beside this scheduler; to listen elsewhere, name the CA "
                    + "of their clients' certificates with --client_ca_file");
        }
        Objects.requireNonNull(schedulerName, "schedulerName");
        Objects.requireNonNull(metrics, "metrics");
        nodeLabelSelector = Map.copyOf(nodeLabelSelector);
        if (nodeLockTimeout.isNegative() || nodeLockTimeout.isZero()) {
            throw new IllegalArgumentException("--node-lock-timeout must be positive: " + GoDuration.format(nodeLockTimeout));
        }
        if (nodeLockRetryTimeout.isNegative()) {
            throw new IllegalArgumentException("--node-lock-retry-timeout must not be negative: "
                    + GoDuration.format(nodeLockRetryTimeout));
        }
        if (nodeLockWait.isNegative()) {
            throw new IllegalArgumentException("--node-lock-wait must not be negative: " + GoDuration.format(nodeLockWait));
        }
        Objects.requireNonNull(leader, "leader");
        Objects.requireNonNull(self, "self");
        Objects.requireNonNull(timing, "timing");
        buildInfo = Map.copyOf(buildInfo);
    }

    /**
     * The default {@code --node-lock-wait}: long enough for a burst on one node to drain through the lock (one bind,
     * kubelet reaction and Allocate take about 100 ms, so 20 s covers some 200 pods in line), and well under the
     * extender's {@code httpTimeout} (30 s in the chart) so that a bind that gives up still answers its own error
     * before kube-scheduler abandons the call.
     */
    public static final Duration DEFAULT_NODE_LOCK_WAIT = Duration.ofSeconds(20);

    /** HAMi's default node lock expiry. */
    public static final Duration DEFAULT_NODE_LOCK_TIMEOUT = Duration.ofMinutes(5);

    /** The environment variable that sets the node lock expiry when {@code --node-lock-timeout} is not given. */
    public static final String NODE_LOCK_EXPIRE_ENV = "HAMI_NODELOCK_EXPIRE";

    /**
     * The node lock expiry from the flag when given, else from {@code HAMI_NODELOCK_EXPIRE} when set and not empty,
     * else 5 minutes. HAMi's nodelock package logs an invalid or non-positive value and keeps 5 minutes; here it is
     * refused like any other bad setting.
     *
     * @throws IllegalArgumentException naming the variable and its value when the flag is absent and the variable is
     *                                  not a positive Go duration
     */
    public static Duration nodeLockTimeout(Optional<Duration> flag, Optional<String> env) {
        if (flag.isPresent()) {
            return flag.get();
        }
        if (env.isEmpty() || env.get().isEmpty()) {
            return DEFAULT_NODE_LOCK_TIMEOUT;
        }
        Duration d;
        try {
            d = GoDuration.parse(env.get());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(NODE_LOCK_EXPIRE_ENV + ": " + e.getMessage(), e);
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(NODE_LOCK_EXPIRE_ENV + " must be positive: \"" + env.get() + "\"");
        }
        return d;
    }
}
