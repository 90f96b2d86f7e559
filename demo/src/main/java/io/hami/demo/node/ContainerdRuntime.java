package io.hami.demo.node;

import io.hami.kubelet.cri.CriClient;
import io.hami.kubelet.cri.CriException;
import io.hami.kubelet.cri.CriPods;
import io.hami.kubelet.cri.v1.PodSandboxConfig;
import io.hami.kubelet.v1beta1.ContainerAllocateResponse;
import io.hami.model.protocol.HamiCoreView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Starts containers through containerd's CRI API, as kubelet does: one sandbox per pod with the runtime handler of
 * the node's RuntimeClass ({@code hami}, which {@code hami install runtime} added to containerd's config), then each
 * container with what the device plugin's {@code Allocate} answered for it ({@link CriPods}). containerd writes the
 * bundle and the CRI annotations and runs the handler's binary, the runtime shim, through its runc shim; the shim
 * adds the GPUs' device nodes and the hook as it does under runc alone ({@link RuncRuntime}).
 *
 * <p>containerd runs elsewhere (its own process, its own config): this runtime only needs its socket, and the images
 * in its {@code k8s.io} namespace (the sandbox image of its config, and {@code image}, a busybox image with the static
 * region writer in {@code /bin}, as {@code scripts/build-image.sh --busybox --add} makes it). The shim learns this
 * node's host from containerd's environment: containerd must run with {@code HAMI_RUNTIME_CONFIG} naming this node's
 * {@code runtime.conf} ({@link ShimHost}). A GPU container's process is {@code region-writer container FRACTION}; a
 * container whose answer lists device nodes checks them and sleeps; any other sleeps. Another vendor's device nodes
 * are not simulated here (the host has no such nodes, and containerd refuses a device whose host path is missing):
 * those pods fail to start, with containerd's error.
 *
 * <p>Under the node's directory it keeps {@code pods/<podUID>/<container>/0.log} (the containers' output, CRI's log
 * format) besides what {@link ShimHost} makes.
 */
public final class ContainerdRuntime implements ContainerRuntime, AutoCloseable {
    /** How long a stopping container has after its stop signal, as a pod's termination grace period. */
    private static final Duration GRACE = Duration.ofSeconds(5);

    private final CriClient cri;
    private final String handler;
    private final String image;
    private final NodeLayout layout;
    private final double usedFraction;
    /** The sandbox of each pod with a started container, by pod UID, and how many of its containers run. */
    private final Map<String, Sandbox> sandboxes = new HashMap<>();

    private record Sandbox(String id, PodSandboxConfig config, int containers) {
        Sandbox plus(int n) {
            return new Sandbox(id, config, containers + n);
        }
    }

    private ContainerdRuntime(CriClient cri, String handler, String image, NodeLayout layout, double usedFraction) {
        this.cri = cri;
        this.handler = handler;
        this.image = image;
        this.layout = layout;
        this.usedFraction = usedFraction;
    }

    /**
     * Prepares the node's host for the shim ({@link ShimHost}) and connects to containerd at {@code socket}; checks that
     * it has {@code image}.
     *
     * @param hook    the {@code hami} command the shim puts into the hook (the installed runtime's {@code bin/hami})
     * @param handler the runtime handler pods run with
     * @throws IOException when containerd does not answer, or lacks the image
     */
    public static ContainerdRuntime prepare(Path socket, String handler, String image, Path hook, NodeLayout layout,
            String nvmlLibrary, double usedFraction) throws IOException {
        if (!(usedFraction >= 0 && usedFraction <= 1)) {
            throw new IllegalArgumentException("used fraction must lie in 0..1: " + usedFraction);
        }
        ShimHost.prepare(hook, layout, nvmlLibrary);
        var cri = CriClient.connect(socket, Duration.ofSeconds(120));
        try {
            if (cri.image(image).isEmpty()) {
                throw new IOException("containerd at " + socket + " has no image " + image + " (import it into its k8s.io "
                        + "namespace: ctr -n k8s.io images import)");
            }
        } catch (IOException e) {
            cri.close();
            throw e;
        }
        return new ContainerdRuntime(cri, handler, image, layout, usedFraction);
    }

    /** Closes the connection to containerd; its pods stay as they are. */
    @Override
    public void close() {
        cri.close();
    }

