package io.hami.cli.doctor;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.hami.bindings.DeviceDiscoveries;
import io.hami.bindings.discovery.DeviceVendor;
import io.hami.cli.PositiveDuration;
import io.hami.cli.UserInputException;
import io.hami.cli.deviceplugin.KubeClients;
import io.hami.model.annotation.KubernetesNames;
import io.hami.model.config.DeviceConfigLoader;
import io.hami.model.input.UntrustedInputException;
import io.hami.model.json.CanonicalJson;
import io.hami.model.wire.WireFormatException;
import io.hami.runtimehook.device.DeviceNodeLookup;
import io.hami.scheduler.vendor.DeviceTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hami doctor}: why pods get no devices on this node, or why one pod is pending. Each check prints what it
 * found and, for what is wrong, a finding with an id, a severity, the problem in plain words and what to do
 * (docs/doctor.md). Exit code 0 when nothing was found, 1 with findings, 2 for bad usage.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true, description = {
    "Check this node for what HAMi needs (vendor libraries, devices, device nodes, kubelet's sockets, containerd's "
        + "runtime handler, HAMi-core's files and regions, and with API access the node's registration, locks, clock "
        + "and RBAC), or with --pod why one pod is pending.",
    "Exit code: 0 healthy, 1 findings, 2 bad usage. docs/doctor.md describes every check."})
