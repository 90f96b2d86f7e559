package io.hami.demo.cluster;

import io.hami.demo.containerd.DemoContainerd;
import io.hami.demo.containerd.PrivateContainerd;
import io.hami.demo.process.ChildProcess;
import io.hami.demo.process.HamiLauncher;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One simulated node, {@code hami node}, as a child process: device plugin, monitor and kubelet stand-in over its
 * vendor's mock library with its own profile copy and its own directory. Ready when it prints
 * {@code READY {"node":NAME,"metrics":URL}}.
 */
public final class NodeProcess implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("^READY \\{.*\"metrics\"\\s*:\\s*\"([^\"]+)\".*}$");

    private final NodeSpec spec;
    private final Path dir;
    private final ChildProcess process;
    private final URI metrics;

    private NodeProcess(NodeSpec spec, Path dir, ChildProcess process, URI metrics) {
        this.spec = spec;
        this.dir = dir;
        this.process = process;
        this.metrics = metrics;
    }

    /**
     * Starts the child for {@code spec}, node number {@code ordinal}, starting containers by {@code containers}
     * ({@code auto}, {@code region-writer}, {@code runc} or {@code containerd}: then an NVIDIA node gets a containerd of
     * its own, with our runtime installed and {@code image} imported; another vendor's node starts its containers as
     * with {@code auto}, since their device nodes are not simulated under containerd); call {@link Starting#awaitReady}
     * next.
     */
    static Starting start(HamiLauncher launcher, Fixtures fixtures, NodeSpec spec, int ordinal, Path kubeconfig,
                          Path workDir, String containers, Optional<DemoContainerd.Image> image) throws IOException {
        Path dir = workDir.resolve("nodes").resolve(spec.name());
        Files.createDirectories(dir);
        if (spec.vendorPlugin()) {
            var args = new ArrayList<>(List.of("node", "--node-name", spec.name(), "--vendor", spec.vendor(),
                    "--kubeconfig", kubeconfig.toString(), "--dir", dir.toString()));
            args.addAll(labelArgs(spec));
            var child = ChildProcess.start("node " + spec.name(), launcher.command(List.of(), args),
                    Map.of("HAMI_LOG_LEVEL", "WARN"), workDir.resolve("logs").resolve(spec.name() + ".log"));
            return new Starting(spec, dir, child, Optional.empty());
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
        return new Starting(spec, dir, child, Optional.ofNullable(containerd));
    }

    private static List<String> labelArgs(NodeSpec spec) {
        return spec.labels().isEmpty() ? List.of() : List.of("--labels", spec.labels().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).sorted().collect(Collectors.joining(",")));
    }

        /** A node whose process runs but has not said READY yet, and its containerd when it has one. */
    record Starting(NodeSpec spec, Path dir, ChildProcess process, Optional<PrivateContainerd> containerd) {
        /** Stops the node, then its containerd (which removes whatever pod the node left). */
        AutoCloseable resources() {
            return () -> {
                process.close();
                containerd.ifPresent(PrivateContainerd::close);
            };
        }

        NodeProcess awaitReady(Duration timeout) throws TimeoutException, InterruptedException {
            String line = process.awaitLine(l -> READY.matcher(l).matches(), timeout);
            Matcher m = READY.matcher(line);
            if (!m.matches()) {
                throw new IllegalStateException("unreadable READY line: " + line);
            }
            return new NodeProcess(spec, dir, process, URI.create(m.group(1)));
        }
    }

    public NodeSpec spec() {
        return spec;
    }

    /** The node's directory: its kubelet sockets, the containers' directories and {@code started/*.json}. */
    public Path dir() {
        return dir;
    }

    /** Its monitor's {@code /metrics}. */
    public URI metrics() {
        return metrics;
    }

    public ChildProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }
}
