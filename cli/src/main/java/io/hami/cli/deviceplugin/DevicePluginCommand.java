package io.hami.cli.deviceplugin;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.hami.bindings.nvml.FfmNvml;
import io.hami.bindings.nvml.Nvml;
import io.hami.bindings.nvml.NvmlException;
import io.hami.bindings.nvml.NvmlLibraryException;
import io.hami.cli.HamiCommand;
import io.hami.cli.UserInputException;
import io.hami.cli.kube.ApiClientOptions;
import io.hami.deviceplugin.DevicePlugin;
import io.hami.deviceplugin.nvidia.NvidiaPlugin;
import io.hami.model.protocol.HamiCoreView;
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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hami device-plugin}: the device plugin, the DaemonSet of every accelerator node; NVIDIA's by default, another
 * vendor's with {@code --vendor} (docs/vendors.md, "Device plugins"). It runs until SIGTERM (or SIGINT), then stops
 * cleanly: kubelet's sockets and the health endpoint close, the library session ends.
 *
 * <p>Configuration is read once: a flag wins over its environment variable, which wins over the vendor's section of
 * the device-config file, which wins over HAMi's defaults ({@link PluginSettings}, {@link VendorPluginSettings}).
 * Exit codes: 0 after a clean stop, 2 for a configuration that does not hold, 3 without a usable vendor library.
 */
@Command(name = "device-plugin", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run a device plugin: register this node's devices with kubelet and the scheduler, and hand each "
                + "container its devices and limits at Allocate (NVIDIA: HAMi-core; --vendor for the others).")
