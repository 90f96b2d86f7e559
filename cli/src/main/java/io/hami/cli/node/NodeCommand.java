package io.hami.cli.node;

import io.hami.cli.HamiCommand;
import io.hami.cli.UserInputException;
import io.hami.cli.deviceplugin.DevicePluginCommand;
import io.hami.cli.deviceplugin.KubeClients;
import io.hami.bindings.DeviceDiscoveries;
import io.hami.bindings.discovery.DeviceVendor;
import io.hami.cli.monitor.MonitorCommand;
import io.hami.demo.node.ContainerRuntime;
import io.hami.demo.node.ContainerdRuntime;
import io.hami.demo.node.NativeTools;
import io.hami.demo.node.MigCapabilityFiles;
import io.hami.demo.node.MigInstances;
import io.hami.deviceplugin.Sharing;
import io.hami.demo.node.NodeLayout;
import io.hami.demo.node.NodeStartException;
import io.hami.demo.node.RegionWriterRuntime;
import io.hami.demo.node.RuncRuntime;
import io.hami.demo.node.SimulatedNode;
import io.hami.demo.node.VendorPluginStandIn;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import io.hami.cli.PositiveDuration;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hami node}: one simulated GPU node in one process: {@code hami device-plugin} and {@code hami monitor}
 * started from the same option classes those commands use, for the vendor given (NVIDIA by default) over its library
 * (by default the vendor's C mock, which reads its devices from the file its variable names, {@code NVML_MOCK_PROFILE},
 * {@code CNDEV_MOCK_PROFILE}, …), and a kubelet stand-in that keeps the Node object, calls {@code Allocate} for the
 * pods bound to the node and starts their containers.
 *
 * <p>Once ready it prints one line on stdout, {@code READY {"node":"NAME","metrics":"URL"}}; logs go to stderr.
 * It stops cleanly on SIGTERM or SIGINT, and when its standard input reaches end of file, so that a parent that
 * dies leaves no node behind.
 */
@Command(name = "node", mixinStandardHelpOptions = true, sortOptions = false,
        // The first line is the summary "hami --help" lists: one whole sentence; picocli wraps each line on its own.
        description = {"Run one simulated GPU node: the device plugin and the monitor over a (mock) vendor library, and a kubelet stand-in.",
            "The stand-in registers the plugin's resources, keeps the Node object, calls Allocate for the pods bound to the "
                + "node and starts their containers. Prints READY {\"node\":NAME,\"metrics\":URL} on stdout once ready; "
                + "stops on SIGTERM, SIGINT or end of standard input. The mocks read their devices from the file their "
                + "variable names: $NVML_MOCK_PROFILE, $CNDEV_MOCK_PROFILE, $DCMI_MOCK_PROFILE, $HYGON_MOCK_PROFILE, "
                + "$IXML_MOCK_PROFILE, $MXSML_MOCK_PROFILE, $MTML_MOCK_PROFILE.",
            "",
            "DIR holds the node's host state:",
            "  dp/                    kubelet's device-plugin directory (kubelet.sock, hami-<vendor>*.sock)",
            "  hook/vgpu/containers/  HAMi-core's per-container directories with their regions",
            "  vgpulock/              HAMi-core's lock directory",
            "  started/               <podUID>_<container>.json: the Allocate answer of each started container",
            "  devices.json           the devices the plugin serves, as its library reported them",
            "  hygon/vdcu/ hygon/vdev/  on a Hygon node: the vDCUs' directories and their configurations' copies",
            "  runc/ bundles/ dev/ host/ runtime-state/ runtime.conf   with --containers runc: runc's state, the bundles,",
            "                         mknod'ed device nodes, stand-ins of missing mount sources, the hook's state and",
            "                         the shim's configuration",
            "  pods/ dev/ runtime-state/ runtime.conf   with --containers containerd: the containers' logs, and the",
            "                         shim's host as under runc",
            "",
            "Exit codes: 0 stopped, 2 invalid options, 3 the vendor's library unusable, 4 the node did not start."})
public final class NodeCommand implements Callable<Integer> {
    /** Exit code of a node that did not start (a daemon failed, or the node was not ready in time). */
    public static final int EXIT_START_FAILED = 4;
    private static final Logger LOG = LoggerFactory.getLogger(NodeCommand.class);

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--node-name", required = true, description = "The Node's name.")
    String nodeName;

    @Option(names = "--kubeconfig", required = true, description = "The API server's kubeconfig.")
    Path kubeconfig;

    @Option(names = "--dir", required = true, description = "The node's directory (created when missing).")
    Path dir;

