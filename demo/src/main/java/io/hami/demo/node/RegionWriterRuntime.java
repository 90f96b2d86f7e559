package io.hami.demo.node;

import io.hami.kubelet.v1beta1.ContainerAllocateResponse;
import io.hami.model.protocol.HamiCoreView;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts a container without any OCI runtime: a container with HAMi-core's environment gets one host process,
 * the C {@code region-writer container FRACTION}, which reads that environment as {@code libvgpu.so} does,
 * creates the region, registers itself and books {@code usedFraction} of each device's limit, and runs until it
 * is stopped (or its parent, this JVM, dies). The one difference from a container is the file system: the
 * region's path is given as the host sees it, in the directory mounted at the container's path. A container
 * without HAMi-core's environment just "runs".
 */
public final class RegionWriterRuntime implements ContainerRuntime {
    private static final long START_SECONDS = 30;
    /**
     * Forks every region-writer. The writer asks for SIGTERM when its parent dies ({@code PR_SET_PDEATHSIG}), and
     * Linux sends it when the forking <em>thread</em> ends, not the process: a container forked from a pod worker's
     * virtual thread would die once that thread's carrier retired after idling. This thread lives as long as the JVM.
     */
    private static final ExecutorService FORKER = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().daemon().name("region-writer-fork").unstarted(r));

    private final Path writer;
    private final Path containersDir;
    private final double usedFraction;
    private final Optional<LocklessShimStandIn> lockless;

    /**
     * @param writer        the {@code region-writer} executable
     * @param containersDir the host directory of per-container directories; nothing outside it is ever removed
     * @param usedFraction  the memory each container books, as a fraction of its limit (0..1)
     */
    public RegionWriterRuntime(Path writer, Path containersDir, double usedFraction) {
        this(writer, containersDir, usedFraction, Optional.empty());
    }

    /**
     * A runtime that also does the runtime shim's part for lockless containers, reading the allocation store of the
     * node whose HAMi-core hook path is {@code hookPath}.
     */
    public static RegionWriterRuntime lockless(Path writer, Path containersDir, double usedFraction, Path hookPath) {
        return new RegionWriterRuntime(writer, containersDir, usedFraction,
                Optional.of(new LocklessShimStandIn(hookPath, java.time.Duration.ofSeconds(20))));
    }

    private RegionWriterRuntime(Path writer, Path containersDir, double usedFraction, Optional<LocklessShimStandIn> lockless) {
        this.lockless = lockless;
        this.writer = Objects.requireNonNull(writer, "writer");
        this.containersDir = containersDir.toAbsolutePath().normalize();
        if (!(usedFraction >= 0 && usedFraction <= 1)) {
            throw new IllegalArgumentException("used fraction must lie in 0..1: " + usedFraction);
        }
        this.usedFraction = usedFraction;
    }

    @Override
    public ContainerAllocateResponse prepare(PodContainer container, ContainerAllocateResponse allocation) throws IOException {
        return lockless.isPresent() ? lockless.get().resolve(container, allocation) : allocation;
    }

    @Override
    public Running start(PodContainer container, ContainerAllocateResponse allocation) throws IOException {
        var region = ContainerFiles.regionOnHost(allocation);
        if (region.isEmpty()) {
            return () -> { };
        }
        var hostDir = region.get().getParent();
        if (!hostDir.startsWith(containersDir)) {
            throw new IOException("the region's host directory " + hostDir + " lies outside " + containersDir);
        }
        Files.createDirectories(hostDir);
        var pb = new ProcessBuilder(writer.toString(), "container", Double.toString(usedFraction), "--exit-with-parent")
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(allocation.getEnvsMap());
        pb.environment().put(HamiCoreView.SHARED_CACHE, region.get().toString());
        var process = fork(pb, container);
        Running running = () -> stop(process, hostDir);
        try {
            awaitRunning(process, container);
        } catch (IOException e) {
            running.stop();
            throw e;
        }
        return running;
    }

    @Override
    public void discard(PodContainer container, ContainerAllocateResponse allocation) throws IOException {
        var region = ContainerFiles.regionOnHost(allocation);
        if (region.isPresent() && region.get().getParent().startsWith(containersDir)) {
            ContainerFiles.deleteTree(containersDir, region.get().getParent());
        }
    }

    /** Starts {@code pb} on {@link #FORKER}; a process started while this thread was interrupted is stopped again. */
    private static Process fork(ProcessBuilder pb, PodContainer container) throws IOException {
        Future<Process> forked = FORKER.submit(pb::start);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    var process = forked.get();
                    if (interrupted) {
                        process.destroyForcibly();
                        throw new IOException("interrupted while starting " + container);
                    }
                    return process;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof IOException io ? io
                            : new IOException("region-writer for " + container + " could not be started: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits for the process's one line saying it booked its memory; it prints it once the region is written. */
    private static void awaitRunning(Process process, PodContainer container) throws IOException {
        var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        try {
            line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    return null;
                }
            }, Thread::startVirtualThread).get(START_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting " + container, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("region-writer for " + container + " did not start within " + START_SECONDS + " s");
        }
        if (line == null || !line.startsWith("running:")) {
            throw new IOException("region-writer for " + container + " failed (see the node's log)");
        }
    }

    /** SIGTERM (the process frees its slot and exits), KILL after 5 s, then the container's directory goes. */
    private void stop(Process process, Path hostDir) throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        ContainerFiles.deleteTree(containersDir, hostDir);
    }
}