public final class DevicePluginCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(DevicePluginCommand.class);

    @Option(names = "--vendor", defaultValue = "${env:HAMI_VENDOR:-nvidia}",
            description = "Whose devices: nvidia, cambricon, ascend, hygon, iluvatar, metax-gpu, metax-sgpu or mthreads "
                    + "(env HAMI_VENDOR, default nvidia).")
    String vendor;

    @Option(names = "--node-name", defaultValue = "${env:NODE_NAME}", description = "This node's name (env NODE_NAME).")
    String nodeName;

    @Option(names = "--kubeconfig", defaultValue = "${env:KUBECONFIG}",
            description = "A kubeconfig file (env KUBECONFIG); without one, the in-cluster service account.")
    Path kubeconfig;

    @Option(names = "--device-plugin-dir", defaultValue = "/var/lib/kubelet/device-plugins",
            description = "kubelet's device-plugin directory (default: ${DEFAULT-VALUE}).")
    Path pluginDir;

    @Option(names = "--socket-name",
            description = "The plugin's socket in that directory (default: hami-<vendor>.sock).")
    String socketName;

    @Option(names = "--hook-path", defaultValue = "${env:HOOK_PATH}",
            description = "NVIDIA: where vgpu/ with HAMi-core lives on the host (default /usr/local); Ascend: where the "
                    + "soft-split library and container directories live (default /usr/local/hami-vnpu-core). Env HOOK_PATH.")
    String hookPath;

    @Option(names = "--hygon-dtk-path", defaultValue = "${env:HYGONPATH:-/opt/dtk}",
            description = "Hygon: the host's DTK, mounted at /opt/hygondriver with a container's vDCU (env HYGONPATH, "
                    + "default /opt/dtk).")
    Path hygonDtkPath;

    @Option(names = "--hygon-vdcu-dir",
            description = "Hygon: one directory per vDCU, mounted at /etc/vdev/docker/ (default: HAMi's, /usr/local/vgpu/dcu).")
    Path hygonVdcuDir;

    @Option(names = "--hygon-vdev-dir",
            description = "Hygon: the copies of the vDCUs' configurations for Hygon's exporter (default: HAMi's, /etc/vdev).")
    Path hygonVdevDir;

    @Option(names = "--library", description = "The vendor's management library, a path or a name "
            + "(default: the vendor's usual places; NVIDIA: --nvml-library).")
    String vendorLibrary;

    @Option(names = "--health-poll", defaultValue = "10s", converter = PositiveDuration.class,
            description = "How often the devices of vendors without health events are surveyed (default: ${DEFAULT-VALUE}).")
    Duration healthPoll;

    @Option(names = "--libvgpu-source", description = "A directory whose files (libvgpu.so) are installed into <hook-path>/vgpu.")
    Path libvgpuSource;

    @Option(names = "--vgpu-lock-dir", defaultValue = "/tmp/vgpulock", description = "HAMi-core's lock directory (default: ${DEFAULT-VALUE}).")
    Path lockDir;

    @Option(names = "--device-config-file", defaultValue = "${env:DEVICE_CONFIG_FILE}",
            description = "HAMi's device-config.yaml (env DEVICE_CONFIG_FILE); its nvidia: section sets the defaults below.")
    Path deviceConfigFile;

    @Option(names = "--device-list-strategy", split = ",", defaultValue = "${env:DEVICE_LIST_STRATEGY:-envvar}",
            description = "How Allocate names a container's GPUs: envvar, volume-mounts, cdi-annotations, cdi-cri, or "
                    + "a comma list of them (env DEVICE_LIST_STRATEGY, default envvar).")
    List<String> deviceListStrategy;

    @Option(names = "--mig-strategy", defaultValue = "${env:MIG_STRATEGY:-none}",
            description = "NVIDIA's static MIG strategy: none, single (nvidia.com/gpu counts MIG devices of one profile) "
                    + "or mixed (nvidia.com/mig-<profile>); a GPU in MIG mode is never shared through HAMi-core "
                    + "(env MIG_STRATEGY, default none).")
    String migStrategy;

    @Option(names = "--mig-apply-lock", paramLabel = "FILE", defaultValue = HamiCoreView.MIG_APPLY_LOCK,
            description = "Dynamic MIG: the file that exists while instances change, which the monitor honours "
                    + "(default: ${DEFAULT-VALUE}).")
    Path migApplyLock;

    @Option(names = "--proc-root", paramLabel = "DIR", defaultValue = "/proc",
            description = "Where the driver's MIG capability files are read (driver/nvidia/capabilities/...) "
                    + "(default: ${DEFAULT-VALUE}).")
    Path procRoot;

    @Option(names = "--pass-device-specs", arity = "0..1", defaultValue = "${env:PASS_DEVICE_SPECS:-false}",
            description = "Also hand kubelet the GPUs' device nodes (env PASS_DEVICE_SPECS).")
    boolean passDeviceSpecs;

    @Option(names = "--cdi-annotation-prefix", defaultValue = "${env:CDI_ANNOTATION_PREFIX:-cdi.k8s.io/}",
            description = "The prefix of the cdi-annotations strategy's key (env CDI_ANNOTATION_PREFIX, default "
                    + "${DEFAULT-VALUE}).")
    String cdiAnnotationPrefix;

    @Option(names = "--cdi-kind", description = "The CDI kind of the device names (default: that of the spec "
            + "'hami cdi generate' writes; nvidia.com/gpu for NVIDIA's toolkit's spec).")
    String cdiKind;

    @Option(names = "--node-config-file", defaultValue = "${env:NODE_CONFIG_FILE}",
            description = "HAMi's per-node configuration, the config.json of its device-plugin ConfigMap (env "
                    + "NODE_CONFIG_FILE): this node's entry wins over the flags below; read again while running.")
    Path nodeConfigFile;

    @Option(names = "--config-poll", defaultValue = "10s", converter = PositiveDuration.class,
            description = "How often the node configuration and device-config files are read again; a change "
                    + "restarts the plugin in-process with the new settings (default: ${DEFAULT-VALUE}).")
    Duration configPoll;

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

    @Option(names = "--mode", defaultValue = "hami-core", description = "Sharing mode: hami-core, mps, or mig (dynamic MIG: the GPUs in MIG mode "
            + "are partitioned per pod as the scheduler reserves) (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--exclude-devices", split = ",", description = "GPUs (UUIDs or indexes) to leave out.")
    List<String> excluded = List.of();

    @Option(names = "--enable-topology-score", arity = "0..1", defaultValue = "${env:ENABLE_TOPOLOGY_SCORE:-false}",
            description = "Write hami.io/node-nvidia-score (env ENABLE_TOPOLOGY_SCORE).")
    boolean topologyScore;

    @Option(names = "--enable-preferred-allocation", arity = "0..1", defaultValue = "false",
            description = "Let kubelet ask which slots to use (GetPreferredAllocation).")
    boolean preferredAllocation;

    @Option(names = "--lockless", arity = "0..1", defaultValue = "${env:HAMI_LOCKLESS:-false}",
            description = "NVIDIA: bind without HAMi's node lock. The plugin keeps the node's allocation store and "
                    + "announces that on its Node; our runtime shim must run every container of the node "
                    + "(env HAMI_LOCKLESS; docs/protocol.md, \"Binds without the node lock\").")
    boolean lockless;

    @Option(names = "--health-address", defaultValue = "0.0.0.0:9440",
            description = "host:port of GET /healthz, or 'none' (default: ${DEFAULT-VALUE}).")
    String healthAddress;

    @Option(names = "--allocate-timeout", defaultValue = "30s", converter = PositiveDuration.class,
            description = "Our bound on one Allocate (default: ${DEFAULT-VALUE}).")
    Duration allocateTimeout;

    @Option(names = "--api-timeout", defaultValue = "10s", converter = PositiveDuration.class,
            description = "Our bound on one API server request (default: ${DEFAULT-VALUE}).")
    Duration apiTimeout;

    @Mixin
    ApiClientOptions api;

    @Option(names = "--disable-health-checks", defaultValue = "${env:DP_DISABLE_HEALTHCHECKS}", hidden = true)
    String disableHealthChecks;

    @Option(names = "--enable-health-checks", defaultValue = "${env:DP_ENABLE_HEALTHCHECKS}", hidden = true)
    String enableHealthChecks;

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile DevicePlugin running;

    @Override
    public Integer call() throws Exception {
        if (lockless && !nvidia()) {
            throw new UserInputException("hami device-plugin: --lockless: only the NVIDIA plugin runs lockless (its "
                    + "containers get HAMi-core from the runtime shim)");
        }
        PluginSettings first = nvidia() ? PluginSettings.from(this) : null;
        Starter starter = nvidia() ? client -> start(first, client) : vendorStarter();
        var limit = api.limit("hami device-plugin");
        if (nvidia()) {
            var ignored = NodeConfiguration.ignoredKeys(nodeConfigFile);
            if (!ignored.isEmpty()) {
                LOG.warn("--node-config-file {}: keys not read by hami-java: {}", nodeConfigFile, ignored);
            }
        }
        try (var client = KubeClients.create(java.util.Optional.ofNullable(kubeconfig), apiTimeout, limit,
                KubeClients.Reads.LEAN)) {
            running = starter.start(client);
            var hook = Thread.ofPlatform().name("hami-shutdown").unstarted(this::stopAndWait);
            Runtime.getRuntime().addShutdownHook(hook);
            LOG.info("{} device plugin running on node {}", vendor, nodeName);
            try {
                var reload = nvidia() ? new SettingsReload(first) : null;
                while (!stop.await(configPoll.toMillis(), TimeUnit.MILLISECONDS)) {
                    if (reload != null) {
                        reload.check(client);
                    }
                }
            } finally {
                if (running != null) {
                    running.close();
                }
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
        return nvidia() ? start(PluginSettings.from(this), client) : vendorStarter().start(client);
    }

    /**
     * The register annotation of the device type these options describe, written once the plugin registered; empty for
     * a type whose scheduler reads the node's capacity instead.
     */
    public java.util.Optional<String> registerAnnotation() throws UserInputException {
        return nvidia() ? PluginSettings.from(this).vendor().annotations().nodeRegister()
                : VendorPluginSettings.from(this).select().profile().descriptor().annotations().nodeRegister();
    }

    private boolean nvidia() {
        return "nvidia".equals(vendor);
    }

    /** Starts the plugin against a client. */
    @FunctionalInterface
    private interface Starter {
        DevicePlugin start(KubernetesClient client) throws Exception;
    }

    /** Opens the vendor's library and picks its device type now, so that a bad setting fails before the API is asked. */
    private Starter vendorStarter() throws UserInputException {
        var opened = VendorPluginSettings.from(this).open();
        return client -> DevicePlugin.start(opened.config(), opened.parts(), client, Clock.systemUTC());
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

    /**
     * Reads the settings again; when they differ from those the plugin runs with (this node's entry of the node
     * configuration, or the device config), stops the plugin and starts it with the new ones. Settings that do not
     * hold are logged once and the plugin keeps running as it is.
     */
    private final class SettingsReload {
        private PluginSettings applied;
        private String lastProblem = "";

        SettingsReload(PluginSettings applied) {
            this.applied = applied;
        }

        void check(KubernetesClient client) throws Exception {
            PluginSettings next;
            try {
                next = PluginSettings.from(DevicePluginCommand.this);
            } catch (UserInputException e) {
                if (!e.getMessage().equals(lastProblem)) {
                    LOG.error("settings not applied, the plugin keeps running with the previous ones: {}",
                            e.getMessage());
                    lastProblem = e.getMessage();
                }
                return;
            }
            lastProblem = "";
            if (next.equals(applied)) {
                return;
            }
            LOG.info("settings changed ({}): restarting the plugin with {}", nodeConfigFile == null
                    ? "device config" : "node configuration " + nodeConfigFile, next.config().sharing());
            running.close();
            try {
                running = start(next, client);
                applied = next;
            } catch (Exception e) {
                LOG.error("the plugin did not start with the changed settings, starting it with the previous ones: {}",
                        e.getMessage());
                running = start(applied, client);
            }
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
