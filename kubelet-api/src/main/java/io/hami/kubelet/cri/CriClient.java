package io.hami.kubelet.cri;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.hami.kubelet.cri.v1.ContainerConfig;
import io.hami.kubelet.cri.v1.ContainerFilter;
import io.hami.kubelet.cri.v1.CreateContainerRequest;
import io.hami.kubelet.cri.v1.ExecSyncRequest;
import io.hami.kubelet.cri.v1.ExecSyncResponse;
import io.hami.kubelet.cri.v1.Image;
import io.hami.kubelet.cri.v1.ImageServiceGrpc;
import io.hami.kubelet.cri.v1.ImageSpec;
import io.hami.kubelet.cri.v1.ImageStatusRequest;
import io.hami.kubelet.cri.v1.ListContainersRequest;
import io.hami.kubelet.cri.v1.ListPodSandboxRequest;
import io.hami.kubelet.cri.v1.PodSandbox;
import io.hami.kubelet.cri.v1.PodSandboxConfig;
import io.hami.kubelet.cri.v1.RemoveContainerRequest;
import io.hami.kubelet.cri.v1.RemovePodSandboxRequest;
import io.hami.kubelet.cri.v1.RunPodSandboxRequest;
import io.hami.kubelet.cri.v1.RuntimeServiceGrpc;
import io.hami.kubelet.cri.v1.StartContainerRequest;
import io.hami.kubelet.cri.v1.StopContainerRequest;
import io.hami.kubelet.cri.v1.StopPodSandboxRequest;
import io.hami.kubelet.cri.v1.VersionRequest;
import io.hami.kubelet.cri.v1.VersionResponse;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * kubelet's CRI calls to a container runtime over its Unix socket (containerd's {@code grpc.address}), blocking, each
 * with a deadline. A failed call is a {@link CriException} naming the call, what it was for and the runtime's answer;
 * a runtime that does not answer at all (not running, or its socket gone, also in the middle of a pod's life) is one
 * too, marked {@linkplain CriException#unreachable() unreachable}. Thread-safe.
 */
public final class CriClient implements AutoCloseable {
    /** The CRI version kubelet asks for. */
    public static final String API_VERSION = "v1";

    private final Path socket;
    private final Duration deadline;
    private final EventLoopGroup group;
    private final ManagedChannel channel;
    private final RuntimeServiceGrpc.RuntimeServiceBlockingStub runtime;
    private final ImageServiceGrpc.ImageServiceBlockingStub images;

    private CriClient(Path socket, Duration deadline) {
        this.socket = socket;
        this.deadline = deadline;
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("cri-client", true), EpollIoHandler.newFactory());
        this.channel = NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toString()))
                .channelType(EpollDomainSocketChannel.class).eventLoopGroup(group).usePlaintext().build();
        this.runtime = RuntimeServiceGrpc.newBlockingStub(channel);
        this.images = ImageServiceGrpc.newBlockingStub(channel);
    }

    /**
     * A client of the runtime at {@code socket} whose calls wait at most {@code deadline} (a sandbox's start runs the
     * runtime handler's binary several times: allow it seconds). Asks the runtime's version, so that a socket nobody
     * serves, or a server that does not speak CRI v1, is refused here.
     *
     * @throws CriException when nothing answers CRI v1 at {@code socket}
     */
    public static CriClient connect(Path socket, Duration deadline) throws CriException {
        if (!Files.exists(socket)) {
            throw new CriException("no CRI runtime socket at " + socket + " (is containerd running, with this grpc.address?)",
                    true, null);
        }
        var client = new CriClient(socket, deadline);
        try {
            client.version();
            return client;
        } catch (CriException e) {
            client.close();
            throw e;
        }
    }

    /** The socket this client calls. */
    public Path socket() {
        return socket;
    }

    /** {@code Version}: the runtime's name and version. */
    public VersionResponse version() throws CriException {
        return call("Version", "", () -> stub().version(VersionRequest.newBuilder().setVersion(API_VERSION).build()));
    }

    /** {@code RunPodSandbox} with the runtime handler {@code handler} (empty: the runtime's default); the sandbox's ID. */
    public String runPodSandbox(PodSandboxConfig config, String handler) throws CriException {
        return call("RunPodSandbox", "pod " + podName(config) + ", runtime handler \"" + handler + "\"",
                () -> stub().runPodSandbox(RunPodSandboxRequest.newBuilder().setConfig(config).setRuntimeHandler(handler)
                        .build()).getPodSandboxId());
    }

    /** {@code StopPodSandbox}: stops every container of the sandbox, and the sandbox. */
    public void stopPodSandbox(String sandboxId) throws CriException {
        call("StopPodSandbox", "sandbox " + sandboxId,
                () -> stub().stopPodSandbox(StopPodSandboxRequest.newBuilder().setPodSandboxId(sandboxId).build()));
    }

    /** {@code RemovePodSandbox}: removes the sandbox and its containers; a sandbox already gone is no error. */
    public void removePodSandbox(String sandboxId) throws CriException {
        call("RemovePodSandbox", "sandbox " + sandboxId,
                () -> stub().removePodSandbox(RemovePodSandboxRequest.newBuilder().setPodSandboxId(sandboxId).build()));
    }

    /** {@code ListPodSandbox}: every sandbox the runtime has. */
    public List<PodSandbox> listPodSandboxes() throws CriException {
        return call("ListPodSandbox", "", () -> stub().listPodSandbox(ListPodSandboxRequest.getDefaultInstance()).getItemsList());
    }

    /** {@code CreateContainer} in the sandbox; the container's ID. */
    public String createContainer(String sandboxId, ContainerConfig config, PodSandboxConfig sandboxConfig) throws CriException {
        return call("CreateContainer", "container " + podName(sandboxConfig) + "/" + config.getMetadata().getName(),
                () -> stub().createContainer(CreateContainerRequest.newBuilder().setPodSandboxId(sandboxId).setConfig(config)
                        .setSandboxConfig(sandboxConfig).build()).getContainerId());
    }

    /** {@code StartContainer}. */
    public void startContainer(String containerId) throws CriException {
        call("StartContainer", "container " + containerId,
                () -> stub().startContainer(StartContainerRequest.newBuilder().setContainerId(containerId).build()));
    }

    /** {@code StopContainer}: the image's stop signal, then a kill after {@code grace}. */
    public void stopContainer(String containerId, Duration grace) throws CriException {
        call("StopContainer", "container " + containerId, () -> stub().stopContainer(StopContainerRequest.newBuilder()
                .setContainerId(containerId).setTimeout(grace.toSeconds()).build()));
    }

    /** {@code RemoveContainer}; a container already gone is no error. */
    public void removeContainer(String containerId) throws CriException {
        call("RemoveContainer", "container " + containerId,
                () -> stub().removeContainer(RemoveContainerRequest.newBuilder().setContainerId(containerId).build()));
    }

    /** {@code ListContainers}: every container the runtime has, of every sandbox. */
    public List<io.hami.kubelet.cri.v1.Container> listContainers() throws CriException {
        return call("ListContainers", "", () -> stub().listContainers(ListContainersRequest.newBuilder()
                .setFilter(ContainerFilter.getDefaultInstance()).build()).getContainersList());
    }

    /** {@code ExecSync}: runs {@code command} in the container, at most {@code timeout}; its output and exit code. */
    public ExecSyncResponse execSync(String containerId, List<String> command, Duration timeout) throws CriException {
        return call("ExecSync", "container " + containerId + ", " + String.join(" ", command), () -> stub()
                .execSync(ExecSyncRequest.newBuilder().setContainerId(containerId).addAllCmd(command)
                        .setTimeout(timeout.toSeconds()).build()));
    }

    /** {@code ImageStatus}: the image, when the runtime has it. */
    public Optional<Image> image(String reference) throws CriException {
        var response = call("ImageStatus", "image " + reference, () -> images.withDeadlineAfter(deadline.toMillis(),
                TimeUnit.MILLISECONDS).imageStatus(ImageStatusRequest.newBuilder().setImage(ImageSpec.newBuilder()
                .setImage(reference)).build()));
        return response.hasImage() ? Optional.of(response.getImage()) : Optional.empty();
    }

    private RuntimeServiceGrpc.RuntimeServiceBlockingStub stub() {
        return runtime.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    private <T> T call(String method, String what, Supplier<T> call) throws CriException {
        var before = channel.getState(false);
        try {
            return call.get();
        } catch (StatusRuntimeException e) {
            // a call made without a connection failed before it was sent: once the runtime is back (restarted), it is
            // reached at once, not after gRPC's reconnect backoff, which grows with every failed attempt
            if (e.getStatus().getCode() == Status.Code.UNAVAILABLE && before != ConnectivityState.READY && reconnected()) {
                try {
                    return call.get();
                } catch (StatusRuntimeException again) {
                    throw failure(method, what, again.getStatus());
                }
            }
            throw failure(method, what, e.getStatus());
        }
    }

    /** Connects afresh, without waiting out the backoff; whether the runtime answered within two seconds. */
    private boolean reconnected() {
        channel.resetConnectBackoff();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        var state = channel.getState(true);
        while (state != ConnectivityState.READY && System.nanoTime() < end) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            state = channel.getState(true);
        }
        return state == ConnectivityState.READY;
    }

    private CriException failure(String method, String what, Status status) {
        var subject = method + (what.isEmpty() ? "" : " (" + what + ")");
        var detail = status.getDescription() != null ? status.getDescription()
                : status.getCause() != null ? status.getCause().toString() : "no detail";
        return switch (status.getCode()) {
            case UNAVAILABLE -> new CriException(subject + ": no CRI runtime answers at " + socket + " (not running, or its "
                    + "socket is gone): " + detail, true, status.asRuntimeException());
            case UNIMPLEMENTED -> new CriException(subject + ": the server at " + socket + " does not serve CRI v1 ("
                    + detail + "); containerd serves it from its CRI plugin (io.containerd.grpc.v1.cri), which must be "
                    + "enabled", false, status.asRuntimeException());
            case DEADLINE_EXCEEDED -> new CriException(subject + ": no answer from " + socket + " within " + deadline.toSeconds()
                    + " s", false, status.asRuntimeException());
            default -> new CriException(subject + ": the runtime at " + socket + " answered " + status.getCode() + ": " + detail,
                    false, status.asRuntimeException());
        };
    }

    private static String podName(PodSandboxConfig config) {
        return config.getMetadata().getNamespace() + "/" + config.getMetadata().getName();
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
