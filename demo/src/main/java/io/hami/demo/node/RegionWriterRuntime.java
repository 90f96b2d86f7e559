package io.hami.demo.node;

import io.hami.kubelet.v1beta1.ContainerAllocateResponse;
import io.hami.model.container.HamiCoreContainer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Starts a container without any OCI runtime: for a container with HAMi-core's environment it does what
 * {@code libvgpu.so} does in the container's first CUDA process, through the C {@code region-writer} built
 * against our region header. It creates the region file named by {@code CUDA_DEVICE_MEMORY_SHARED_CACHE} in
 * the host directory mounted at that path, with the container's limits and the real GPUs' UUIDs, registers one
 * process and books {@code usedFraction} of each device's limit. The monitor then finds the region as it
 * would find a real one. A container without HAMi-core's environment just "runs".
 */
public final class RegionWriterRuntime implements ContainerRuntime {
    private static final long MIB = 1L << 20;
    /** Simulated container PIDs: HAMi-core records the PID inside the container's namespace. */
    private static final int FIRST_PID = 100;

    private final Path writer;
    private final Path containersDir;
    private final double usedFraction;
    private final AtomicInteger pids = new AtomicInteger(FIRST_PID);

    /**
     * @param writer        the {@code region-writer} executable
     * @param containersDir the host directory of per-container directories; nothing outside it is ever removed
     * @param usedFraction  the memory each container books, as a fraction of its limit (0..1)
     */
    public RegionWriterRuntime(Path writer, Path containersDir, double usedFraction) {
        this.writer = Objects.requireNonNull(writer, "writer");
        this.containersDir = containersDir.toAbsolutePath().normalize();
        if (!(usedFraction >= 0 && usedFraction <= 1)) {
            throw new IllegalArgumentException("used fraction must lie in 0..1: " + usedFraction);
        }
        this.usedFraction = usedFraction;
    }

    @Override
    public Running start(PodContainer container, ContainerAllocateResponse allocation) throws IOException {
        var env = allocation.getEnvsMap();
        var cache = env.get(HamiCoreContainer.SHARED_CACHE);
        if (cache == null) {
            return () -> { };
        }
        var hostDir = hostDirectory(allocation, cache);
        var region = hostDir.resolve(Path.of(cache).getFileName().toString());
        boolean created = !Files.isDirectory(hostDir);
        Files.createDirectories(hostDir);
        try {
            write(region, env);
        } catch (IOException | RuntimeException e) {
            remove(created ? hostDir : region);
            throw e;
        }
        return () -> remove(hostDir);
    }

    /** The host directory mounted where the region's path points inside the container. */
    private Path hostDirectory(ContainerAllocateResponse allocation, String cache) throws IOException {
        var inside = Path.of(cache).getParent();
        var mount = allocation.getMountsList().stream().filter(m -> inside != null && Path.of(m.getContainerPath()).equals(inside))
                .findFirst().orElseThrow(() -> new IOException("no mount provides " + inside + " for " + HamiCoreContainer.SHARED_CACHE));
        var host = Path.of(mount.getHostPath()).toAbsolutePath().normalize();
        if (!host.startsWith(containersDir)) {
            throw new IOException("the region's host directory " + host + " lies outside " + containersDir);
        }
        return host;
    }

    private void write(Path region, java.util.Map<String, String> env) throws IOException {
        var uuids = List.of(env.getOrDefault(HamiCoreContainer.VISIBLE_DEVICES, "").split(","));
        var limits = new ArrayList<Long>();
        for (int i = 0; i < HamiCoreContainer.MAX_DEVICES && env.containsKey(HamiCoreContainer.memoryLimitVariable(i)); i++) {
            limits.add(mebibytes(env.get(HamiCoreContainer.memoryLimitVariable(i))) * MIB);
        }
        if (limits.isEmpty()) {
            throw new IOException("no " + HamiCoreContainer.memoryLimitVariable(0) + " in the container's environment");
        }
        var create = new ArrayList<>(List.of("create", region.toString(), "1.2", "--devices", Integer.toString(limits.size())));
        var sm = env.get(HamiCoreContainer.SM_LIMIT);
        for (int i = 0; i < limits.size(); i++) {
            create.addAll(List.of("--limit", i + "=" + limits.get(i)));
            create.addAll(List.of("--uuid", i + "=" + uuids.get(Math.min(i, uuids.size() - 1))));
            if (sm != null) {
                create.addAll(List.of("--sm-limit", i + "=" + sm));
            }
        }
        run(create);
        var pid = Integer.toString(pids.getAndIncrement());
        run(List.of("register", region.toString(), pid));
        for (int i = 0; i < limits.size(); i++) {
            long used = (long) Math.floor(limits.get(i) * usedFraction);
            if (used > 0) {
                run(List.of("alloc", region.toString(), pid, Integer.toString(i), Long.toString(used), "data"));
            }
        }
    }

    /** {@code 3000m} as libvgpu reads it: MiB, with a bare number meaning bytes rounded down to MiB. */
    static long mebibytes(String limit) throws IOException {
        try {
            if (limit.endsWith("m") || limit.endsWith("M")) {
                return Long.parseLong(limit.substring(0, limit.length() - 1));
            }
            if (limit.endsWith("g") || limit.endsWith("G")) {
                return Long.parseLong(limit.substring(0, limit.length() - 1)) * 1024;
            }
            return Long.parseLong(limit) / MIB;
        } catch (NumberFormatException e) {
            throw new IOException("not a memory limit: " + limit);
        }
    }

    private void run(List<String> args) throws IOException {
        var command = new ArrayList<String>();
        command.add(writer.toString());
        command.addAll(args);
        var process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            var err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("region-writer did not finish: " + String.join(" ", args));
            }
            if (process.exitValue() != 0) {
                throw new IOException("region-writer " + String.join(" ", args) + " exited " + process.exitValue() + ": " + err);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running region-writer", e);
        }
    }

    private void remove(Path path) throws IOException {
        if (!path.toAbsolutePath().normalize().startsWith(containersDir) || !Files.exists(path)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(path)) {
            for (var p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
