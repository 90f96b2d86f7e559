package io.hami.demo.cluster;

import io.hami.demo.containerd.DemoContainerd;
import io.hami.demo.containerd.PrivateContainerd;
import io.hami.demo.node.NodeLayout;
import io.hami.demo.node.NodeStartException;
import io.hami.demo.node.SimulatedNode;
import io.hami.demo.node.VendorPluginStandIn;
import io.hami.demo.process.ChildProcess;
import io.hami.demo.process.HamiLauncher;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One simulated node: {@code hami node} as a child process (device plugin, monitor and kubelet stand-in over its
 * vendor's mock library with its own profile copy and its own directory), ready when it prints
 * {@code READY {"node":NAME,"metrics":URL}}; or, for a device type whose plugin is its vendor's own, a
 * {@link SimulatedNode} without a plugin in this JVM ({@link VendorPluginStandIn}): such a node runs no library, plugin
 * or monitor of ours, so a JVM of its own would only cost a start-up on a loaded machine.
 */
public final class NodeProcess implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("^READY \\{.*\"metrics\"\\s*:\\s*\"([^\"]+)\".*}$");

    private final NodeSpec spec;
    private final Path dir;
    private final Runnable stop;
    private final BooleanSupplier alive;
    private final URI metrics;

    private NodeProcess(NodeSpec spec, Path dir, Runnable stop, BooleanSupplier alive, URI metrics) {
        this.spec = spec;
        this.dir = dir;
        this.stop = stop;
        this.alive = alive;
        this.metrics = metrics;
    }

    /**
     * Starts the child for {@code spec}, node number {@code ordinal}, starting containers by {@code containers}
     * ({@code auto}, {@code region-writer}, {@code runc} or {@code containerd}: then an NVIDIA node gets a containerd of
     * its own, with our runtime installed and {@code image} imported; another vendor's node starts its containers as
     * with {@code auto}, since their device nodes are not simulated under containerd); call {@link Starting#awaitReady}
     * next. A node of a {@link NodeSpec#vendorPlugin()} type starts here, in this JVM, through {@code client}.
     *
     * @throws NodeStartException when such a node does not start
     */
    static Starting start(HamiLauncher launcher, Fixtures fixtures, NodeSpec spec, int ordinal, Path kubeconfig,
                          KubernetesClient client, Path workDir, String containers,
                          Optional<DemoContainerd.Image> image) throws IOException, NodeStartException {
        Path dir = workDir.resolve("nodes").resolve(spec.name());
        Files.createDirectories(dir);
        if (spec.vendorPlugin()) {
            return new InThisJvm(startHere(spec, dir, client));
        }
        var vendor = spec.libraryVendor();
        var library = fixtures.library(vendor);
        if (!Files.isRegularFile(library)) {
            throw new IOException("the " + vendor.displayName() + " mock is not built at " + library
                    + " (run ./mvnw -B -DskipTests package -pl cli -am)");
        }
        Path template = fixtures.profile(vendor, spec.profile());
        Path profile = dir.resolve("machine.json");
        if (spec.nvidia()) {
            NodeProfiles.write(template, ordinal, profile);
        } else {
            Files.copy(template, profile, StandardCopyOption.REPLACE_EXISTING);
        }
        PrivateContainerd containerd = null;
        var how = List.of("--containers", containers);
        if (containers.equals("containerd")) {
            if (spec.nvidia()) {
                var built = image.orElseThrow(() -> new IOException("--containers containerd: no image built"));
                containerd = DemoContainerd.start(dir, profile, launcher, built, "demo");
                how = DemoContainerd.nodeArgs(containerd, dir, built);
            } else {
                how = List.of("--containers", "auto");
            }
        }
        var args = new ArrayList<>(List.of("node", "--node-name", spec.name(), "--vendor", spec.vendor(),
                "--kubeconfig", kubeconfig.toString(), "--dir", dir.toString(),
                spec.nvidia() ? "--nvml-library" : "--library", library.toString(),
                "--device-split-count", Integer.toString(spec.splitCount()), "--monitor-bind", "127.0.0.1:0",
                "--used-fraction", Double.toString(spec.usedFraction())));
        args.addAll(how);
        if (spec.dynamicMig()) {
            args.addAll(List.of("--mode", spec.mode()));
        }
        if (spec.lockless()) {
            args.add("--lockless");
        }
        args.addAll(labelArgs(spec));
        ChildProcess child;
        try {
            child = ChildProcess.start("node " + spec.name(),
                    launcher.command(List.of("-Dhami.native.dir=" + fixtures.nativeDir()), args),
                    Map.of(Fixtures.profileVariable(vendor), profile.toString(), "HAMI_LOG_LEVEL", "WARN"),
                    workDir.resolve("logs").resolve(spec.name() + ".log"));
        } catch (RuntimeException e) {
            if (containerd != null) {
                containerd.close();
            }
            throw e;
        }
        return new Child(spec, dir, child, Optional.ofNullable(containerd));
    }

    private static NodeProcess startHere(NodeSpec spec, Path dir, KubernetesClient client) throws NodeStartException {
        var machine = VendorPluginStandIn.of(spec.vendor(), spec.name(), ZonedDateTime.now());
        var labels = new LinkedHashMap<>(SimulatedNode.DEVICE_NODE_LABEL);
        labels.putAll(spec.labels());
        // such a node waits for nothing of its own while starting, so its start timeout bounds nothing
        var settings = new SimulatedNode.Settings(spec.name(), new NodeLayout(dir), labels, Optional.empty(),
                Duration.ofSeconds(30));
        var node = SimulatedNode.startWithoutPlugin(settings, client, machine);
        var closed = new AtomicBoolean();
        Runnable stop = () -> {
            closed.set(true);
            node.close();
        };
        return new NodeProcess(spec, dir, stop, () -> !closed.get(), URI.create(node.metricsUrl()));
    }

    private static List<String> labelArgs(NodeSpec spec) {
        return spec.labels().isEmpty() ? List.of() : List.of("--labels", spec.labels().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).sorted().collect(Collectors.joining(",")));
    }

    /** A node being started. */
    sealed interface Starting {
        /** What stops the node and whatever it brought. */
        AutoCloseable resources();

        /** Waits until the node is ready. */
        NodeProcess awaitReady(Duration timeout) throws TimeoutException, InterruptedException;
    }

    /** A node whose process runs but has not said READY yet, and its containerd when it has one. */
    private record Child(NodeSpec spec, Path dir, ChildProcess process, Optional<PrivateContainerd> containerd)
            implements Starting {
        /** Stops the node, then its containerd (which removes whatever pod the node left). */
        @Override
        public AutoCloseable resources() {
            return () -> {
                process.close();
                containerd.ifPresent(PrivateContainerd::close);
            };
        }

        @Override
        public NodeProcess awaitReady(Duration timeout) throws TimeoutException, InterruptedException {
            String line = process.awaitLine(l -> READY.matcher(l).matches(), timeout);
            Matcher m = READY.matcher(line);
            if (!m.matches()) {
                throw new IllegalStateException("unreadable READY line: " + line);
            }
            return new NodeProcess(spec, dir, process::close, process::isAlive, URI.create(m.group(1)));
        }
    }

    /** A node started in this JVM: ready already. */
    private record InThisJvm(NodeProcess node) implements Starting {
        @Override
        public AutoCloseable resources() {
            return node::close;
        }

        @Override
        public NodeProcess awaitReady(Duration timeout) {
            return node;
        }
    }

    public NodeSpec spec() {
        return spec;
    }

    /** The node's directory: its kubelet sockets, the containers' directories and {@code started/*.json}. */
    public Path dir() {
        return dir;
    }

    /** Its monitor's {@code /metrics} (an empty page for a node without a monitor of ours). */
    public URI metrics() {
        return metrics;
    }

    /** Whether the node still runs: its process alive, or, for a node in this JVM, not closed yet. */
    public boolean alive() {
        return alive.getAsBoolean();
    }

    @Override
    public void close() {
        stop.run();
    }
}
