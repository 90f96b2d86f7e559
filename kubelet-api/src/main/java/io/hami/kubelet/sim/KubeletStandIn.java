package io.hami.kubelet.sim;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.hami.kubelet.v1beta1.AllocateRequest;
import io.hami.kubelet.v1beta1.AllocateResponse;
import io.hami.kubelet.v1beta1.ContainerAllocateRequest;
import io.hami.kubelet.v1beta1.ContainerPreferredAllocationRequest;
import io.hami.kubelet.v1beta1.DevicePluginGrpc;
import io.hami.kubelet.v1beta1.DevicePluginOptions;
import io.hami.kubelet.v1beta1.Empty;
import io.hami.kubelet.v1beta1.ListAndWatchResponse;
import io.hami.kubelet.v1beta1.PreferredAllocationRequest;
import io.hami.kubelet.v1beta1.PreferredAllocationResponse;
import io.hami.kubelet.v1beta1.RegisterRequest;
import io.hami.kubelet.v1beta1.RegistrationGrpc;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * kubelet's side of the device-plugin protocol, as far as device plugins can tell: it serves {@code v1beta1.Registration} on
 * {@code <dir>/kubelet.sock}; after each {@code Register} it dials the plugin's endpoint in the same directory,
 * asks its options and follows its ListAndWatch stream; tests then call {@link #allocate} and
 * {@link #preferredAllocation} on the plugin as kubelet would. {@link #restart()} behaves like a kubelet restart:
 * every socket in the directory is removed and a new {@code kubelet.sock} appears.
 *
 * <p>Main code because two users need it: the simulated GPU node of the demo (its kubelet stand-in) and the
 * device-plugin tests (through test-fixtures' {@code FakeKubelet}). It follows one plugin per resource name, the one
 * that registered last for it; the calls without a resource name go to the resource that registered first (a vendor
 * plugin's count resource, which registers before its slot resources).
 *
 * <p>Waits are bounded by the caller's timeout and wake on each update; nothing sleeps. A wait that runs out
 * throws {@link IllegalStateException} naming what did not arrive. Thread-safe.
 */
public class KubeletStandIn implements AutoCloseable {
    /** The socket file name kubelet serves on. */
    public static final String SOCKET = "kubelet.sock";

    private final Path dir;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("kubelet-stand-in", true),
            EpollIoHandler.newFactory());
    private final List<RegisterRequest> registrations = new ArrayList<>();
    private final List<ListAndWatchResponse> updates = new ArrayList<>();
    private final List<String> requested = new ArrayList<>();
    private Server server;
    private ManagedChannel plugin;
    private DevicePluginOptions options;
    private final Map<String, ManagedChannel> plugins = new HashMap<>();
    private final Map<String, List<ListAndWatchResponse>> updatesByResource = new HashMap<>();

    private final List<Consumer<ListAndWatchResponse>> listeners = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<String, ListAndWatchResponse>> resourceListeners = new CopyOnWriteArrayList<>();

    /** A stand-in for {@code dir}, not serving yet: {@link #serve()} starts it (subclasses may add state first). */
    protected KubeletStandIn(Path dir) {
        this.dir = dir;
    }

    /** A kubelet serving in {@code dir} (a short path: Unix socket paths hold at most 107 bytes). */
    public static KubeletStandIn start(Path dir) throws IOException {
        var kubelet = new KubeletStandIn(dir);
        kubelet.serve();
        return kubelet;
    }

    /** Serves {@code Registration} on {@link #socket()}. */
    protected final void serve() throws IOException {
        server = NettyServerBuilder.forAddress(new DomainSocketAddress(socket().toString()))
                .channelType(EpollServerDomainSocketChannel.class).bossEventLoopGroup(group).workerEventLoopGroup(group)
                .addService(new Registration()).build().start();
    }

    /** The directory of kubelet's and the plugins' sockets. */
    public Path dir() {
        return dir;
    }

    /** {@code <dir>/kubelet.sock}. */
    public Path socket() {
        return dir.resolve(SOCKET);
    }

    private final class Registration extends RegistrationGrpc.RegistrationImplBase {
        @Override
        public void register(RegisterRequest request, StreamObserver<Empty> observer) {
            if (!"v1beta1".equals(request.getVersion())) {
                observer.onError(io.grpc.Status.INVALID_ARGUMENT.withDescription("unsupported version " + request.getVersion())
                        .asRuntimeException());
                return;
            }
            synchronized (KubeletStandIn.this) {
                if (!requested.contains(request.getResourceName())) {
                    requested.add(request.getResourceName());
                }
            }
            observer.onNext(Empty.getDefaultInstance());
            observer.onCompleted();
            Thread.ofPlatform().daemon().name("kubelet-stand-in-dial").start(() -> dial(request));
        }
    }

    private void dial(RegisterRequest request) {
        var channel = NettyChannelBuilder.forAddress(new DomainSocketAddress(dir.resolve(request.getEndpoint()).toString()))
                .channelType(EpollDomainSocketChannel.class).eventLoopGroup(group).usePlaintext().build();
        DevicePluginOptions opts;
        try {
            opts = DevicePluginGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .getDevicePluginOptions(Empty.getDefaultInstance());
        } catch (RuntimeException e) {
            channel.shutdownNow();
            return;
        }
        String resource = request.getResourceName();
        boolean main;
        synchronized (this) {
            var previous = plugins.put(resource, channel);
            if (previous != null) {
                previous.shutdownNow();
            }
            registrations.add(request);
            main = registrations.getFirst().getResourceName().equals(resource);
            if (main) {
                plugin = channel;
                options = opts;
            }
            notifyAll();
        }
        DevicePluginGrpc.newStub(channel).listAndWatch(Empty.getDefaultInstance(), new StreamObserver<>() {
            @Override
            public void onNext(ListAndWatchResponse value) {
                synchronized (KubeletStandIn.this) {
                    updatesByResource.computeIfAbsent(resource, r -> new ArrayList<>()).add(value);
                    if (main) {
                        updates.add(value);
                    }
                    KubeletStandIn.this.notifyAll();
                }
                if (main) {
                    listeners.forEach(l -> l.accept(value));
                }
                resourceListeners.forEach(l -> l.accept(resource, value));
            }

            @Override
            public void onError(Throwable t) {
                // the plugin or this kubelet went away; a new registration starts a new stream
            }

            @Override
            public void onCompleted() {
                // as above
            }
        });
    }

    /**
     * Calls {@code listener} with every ListAndWatch update received from now on, on the stream's thread (as
     * kubelet updates the node's capacity); it must not block.
     */
    public void onDevices(Consumer<ListAndWatchResponse> listener) {
        listeners.add(listener);
    }

    /**
     * Calls {@code listener} with the resource name and every ListAndWatch update of every resource's plugin received
     * from now on, on the stream's thread (as kubelet keeps the node's capacity of each resource); it must not block.
     */
    public void onDevices(BiConsumer<String, ListAndWatchResponse> listener) {
        resourceListeners.add(listener);
    }

    /** The registrations received (after the plugin answered its options), oldest first. */
    public synchronized List<RegisterRequest> registrations() {
        return List.copyOf(registrations);
    }

    /**
     * The resource names plugins asked to register, each once, in the order of their first request; a name is here as
     * soon as its {@code Register} was answered, before this kubelet dialed the plugin back.
     */
    public synchronized List<String> requestedResources() {
        return List.copyOf(requested);
    }

    /** Waits until at least {@code count} registrations arrived; returns the latest. */
    public synchronized RegisterRequest awaitRegistrations(int count, Duration timeout) throws InterruptedException {
        awaitCondition(() -> registrations.size() >= count, timeout, "registration #" + count);
        return registrations.getLast();
    }

    /** The options of the plugin registered last; null before any registration. */
    public synchronized DevicePluginOptions options() {
        return options;
    }

    /** Every ListAndWatch update received, oldest first. */
    public synchronized List<ListAndWatchResponse> updates() {
        return List.copyOf(updates);
    }

    /** Waits for an update (the latest one received, or a later one) that satisfies {@code condition}. */
    public synchronized ListAndWatchResponse awaitDevices(Predicate<ListAndWatchResponse> condition, Duration timeout)
            throws InterruptedException {
        awaitCondition(() -> !updates.isEmpty() && condition.test(updates.getLast()), timeout, "a matching device list");
        return updates.getLast();
    }

    /** Waits for an update of {@code resource}'s plugin (its latest, or a later one) that satisfies {@code condition}. */
    public synchronized ListAndWatchResponse awaitDevices(String resource, Predicate<ListAndWatchResponse> condition,
                                                          Duration timeout) throws InterruptedException {
        awaitCondition(() -> updatesByResource.containsKey(resource)
                && condition.test(updatesByResource.get(resource).getLast()), timeout, "a matching " + resource + " list");
        return updatesByResource.get(resource).getLast();
    }

    private void awaitCondition(java.util.function.BooleanSupplier done, Duration timeout, String what)
            throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("kubelet stand-in: no " + what + " within " + timeout);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    private synchronized DevicePluginGrpc.DevicePluginBlockingStub stub() {
        if (plugin == null) {
            throw new IllegalStateException("no plugin has registered");
        }
        return DevicePluginGrpc.newBlockingStub(plugin).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    /**
     * Calls Allocate on the plugin of {@code resource} with one container request per list of device IDs.
     *
     * @throws io.grpc.StatusRuntimeException when the plugin fails the call
     */
    public AllocateResponse allocate(String resource, List<List<String>> containerDeviceIds) {
        ManagedChannel channel;
        synchronized (this) {
            channel = plugins.get(resource);
        }
        if (channel == null) {
            throw new IllegalStateException("no plugin has registered " + resource);
        }
        var request = AllocateRequest.newBuilder();
        containerDeviceIds.forEach(ids -> request.addContainerRequests(ContainerAllocateRequest.newBuilder().addAllDevicesIds(ids)));
        return DevicePluginGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS).allocate(request.build());
    }

    /**
     * Calls Allocate on the registered plugin with one container request per list of device IDs.
     *
     * @throws io.grpc.StatusRuntimeException when the plugin fails the call
     */
    public AllocateResponse allocate(List<List<String>> containerDeviceIds) {
        var request = AllocateRequest.newBuilder();
        containerDeviceIds.forEach(ids -> request.addContainerRequests(ContainerAllocateRequest.newBuilder().addAllDevicesIds(ids)));
        return stub().allocate(request.build());
    }

    /** Calls GetPreferredAllocation for one container. */
    public PreferredAllocationResponse preferredAllocation(List<String> available, List<String> mustInclude, int size) {
        var request = PreferredAllocationRequest.newBuilder().addContainerRequests(ContainerPreferredAllocationRequest.newBuilder()
                .addAllAvailableDeviceIDs(available).addAllMustIncludeDeviceIDs(mustInclude).setAllocationSize(size));
        return stub().getPreferredAllocation(request.build());
    }

    /**
     * Restarts like kubelet: stops serving, removes every socket in the directory (kubelet's and the plugins'),
     * and serves on a new {@code kubelet.sock}. Plugins must notice and register again.
     */
    public void restart() throws IOException {
        synchronized (this) {
            plugins.values().forEach(ManagedChannel::shutdownNow);
            plugins.clear();
            plugin = null;
        }
        stopServer();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> p.getFileName().toString().endsWith(".sock")).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        serve();
    }

    private void stopServer() {
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (this) {
            plugins.values().forEach(ManagedChannel::shutdownNow);
        }
        stopServer();
        Files.deleteIfExists(socket());
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