public final class DoctorCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print JSON (healthy, checks with facts and findings) instead of text.")
    boolean json;

    @Option(names = "--pod", paramLabel = "NS/NAME",
            description = "Check this pod against the API instead of the node: its annotations, its bind lifecycle, "
                    + "and why the scheduler's filter rejects each node.")
    String pod;

    @Option(names = "--node", defaultValue = "${env:NODE_NAME}", paramLabel = "NAME",
            description = "This node's name in the API (env NODE_NAME): its registration, locks and regions' pods.")
    String nodeName;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "kubeconfig (default: KUBECONFIG, the pod's "
            + "service account, ~/.kube/config; without any of them the API checks are skipped).")
    Path kubeconfig;

    @Option(names = "--vendor", paramLabel = "VENDOR",
            description = "Only this vendor's library: nvidia, cambricon, ascend, hygon, iluvatar, metax or mthreads.")
    String vendor;

    @Option(names = "--library", paramLabel = "PATH", description = "The vendor's library to load (needs --vendor).")
    String library;

    @Option(names = "--host-root", defaultValue = "/", paramLabel = "DIR",
            description = "Where the host's / is mounted (default: ${DEFAULT-VALUE}); every other path is a host path.")
    Path hostRoot;

    @Option(names = "--device-plugin-dir", defaultValue = "/var/lib/kubelet/device-plugins", paramLabel = "DIR",
            description = "kubelet's device-plugin directory (default: ${DEFAULT-VALUE}).")
    Path pluginDir;

    @Option(names = "--hook-path", defaultValue = "/usr/local", paramLabel = "DIR",
            description = "The directory holding HAMi-core's vgpu/ (default: ${DEFAULT-VALUE}).")
    String hookPath;

    @Option(names = "--vgpu-lock-dir", defaultValue = "/tmp/vgpulock", paramLabel = "DIR",
            description = "HAMi-core's lock directory (default: ${DEFAULT-VALUE}).")
    String lockDir;

    @Option(names = "--containerd-config", defaultValue = "/etc/containerd/config.toml", paramLabel = "FILE",
            description = "containerd's config (default: ${DEFAULT-VALUE}).")
    Path containerdConfig;

    @Option(names = "--prefix", defaultValue = "/usr/local/hami-java", paramLabel = "DIR",
            description = "Where hami install runtime put the runtime (default: ${DEFAULT-VALUE}).")
    Path prefix;

    @Option(names = "--runtime-name", defaultValue = "hami", paramLabel = "NAME",
            description = "The containerd runtime handler (default: ${DEFAULT-VALUE}).")
    String runtimeName;

    @Option(names = "--node-lock-timeout", defaultValue = "5m", converter = PositiveDuration.class, paramLabel = "DURATION",
            description = "The scheduler's node lock expiry (its --node-lock-timeout; default: ${DEFAULT-VALUE}).")
    Duration lockTimeout;

    @Option(names = "--device-config-file", paramLabel = "FILE",
            description = "The scheduler's device-config.yaml (its --device-config-file): the device types the node's "
                    + "registration is read with and --pod is filtered with (default: HAMi's built-in devices).")
    Path deviceConfigFile;

    @Option(names = "--api-timeout", defaultValue = "10s", converter = PositiveDuration.class, paramLabel = "DURATION",
            description = "Bound on each API call (default: ${DEFAULT-VALUE}).")
    Duration apiTimeout;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;
    private final Clock clock;
    private final DeviceNodeLookup deviceNodes;

    public DoctorCommand() {
        this(System.getenv(), Clock.systemUTC(), DeviceNodeLookup.fileSystem());
    }

    /** With the environment, the clock and the device nodes of a test (real nodes need root to make). */
    DoctorCommand(Map<String, String> env, Clock clock, DeviceNodeLookup deviceNodes) {
        this.env = env;
        this.clock = clock;
        this.deviceNodes = deviceNodes;
    }

    @Override
    public Integer call() throws UserInputException {
        var vendors = vendors();
        var podRef = podRef();
        if (nodeName != null && !nodeName.isEmpty() && !KubernetesNames.isDnsSubdomain(nodeName)) {
            throw new UserInputException("hami doctor: --node: not a node name: \"" + nodeName + "\"");
        }
        if (!hostRoot.isAbsolute() || !pluginDir.isAbsolute() || !containerdConfig.isAbsolute() || !prefix.isAbsolute()
                || !hookPath.startsWith("/") || !lockDir.startsWith("/")) {
            throw new UserInputException("hami doctor: --host-root, --device-plugin-dir, --hook-path, --vgpu-lock-dir, "
                    + "--containerd-config and --prefix take absolute paths");
        }
        var types = deviceTypes();
        var paths = new NodePaths(hostRoot, pluginDir, hookPath, lockDir, containerdConfig, prefix, runtimeName);
        var report = new DoctorReport();
        Optional<KubernetesClient> client = apiConfigured() ? Optional.of(KubeClients.create(Optional.ofNullable(kubeconfig),
                apiTimeout)) : Optional.empty();
        if (podRef.isPresent() && client.isEmpty()) {
            throw new UserInputException("hami doctor: --pod needs the API server: pass --kubeconfig (or set KUBECONFIG)");
        }
        try {
            if (podRef.isPresent()) {
                var api = new ApiChecks(client.get(), clock, lockTimeout, types, typesSource());
                if (api.reach(report.section("api"))) {
                    new PodChecks(client.get(), api).check(report.section("pod"), podRef.get()[0], podRef.get()[1]);
                }
            } else {
                node(report, paths, vendors, client, types);
            }
        } finally {
            client.ifPresent(KubernetesClient::close);
        }
        print(report);
        return report.exitCode();
    }

    private void node(DoctorReport report, NodePaths paths, List<DeviceVendor> vendors,
            Optional<KubernetesClient> client, DeviceTypes types) {
        var accelerators = new AcceleratorChecks(vendors, this::open, deviceNodes, hostRoot);
        var opened = accelerators.libraries(report.section("libraries"));
        var devices = accelerators.devices(report.section("devices"), opened);
        accelerators.deviceNodes(report.section("device-nodes"), devices);
        var host = new HostChecks(paths);
        host.kubelet(report.section("kubelet"));
        host.runtime(report.section("runtime"));
        host.hamiCore(report.section("hami-core"));
        Optional<Map<String, String>> pods = Optional.empty();
        if (client.isEmpty()) {
            report.section("api").fact("no cluster access configured (--kubeconfig, KUBECONFIG, a pod's service "
                    + "account, ~/.kube/config): the node's registration, locks, clock and RBAC were not checked");
        } else {
            var api = new ApiChecks(client.get(), clock, lockTimeout, types, typesSource());
            if (api.reach(report.section("api"))) {
                if (nodeName == null || nodeName.isEmpty()) {
                    report.section("node").fact("node name unknown (--node or NODE_NAME): its registration and locks "
                            + "were not checked");
                } else {
                    pods = api.node(report.section("node"), nodeName, devices);
                }
                api.rbac(report.section("rbac"));
            }
        }
        new RegionChecks(paths).regions(report.section("regions"), pods);
    }

    private Optional<io.hami.bindings.discovery.DeviceDiscovery> open(DeviceVendor v) {
        return library != null ? Optional.of(DeviceDiscoveries.open(v, library)) : DeviceDiscoveries.find(v);
    }

    /** The scheduler's device types: from {@code --device-config-file}, as the scheduler reads it, or the defaults. */
    private DeviceTypes deviceTypes() throws UserInputException {
        if (deviceConfigFile == null) {
            return DeviceTypes.defaults();
        }
        try {
            return DeviceTypes.from(DeviceConfigLoader.load(deviceConfigFile));
        } catch (UntrustedInputException | WireFormatException | IllegalArgumentException e) {
            throw new UserInputException("hami doctor: --device-config-file " + e.getMessage());
        }
    }

    private String typesSource() {
        return deviceConfigFile == null ? "HAMi's built-in device config" : "device config " + deviceConfigFile;
    }

    private List<DeviceVendor> vendors() throws UserInputException {
        if (vendor == null) {
            if (library != null) {
                throw new UserInputException("hami doctor: --library needs --vendor: whose library is " + library + "?");
            }
            return List.of(DeviceVendor.values());
        }
        return List.of(DeviceVendor.byId(vendor).orElseThrow(() -> new UserInputException("hami doctor: --vendor: "
                + "unknown vendor '" + vendor + "' (one of " + Arrays.stream(DeviceVendor.values()).map(DeviceVendor::id)
                .collect(Collectors.joining(", ")) + ")")));
    }

    private Optional<String[]> podRef() throws UserInputException {
        if (pod == null) {
            return Optional.empty();
        }
        var parts = pod.split("/", -1);
        if (parts.length != 2 || !KubernetesNames.isDnsLabel(parts[0]) || !KubernetesNames.isDnsSubdomain(parts[1])) {
            throw new UserInputException("hami doctor: --pod: expected NAMESPACE/NAME: \"" + pod + "\"");
        }
        return Optional.of(parts);
    }

    /** Whether any way to the API server is configured: a kubeconfig, or the pod's service account. */
    private boolean apiConfigured() {
        if (kubeconfig != null) {
            return true;
        }
        if (nonEmpty(env.get("KUBECONFIG")) || nonEmpty(env.get("KUBERNETES_SERVICE_HOST"))) {
            return true;
        }
        var home = env.get("HOME");
        return nonEmpty(home) && Files.isRegularFile(Path.of(home, ".kube", "config"));
    }

    private static boolean nonEmpty(String s) {
        return s != null && !s.isEmpty();
    }

    private void print(DoctorReport report) {
        var out = spec.commandLine().getOut();
        if (json) {
            try {
                out.println(CanonicalJson.PRETTY.writeValueAsString(report.json()));
            } catch (Exception e) {
                throw new IllegalStateException("the report could not be written as JSON", e);
            }
        } else {
            report.text().forEach(out::println);
        }
        out.flush();
    }
}