    @Option(names = "--vendor", defaultValue = "nvidia", description = "Whose devices: nvidia, cambricon, ascend, hygon, "
            + "iluvatar, metax-gpu, metax-sgpu or mthreads, as hami device-plugin names them; or a device type whose "
            + "plugin is its vendor's own (kunlun-xpu, kunlun-vxpu, enflame-gcu, enflame-drs, awsneuron, amd, vastai, "
            + "biren): the node then publishes what that plugin would and runs no plugin of ours "
            + "(default: ${DEFAULT-VALUE}).")
    String vendor;

    @Option(names = "--library", description = "The vendor's library (default: the vendor's C mock of "
            + "test-fixtures/target/native, else the vendor's usual places).")
    String library;

    @Option(names = "--nvml-library", description = "NVIDIA's library: --library for --vendor nvidia, under its older name "
            + "(default: the C mock of test-fixtures/target/native, else libnvidia-ml.so.1).")
    String nvmlLibrary;

    @Option(names = "--region-writer", description = "The C region-writer (default: the one in test-fixtures/target/native).")
    Path regionWriter;

    @Option(names = "--runtime-shim", description = "The runtime shim for runc containers (default: the checkout's hami-runtime).")
    Path runtimeShim;

    @Option(names = "--device-split-count", description = "Containers per GPU (deviceSplitCount).")
    Integer splitCount;

    @Option(names = "--device-memory-scaling", description = "Factor on each GPU's registered memory.")
    Double memoryScaling;

    @Option(names = "--device-cores-scaling", description = "Factor on each GPU's registered cores.")
    Double coresScaling;

    @Option(names = "--monitor-bind", defaultValue = "127.0.0.1:0",
            description = "host:port of the monitor's /metrics; port 0 picks a free one (default: ${DEFAULT-VALUE}).")
    String monitorBind;

    @Option(names = "--containers", defaultValue = "auto",
            description = "How containers start: auto, region-writer, runc or containerd (default: ${DEFAULT-VALUE}: runc "
                    + "when usable, else region-writer). containerd: through the CRI API of the containerd at "
                    + "--containerd-socket, which runs with HAMI_RUNTIME_CONFIG=DIR/runtime.conf.")
    String containers;

    @Option(names = "--containerd-socket", paramLabel = "SOCKET",
            description = "containerd's socket (its grpc.address), for --containers containerd.")
    Path containerdSocket;

    @Option(names = "--runtime-handler", defaultValue = "hami", paramLabel = "NAME",
            description = "The runtime handler pods run with under containerd (default: ${DEFAULT-VALUE}).")
    String runtimeHandler;

    @Option(names = "--container-image", paramLabel = "IMAGE",
            description = "The image containers run under containerd: busybox with the static region writer in /bin "
                    + "(scripts/build-image.sh --busybox --add), imported into containerd's k8s.io namespace.")
    String containerImage;

    @Option(names = "--lockless", description = "NVIDIA: the device plugin runs lockless (hami device-plugin --lockless) "
            + "and containers get their limits from the node's allocation store, as the runtime shim gives them.")
    boolean lockless;

    @Option(names = "--mode", defaultValue = "hami-core", description = "NVIDIA: the device plugin's sharing mode "
            + "(hami device-plugin --mode); with mig (dynamic MIG) the node writes the driver's MIG capability files "
            + "under <dir>/proc (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--used-fraction", defaultValue = "0.5",
            description = "Memory each container uses, as a fraction of its limit (default: ${DEFAULT-VALUE}).")
    double usedFraction;

    @Option(names = "--labels", split = ",", defaultValue = "gpu=on",
            description = "Node labels k=v,... (gpu=on is always set; default: ${DEFAULT-VALUE}).")
    List<String> labels;