    /** The host file of the shim's configuration: containerd's {@code HAMI_RUNTIME_CONFIG} must name it. */
    public static Path shimConfig(NodeLayout layout) {
        return layout.root().resolve("runtime.conf");
    }

    @Override
    public void discard(PodContainer container, ContainerAllocateResponse allocation) throws IOException {
        ContainerFiles.deleteTree(layout.root(), layout.containersDir().resolve(container.directoryName()));
    }

    @Override
    public Running start(PodContainer container, ContainerAllocateResponse allocation) throws IOException {
        var sandbox = sandbox(container);
        String id = null;
        try {
            var config = CriPods.container(sandbox.config(), container.container(), image, command(allocation),
                    List.of("PATH=/bin"), allocation);
            id = cri.createContainer(sandbox.id(), config, sandbox.config());
            cri.startContainer(id);
            if (ContainerFiles.regionOnHost(allocation).isPresent() || allocation.getDevicesCount() > 0) {
                awaitRunning(logFile(container));
            }
        } catch (IOException e) {
            remove(container, id);
            throw e;
        }
        var containerId = id;
        return () -> remove(container, containerId);
    }

    /** The pod's sandbox, run now when this is its first container. */
    private synchronized Sandbox sandbox(PodContainer container) throws IOException {
        var sandbox = sandboxes.get(container.uid());
        if (sandbox == null) {
            var config = CriPods.sandbox(container.namespace(), container.pod(), container.uid(),
                    layout.root().resolve("pods").resolve(container.uid()));
            Files.createDirectories(Path.of(config.getLogDirectory()));
            sandbox = new Sandbox(cri.runPodSandbox(config, handler), config, 0);
        }
        sandbox = sandbox.plus(1);
        sandboxes.put(container.uid(), sandbox);
        return sandbox;
    }

    /**
     * Stops and removes the container (when it was created), then the pod's sandbox when it was the pod's last, and the
     * container's region directory. Every step is tried; the first failure is thrown after the rest.
     */
    private void remove(PodContainer container, String id) throws IOException {
        IOException failure = null;
        if (id != null) {
            try {
                cri.stopContainer(id, GRACE);
                cri.removeContainer(id);
            } catch (CriException e) {
                failure = e;
            }
        }
        Sandbox last = null;
        synchronized (this) {
            var sandbox = sandboxes.get(container.uid());
            if (sandbox != null && sandbox.containers() <= 1) {
                sandboxes.remove(container.uid());
                last = sandbox;
            } else if (sandbox != null) {
                sandboxes.put(container.uid(), sandbox.plus(-1));
            }
        }
        if (last != null) {
            try {
                cri.stopPodSandbox(last.id());
                cri.removePodSandbox(last.id());
                ContainerFiles.deleteTree(layout.root(), Path.of(last.config().getLogDirectory()));
            } catch (CriException e) {
                failure = failure == null ? e : failure;
            }
        }
        ContainerFiles.deleteTree(layout.root(), layout.containersDir().resolve(container.directoryName()));
        if (failure != null) {
            throw failure;
        }
    }

    private List<String> command(ContainerAllocateResponse allocation) {
        if (allocation.getEnvsMap().containsKey(HamiCoreView.SHARED_CACHE)) {
            return List.of("/bin/" + RuncRuntime.STATIC_REGION_WRITER, "container", Double.toString(usedFraction));
        }
        if (allocation.getDevicesCount() > 0) {
            var paths = allocation.getDevicesList().stream().map(d -> "'" + d.getContainerPath() + "'").collect(Collectors.joining(" "));
            return List.of("/bin/sh", "-c", "for d in " + paths + "; do [ -c \"$d\" ] || { echo \"missing device node $d\"; exit 1; }; "
                    + "done; echo 'running: device nodes present'; exec sleep 2147483647");
        }
        return List.of("/bin/sleep", "2147483647");
    }

    private Path logFile(PodContainer container) {
        return layout.root().resolve("pods").resolve(container.uid()).resolve(container.container()).resolve("0.log");
    }

    /** Waits (20 s at most) until the container's output says it runs; a container that says a node is missing fails. */
    private static void awaitRunning(Path log) throws IOException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            var text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            if (text.contains("running:")) {
                return;
            }
            if (text.contains("missing device node") || System.nanoTime() > end) {
                throw new IOException("the container did not start: " + (text.isBlank() ? "no output in " + log : text.strip()));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the container", e);
            }
        }
    }
}
