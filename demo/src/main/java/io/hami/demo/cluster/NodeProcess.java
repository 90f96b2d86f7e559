package io.hami.demo.cluster;

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
     * ({@code auto}, {@code region-writer} or {@code runc}); call {@link Starting#awaitReady} next.
     */
    static Starting start(HamiLauncher launcher, Fixtures fixtures, NodeSpec spec, int ordinal, Path kubeconfig,
                          Path workDir, String containers) throws IOException {
        Path dir = workDir.resolve("nodes").resolve(spec.name());
        Files.createDirectories(dir);
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
        var args = new ArrayList<>(List.of("node", "--node-name", spec.name(), "--vendor", spec.vendor(),
                "--kubeconfig", kubeconfig.toString(), "--dir", dir.toString(),
                spec.nvidia() ? "--nvml-library" : "--library", library.toString(),
                "--device-split-count", Integer.toString(spec.splitCount()), "--monitor-bind", "127.0.0.1:0",
                "--containers", containers, "--used-fraction", Double.toString(spec.usedFraction())));
        if (!spec.labels().isEmpty()) {
            args.add("--labels");
            args.add(spec.labels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .sorted().collect(Collectors.joining(",")));
        }
        var child = ChildProcess.start("node " + spec.name(),
                launcher.command(List.of("-Dhami.native.dir=" + fixtures.nativeDir()), args),
                Map.of(Fixtures.profileVariable(vendor), profile.toString(), "HAMI_LOG_LEVEL", "WARN"),
                workDir.resolve("logs").resolve(spec.name() + ".log"));
        return new Starting(spec, dir, child);
    }

    /** A node whose process runs but has not said READY yet. */
    record Starting(NodeSpec spec, Path dir, ChildProcess process) {
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
