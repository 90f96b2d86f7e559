package io.hami.cli.deviceplugin;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.hami.bindings.nvml.FfmNvml;
import io.hami.bindings.nvml.Nvml;
import io.hami.bindings.nvml.NvmlException;
import io.hami.bindings.nvml.NvmlLibraryException;
import io.hami.cli.HamiCommand;
import io.hami.cli.UserInputException;
import io.hami.deviceplugin.DevicePlugin;
import io.hami.deviceplugin.nvidia.NvidiaPlugin;
import java.nio.file.Path;
import java.time.Clock;
import io.hami.cli.PositiveDuration;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hami device-plugin}: the NVIDIA device plugin, the DaemonSet of every GPU node. It runs until SIGTERM
 * (or SIGINT), then stops cleanly: kubelet's socket and the health endpoint close, the NVML session ends.
 *
 * <p>Configuration is read once: a flag wins over its environment variable, which wins over the
 * {@code nvidia:} section of the device-config file, which wins over HAMi's defaults ({@link PluginSettings}).
 * Exit codes: 0 after a clean stop, 2 for a configuration that does not hold, 3 without a usable NVML.
 */
@Command(name = "device-plugin", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run the NVIDIA device plugin: register this node's GPUs with kubelet and the scheduler, "
                + "and hand HAMi-core's limits to each GPU container at Allocate.")