    @Option(names = "--start-timeout", defaultValue = "60s", converter = PositiveDuration.class,
            description = "How long each start step may take, a Go duration (default: ${DEFAULT-VALUE}).")
    Duration startTimeout;

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        if (VendorPluginStandIn.TYPES.contains(vendor)) {
            return callWithoutPlugin();
        }
        var options = NodeOptions.from(this);
        var plugin = new DevicePluginCommand();
        new CommandLine(plugin).parseArgs(options.pluginArgs().toArray(String[]::new));
        var monitor = new MonitorCommand();
        new CommandLine(monitor).parseArgs(options.monitorArgs().toArray(String[]::new));
        var settings = new SimulatedNode.Settings(nodeName, options.layout(), options.labels(), plugin.registerAnnotation(),
                startTimeout);
        if (Sharing.MIG.equals(mode)) {
            MigCapabilityFiles.write(options.layout().procRoot());
        }
        var runtime = runtime(options);
        try (var client = KubeClients.create(Optional.of(kubeconfig), Duration.ofSeconds(10)); var closing = closer(runtime)) {
            SimulatedNode node;
            try {
                node = SimulatedNode.start(settings, client, runtime, monitor::start, () -> plugin.start(client));
            } catch (NodeStartException e) {
                throw startFailure(e);
            }
            var migDevices = migDevicesWritten(options.layout());
            try {
                serve(node);
            } finally {
                migDevices.close();
            }
        }
        return 0;
    }

    /**
     * In mode mig, keeps the node's MIG devices written for the demo (it cannot ask this process's NVML), read through
     * the plugin's library, loaded once per process, so the instances are the plugin's.
     */
    private AutoCloseable migDevicesWritten(NodeLayout layout) throws IOException {
        if (!Sharing.MIG.equals(mode)) {
            return () -> { };
        }
        var discovery = DeviceDiscoveries.open(DeviceVendor.NVIDIA, nvmlLibrary());
        return MigInstances.keepWritten(discovery, layout.migDevicesFile(), Duration.ofMillis(200));
    }

    /**
     * A node of a device type whose device plugin is its vendor's own: no plugin, monitor or library of ours, the Node
     * as that plugin would publish it ({@link VendorPluginStandIn}), and the pod side of kubelet.
     */
    private Integer callWithoutPlugin() throws Exception {
        if (!Files.isReadable(kubeconfig)) {
            throw new UserInputException("hami node: cannot read kubeconfig " + kubeconfig);
        }
        var settings = new SimulatedNode.Settings(nodeName, new NodeLayout(dir), NodeOptions.labels(labels),
                Optional.empty(), startTimeout);
        VendorPluginStandIn machine;
        try {
            machine = VendorPluginStandIn.of(vendor, nodeName, ZonedDateTime.now());
        } catch (IllegalArgumentException e) {
            throw new UserInputException("hami node: --vendor: " + e.getMessage());
        }
        try (var client = KubeClients.create(Optional.of(kubeconfig), Duration.ofSeconds(10))) {
            SimulatedNode node;
            try {
                node = SimulatedNode.startWithoutPlugin(settings, client, machine);
            } catch (NodeStartException e) {
                throw startFailure(e);
            }
            serve(node);
        }
        return 0;
    }

    private static UserInputException startFailure(NodeStartException e) {
        if (e.getCause() instanceof UserInputException input) {
            return new UserInputException("hami node: " + input.getMessage(), input.exitCode());
        }
        return new UserInputException("hami node: " + e.getMessage(), EXIT_START_FAILED);
    }

    /** Prints READY, then runs until SIGTERM, SIGINT or the end of standard input, and stops the node. */
    private void serve(SimulatedNode node) throws InterruptedException {
        {
            var hook = Thread.ofPlatform().name("hami-node-shutdown").unstarted(this::stopAndWait);
            Runtime.getRuntime().addShutdownHook(hook);
            watchStdin(HamiCommand.stdin(spec));
            try {
                var out = spec.commandLine().getOut();
                out.println(node.readyLine());
                out.flush();
                LOG.info("node {} ready: {}", nodeName, node.metricsUrl());
                stop.await();
            } finally {
                node.close();
                LOG.info("node {} stopped", nodeName);
                // last: on SIGTERM the JVM halts as soon as the hook, waiting for this, returns
                stopped.countDown();
                removeHook(hook);
            }
        }
    }

    private ContainerRuntime runtime(NodeOptions options) throws UserInputException {
        return switch (options.containers()) {
            case REGION_WRITER -> lockless
                    ? RegionWriterRuntime.lockless(options.regionWriter(), options.layout().containersDir(), usedFraction,
                            options.layout().hookPath())
                    : new RegionWriterRuntime(options.regionWriter(), options.layout().containersDir(), usedFraction);
            case RUNC -> {
                try {
                    yield RuncRuntime.prepare(options.shim().orElseThrow(), options.layout().create(), options.nvmlLibrary(),
                            options.regionWriter(), usedFraction);
                } catch (IOException e) {
                    throw new UserInputException("hami node: cannot prepare runc containers: " + e.getMessage(), EXIT_START_FAILED);
                }
            }
            case CONTAINERD -> {
                try {
                    yield ContainerdRuntime.prepare(containerdSocket, runtimeHandler, containerImage,
                            options.shim().orElseThrow().resolveSibling("hami"), options.layout().create(), options.nvmlLibrary(),
                            usedFraction);
                } catch (IOException e) {
                    throw new UserInputException("hami node: --containers containerd: " + e.getMessage(), EXIT_START_FAILED);
                }
            }
        };
    }

    /** Closes what the runtime holds (containerd's CRI connection) once the node has stopped its containers. */
    private static AutoCloseable closer(ContainerRuntime runtime) {
        return runtime instanceof ContainerdRuntime containerd ? containerd::close : () -> { };
    }

    /** A parent that dies closes our stdin: end of file stops the node like SIGTERM. */
    private void watchStdin(InputStream in) {
        Thread.ofPlatform().daemon().name("hami-node-stdin").start(() -> {
            var buffer = new byte[256];
            try {
                while (in.read(buffer) >= 0) {
                    // the parent has nothing to say; we only wait for the end
                }
            } catch (IOException e) {
                // a closed stdin is an end too
            }
            LOG.info("node {}: standard input closed, stopping", nodeName);
            stop.countDown();
        });
    }

    private void stopAndWait() {
        stop.countDown();
        try {
            stopped.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is what stopped us
        }
    }

    /** The NVML library: the flag (either name), else the mock the build made, else the driver's. */
    String nvmlLibrary() {
        if (nvmlLibrary != null) {
            return nvmlLibrary;
        }
        if (library != null && "nvidia".equals(vendor)) {
            return library;
        }
        return NativeTools.find(NativeTools.MOCK_NVML).map(Path::toString).orElse(NativeTools.MOCK_NVML);
    }

    /**
     * The vendor's library: the flag, else the vendor's mock the build made, else none (the plugin and the monitor then
     * look in the vendor's usual places); NVIDIA's is {@link #nvmlLibrary()}.
     */
    Optional<String> vendorLibrary(DeviceVendor deviceVendor) {
        if (library != null) {
            return Optional.of(library);
        }
        return NativeTools.find(NativeTools.mockLibrary(deviceVendor)).map(Path::toString);
    }

    /** The region writer: the flag, else the one the build made. */
    Path regionWriter() throws UserInputException {
        if (regionWriter != null) {
            if (!Files.isExecutable(regionWriter)) {
                throw new UserInputException("hami node: --region-writer is not an executable file: " + regionWriter);
            }
            return regionWriter;
        }
        return NativeTools.find(NativeTools.REGION_WRITER).orElseThrow(() -> new UserInputException(
                "hami node: no region-writer found (build test-fixtures, set -D" + NativeTools.PROPERTY + " or pass --region-writer)"));
    }

    /** The arguments of the node's {@code hami device-plugin}. */
    List<String> pluginArgs(NodeLayout layout, NodeOptions.Library library) {
        var args = new ArrayList<>(List.of("--vendor", vendor, "--node-name", nodeName, "--kubeconfig", kubeconfig.toString(),
                "--device-plugin-dir", layout.pluginDir().toString(), "--hook-path", layout.hookPath().toString(),
                "--health-address", "none"));
        if (library.nvidia()) {
            args.addAll(List.of("--vgpu-lock-dir", layout.lockDir().toString(), "--nvml-library", library.path().orElseThrow()));
        } else {
            library.path().ifPresent(path -> args.addAll(List.of("--library", path)));
        }
        if (library.vendor() == DeviceVendor.HYGON) {
            args.addAll(List.of("--hygon-vdcu-dir", layout.root().resolve("hygon/vdcu").toString(),
                    "--hygon-vdev-dir", layout.root().resolve("hygon/vdev").toString()));
        }
        if (lockless) {
            args.add("--lockless");
        }
        if (library.nvidia()) {
            args.addAll(List.of("--mode", mode, "--proc-root", layout.procRoot().toString(),
                    "--mig-apply-lock", layout.migApplyLock().toString()));
        }
        if (splitCount != null) {
            args.addAll(List.of("--device-split-count", splitCount.toString()));
        }
        if (memoryScaling != null) {
            args.addAll(List.of("--device-memory-scaling", memoryScaling.toString()));
        }
        if (coresScaling != null) {
            args.addAll(List.of("--device-cores-scaling", coresScaling.toString()));
        }
        return args;
    }

    /** The arguments of the node's {@code hami monitor}: a one-second pass so that new regions show up quickly. */
    List<String> monitorArgs(NodeLayout layout, NodeOptions.Library library) {
        var args = new ArrayList<>(List.of("--node-name", nodeName, "--kubeconfig", kubeconfig.toString(),
                "--hook-path", layout.vgpuDir().toString(), "--metrics-bind-address", monitorBind,
                "--vendor", library.vendor().id(), "--feedback-interval", "1s",
                "--mig-apply-lock", layout.migApplyLock().toString()));
        library.path().ifPresent(path -> args.addAll(List.of(library.nvidia() ? "--nvml-library" : "--library", path)));
        return args;
    }
}
