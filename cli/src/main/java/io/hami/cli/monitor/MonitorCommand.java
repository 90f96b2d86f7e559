package io.hami.cli.monitor;

import io.hami.cli.UserInputException;
import io.hami.cli.deviceplugin.KubeClients;
import io.hami.cli.kube.ApiClientOptions;
import io.hami.model.input.UntrustedInputException;
import io.hami.monitor.MonitorDaemon;
import io.hami.monitor.config.MonitorConfig;
import io.hami.monitor.config.Setting;
import io.hami.monitor.metrics.BuildInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hami monitor}: the node monitor daemon. It runs until the process is told to stop (SIGTERM or
 * SIGINT), then closes its server, loop, informer, regions and the vendor's library in order. Every flag can also come from
 * the environment or a {@code --config} file; flags win over the environment, the environment over the file.
 * An invalid setting exits with 2 and one line naming it.
 */
@Command(name = "monitor", mixinStandardHelpOptions = true,
        description = {"Run the node monitor: vGPU and host metrics on /metrics, /healthz, and HAMi's priority feedback.",
            "Environment: NODE_NAME, HOOK_PATH, HAMI_RESYNC_INTERVAL, KUBECONFIG, HAMI_METRICS_BIND_ADDRESS, "
                    + "HAMI_LEGACY_METRICS, HAMI_FEEDBACK_INTERVAL, HAMI_VENDOR, HAMI_LIBRARY, HAMI_NVML_LIBRARY, "
                    + "HAMI_MIG_APPLY_LOCK, HAMI_RESOURCE_NAME."})
public final class MonitorCommand implements Callable<Integer> {

    @Option(names = "--node-name", paramLabel = "NODE", description = "This node's name (default: $NODE_NAME).")
    String nodeName;

    @Option(names = "--hook-path", paramLabel = "DIR",
            description = "The directory holding containers/ (default: $HOOK_PATH, else /usr/local/vgpu).")
    String hookPath;

    @Option(names = "--metrics-bind-address", paramLabel = "[HOST]:PORT", description = "Where to serve (default :9394).")
    String bindAddress;

    @Option(names = "--legacy-metrics", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "Also export HAMi's legacy metric names and labels.")
    String legacyMetrics;

    @Option(names = "--resync-interval", paramLabel = "DURATION",
            description = "Informer resync and grace period of unknown pods' directories, e.g. 5m (default 5m).")
    String resyncInterval;

    @Option(names = "--feedback-interval", paramLabel = "DURATION", description = "Discovery and feedback period (default 5s).")
    String feedbackInterval;

    @Option(names = "--vendor", paramLabel = "VENDOR", description = "Whose devices the host metrics read: nvidia "
            + "(default), cambricon, ascend, hygon, iluvatar, metax or mthreads.")
    String vendor;

    @Option(names = "--library", paramLabel = "PATH",
            description = "The vendor's library (default: the vendor's usual names and places).")
    String library;

    @Option(names = "--nvml-library", paramLabel = "PATH",
            description = "NVIDIA's library: --library for --vendor nvidia, under its older name.")
    String nvmlLibrary;

    @Option(names = "--mig-apply-lock", paramLabel = "FILE",
            description = "While this file exists the feedback pauses (default /tmp/hami/hami-mig-apply.lock).")
    String migApplyLock;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "A kubeconfig (default: $KUBECONFIG, else in-cluster).")
    String kubeconfig;

    @Option(names = "--resource-name", paramLabel = "NAME",
            description = "The GPU count resource the device plugin registers (default nvidia.com/gpu).")
    String resourceName;

    @Option(names = "--config", paramLabel = "FILE", description = "A file of key=value lines, keys as the flags without --.")
    Path configFile;

    @Mixin
    ApiClientOptions api;

    @Override
    public Integer call() throws Exception {
        var daemon = start();
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                daemon.close();
            } finally {
                stopped.countDown();
            }
        }, "hami-monitor-shutdown"));
        stopped.await();
        return 0;
    }

    /**
     * Starts the monitor these options describe, as {@link #call()} does, for a caller that runs it beside other
     * daemons ({@code hami node}); the caller closes it.
     *
     * @throws UserInputException when a setting does not hold, or the configuration file or the kubeconfig cannot
     *                            be used (exit code 2)
     * @throws IOException        when the address cannot be bound
     */
    public MonitorDaemon start() throws UserInputException, IOException {
        var config = config();
        var client = KubeClients.create(config.kubeconfig(), Duration.ZERO, api.limit("hami monitor"),
                KubeClients.Reads.LEAN);
        return MonitorDaemon.start(config, client, buildInfo());
    }

    private MonitorConfig config() throws UserInputException {
        var flags = new HashMap<String, String>();
        put(flags, Setting.NODE_NAME, nodeName);
        put(flags, Setting.HOOK_PATH, hookPath);
        put(flags, Setting.METRICS_BIND_ADDRESS, bindAddress);
        put(flags, Setting.LEGACY_METRICS, legacyMetrics);
        put(flags, Setting.RESYNC_INTERVAL, resyncInterval);
        put(flags, Setting.FEEDBACK_INTERVAL, feedbackInterval);
        put(flags, Setting.VENDOR, vendor);
        put(flags, Setting.LIBRARY, library);
        put(flags, Setting.NVML_LIBRARY, nvmlLibrary);
        put(flags, Setting.MIG_APPLY_LOCK, migApplyLock);
        put(flags, Setting.KUBECONFIG, kubeconfig);
        put(flags, Setting.RESOURCE_NAME, resourceName);
        try {
            return MonitorConfig.load(flags, System.getenv(), Optional.ofNullable(configFile));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("hami monitor: " + e.getMessage());
        } catch (UntrustedInputException e) {
            throw new UserInputException("hami monitor: --config " + e.getMessage());
        }
    }

    private static void put(HashMap<String, String> flags, Setting setting, String value) {
        if (value != null) {
            flags.put(setting.key(), value);
        }
    }

    private static BuildInfo buildInfo() {
        var props = new Properties();
        try (var in = MonitorCommand.class.getResourceAsStream("/io/hami/cli/version.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            // the build info then says unknown
        }
        return BuildInfo.of(props.getProperty("version", "unknown"), "unknown", "unknown");
    }
}