public final class DevicePluginCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(DevicePluginCommand.class);

    @Option(names = "--node-name", defaultValue = "${env:NODE_NAME}", description = "This node's name (env NODE_NAME).")
    String nodeName;

    @Option(names = "--kubeconfig", defaultValue = "${env:KUBECONFIG}",
            description = "A kubeconfig file (env KUBECONFIG); without one, the in-cluster service account.")
    Path kubeconfig;

    @Option(names = "--device-plugin-dir", defaultValue = "/var/lib/kubelet/device-plugins",
            description = "kubelet's device-plugin directory (default: ${DEFAULT-VALUE}).")
    Path pluginDir;

    @Option(names = "--socket-name", defaultValue = "hami-nvidia.sock",
            description = "The plugin's socket in that directory (default: ${DEFAULT-VALUE}).")
    String socketName;

    @Option(names = "--hook-path", defaultValue = "${env:HOOK_PATH:-/usr/local}",
            description = "Where vgpu/ with HAMi-core lives on the host (env HOOK_PATH, default /usr/local).")
    String hookPath;

    @Option(names = "--libvgpu-source", description = "A directory whose files (libvgpu.so) are installed into <hook-path>/vgpu.")
    Path libvgpuSource;

    @Option(names = "--vgpu-lock-dir", defaultValue = "/tmp/vgpulock", description = "HAMi-core's lock directory (default: ${DEFAULT-VALUE}).")
    Path lockDir;

    @Option(names = "--device-config-file", defaultValue = "${env:DEVICE_CONFIG_FILE}",
            description = "HAMi's device-config.yaml (env DEVICE_CONFIG_FILE); its nvidia: section sets the defaults below.")
    Path deviceConfigFile;

    @Option(names = "--nvml-library", defaultValue = FfmNvml.DEFAULT_LIBRARY, description = "The NVML library (default: ${DEFAULT-VALUE}).")
    String library;

    @Option(names = "--device-split-count", description = "Containers per GPU (deviceSplitCount).")
    Integer splitCount;

    @Option(names = "--device-memory-scaling", description = "Factor on each GPU's registered memory (deviceMemoryScaling).")
    Double memoryScaling;

    @Option(names = "--device-cores-scaling", description = "Factor on each GPU's registered cores (deviceCoreScaling).")
    Double coreScaling;

    @Option(names = "--disable-core-limit", arity = "0..1", description = "Turn HAMi-core's SM limit off (disableCoreLimit).")
    Boolean disableCoreLimit;

    @Option(names = "--enable-numa-topology", arity = "0..1", description = "Tell kubelet each GPU's NUMA node (enableNumaTopology).")
    Boolean numaTopology;

    @Option(names = "--mode", defaultValue = "hami-core", description = "Sharing mode: hami-core or mps (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--exclude-devices", split = ",", description = "GPUs (UUIDs or indexes) to leave out.")
    List<String> excluded = List.of();

    @Option(names = "--enable-topology-score", arity = "0..1", defaultValue = "${env:ENABLE_TOPOLOGY_SCORE:-false}",
            description = "Write hami.io/node-nvidia-score (env ENABLE_TOPOLOGY_SCORE).")
    boolean topologyScore;

    @Option(names = "--enable-preferred-allocation", arity = "0..1", defaultValue = "false",
            description = "Let kubelet ask which slots to use (GetPreferredAllocation).")
    boolean preferredAllocation;

    @Option(names = "--health-address", defaultValue = "0.0.0.0:9440",
            description = "host:port of GET /healthz, or 'none' (default: ${DEFAULT-VALUE}).")
    String healthAddress;

    @Option(names = "--allocate-timeout", defaultValue = "30s", converter = PositiveDuration.class,
            description = "Our bound on one Allocate (default: ${DEFAULT-VALUE}).")
    Duration allocateTimeout;

    @Option(names = "--api-timeout", defaultValue = "10s", converter = PositiveDuration.class,
            description = "Our bound on one API server request (default: ${DEFAULT-VALUE}).")
    Duration apiTimeout;

    @Option(names = "--disable-health-checks", defaultValue = "${env:DP_DISABLE_HEALTHCHECKS}", hidden = true)
    String disableHealthChecks;

    @Option(names = "--enable-health-checks", defaultValue = "${env:DP_ENABLE_HEALTHCHECKS}", hidden = true)
    String enableHealthChecks;

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile DevicePlugin running;

    @Override
    public Integer call() throws Exception {
        var settings = PluginSettings.from(this);
        try (var client = KubeClients.create(java.util.Optional.ofNullable(kubeconfig), apiTimeout)) {
            running = start(settings, client);
            var hook = Thread.ofPlatform().name("hami-shutdown").unstarted(this::stopAndWait);
            Runtime.getRuntime().addShutdownHook(hook);
            LOG.info("device plugin running on node {}", settings.config().nodeName());
            try {
                stop.await();
            } finally {
                running.close();
                running = null;
                stopped.countDown();
                removeHook(hook);
            }
            LOG.info("device plugin stopped");
        }
        return 0;
    }

    /**
     * Starts the plugin these options describe against {@code client}, as {@link #call()} does, for a caller that
     * runs it beside other daemons ({@code hami node}); the caller closes it.
     *
     * @throws UserInputException when the options do not hold (exit code 2) or NVML cannot be used (exit code 3)
     */
    public DevicePlugin start(KubernetesClient client) throws Exception {
        return start(PluginSettings.from(this), client);
    }

    /** The register annotation of the device type these options describe, written once the plugin registered. */
    public String registerAnnotation() throws UserInputException {
        return PluginSettings.from(this).vendor().annotations().nodeRegister().orElseThrow();
    }

    private DevicePlugin start(PluginSettings settings, KubernetesClient client) throws Exception {
        Nvml nvml;
        try {
            nvml = Nvml.open(library);
        } catch (NvmlLibraryException e) {
            throw new UserInputException("NVML not available: " + e.getMessage(), HamiCommand.EXIT_NATIVE_UNAVAILABLE);
        }
        try {
            return NvidiaPlugin.start(settings.config(), settings.nvidia(), settings.vendor(), nvml, client, Clock.systemUTC());
        } catch (NvmlException e) {
            throw new UserInputException("NVML not available: " + e.getMessage(), HamiCommand.EXIT_NATIVE_UNAVAILABLE);
        }
    }

    /** Asks the running command to stop, and waits (up to 30 s) until it did. */
    void stopAndWait() {
        stop.countDown();
        try {
            stopped.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The running plugin, for tests; null before it started and after it stopped. */
    DevicePlugin running() {
        return running;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is what stopped us
        }
    }
}
