package io.hami.deviceplugin.kubelet;

import io.grpc.BindableService;
import io.grpc.StatusRuntimeException;
import io.hami.deviceplugin.DevicePluginConfig;
import io.hami.kubelet.v1beta1.RegisterRequest;
import io.hami.kubelet.v1beta1.RegistrationGrpc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the plugin registered with kubelet. It serves the plugin's socket, calls {@code Registration.Register}
 * on {@code kubelet.sock}, and every poll checks both sockets: when kubelet's socket was re-created (kubelet
 * restarted, which also removes the plugins' sockets) or the plugin's socket is gone, it starts a fresh server
 * and registers again. A failed registration is retried at the next poll. Thread-safe.
 */
public final class KubeletRegistrar implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KubeletRegistrar.class);
    /** kubelet's socket in its device-plugin directory. */
    public static final String KUBELET_SOCKET = DevicePluginConfig.KUBELET_SOCKET;
    /** The API version kubelet must speak. */
    public static final String VERSION = "v1beta1";

    private final EpollTransport transport;
    private final Path kubeletSocket;
    private final Path pluginSocket;
    private final RegisterRequest request;
    private final Supplier<BindableService> services;
    private final Duration rpcTimeout;
    private final AtomicInteger registrations = new AtomicInteger();
    private PluginServer server;
    private volatile Object registeredWith;
    private ScheduledFuture<?> polling;
    private boolean closed;

    /**
     * @param request  the registration; its endpoint is the plugin socket's file name in {@code pluginDir}
     * @param services makes the service of each fresh server
     */
    public KubeletRegistrar(EpollTransport transport, Path pluginDir, RegisterRequest request,
                            Supplier<BindableService> services, Duration rpcTimeout) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.kubeletSocket = pluginDir.resolve(KUBELET_SOCKET);
        this.pluginSocket = pluginDir.resolve(request.getEndpoint());
        this.request = request;
        this.services = Objects.requireNonNull(services, "services");
        this.rpcTimeout = Objects.requireNonNull(rpcTimeout, "rpcTimeout");
    }

    /** Serves, registers if kubelet is there, and checks again every {@code poll}. */
    public synchronized void start(ScheduledExecutorService scheduler, Duration poll) throws IOException {
        server = PluginServer.start(transport, pluginSocket, services.get());
        check();
        polling = scheduler.scheduleWithFixedDelay(this::checkQuietly, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the last registration with the kubelet now listening succeeded; never waits for a registration in flight. */
    public boolean registered() {
        return registeredWith != null && registeredWith.equals(socketIdentity(kubeletSocket));
    }

    /** How many registrations succeeded since start. */
    public int registrations() {
        return registrations.get();
    }

    private void checkQuietly() {
        try {
            check();
        } catch (IOException | RuntimeException e) {
            LOG.warn("kubelet check failed: {}", e.getMessage());
        }
    }

    synchronized void check() throws IOException {
        if (closed) {
            return;
        }
        var kubelet = socketIdentity(kubeletSocket);
        if (kubelet == null) {
            return;
        }
        boolean kubeletRestarted = registeredWith != null && !registeredWith.equals(kubelet);
        if (kubeletRestarted || !Files.exists(pluginSocket)) {
            LOG.info(kubeletRestarted ? "kubelet restarted; serving afresh" : "plugin socket {} is gone; serving afresh", pluginSocket);
            server.stop();
            server = PluginServer.start(transport, pluginSocket, services.get());
            registeredWith = null;
        }
        if (registeredWith == null) {
            register(kubelet);
        }
    }

    private void register(Object kubelet) {
        var channel = transport.channel(kubeletSocket);
        try {
            RegistrationGrpc.newBlockingStub(channel).withDeadlineAfter(rpcTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .register(request);
            registeredWith = kubelet;
            registrations.incrementAndGet();
            LOG.info("registered {} with kubelet as {}", request.getResourceName(), request.getEndpoint());
        } catch (StatusRuntimeException e) {
            LOG.warn("registration with kubelet failed: {}", e.getStatus());
        } finally {
            channel.shutdownNow();
        }
    }

    /** The identity of a file: inode and change time, so a re-created socket differs even if its inode is reused. */
    static Object socketIdentity(Path socket) {
        try {
            Map<String, Object> attrs = Files.readAttributes(socket, "unix:ino,ctime");
            return attrs.get("ino") + "@" + attrs.get("ctime");
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("cannot read " + socket + ": " + e.getMessage(), e);
        }
    }

    /** Stops polling and serving; the plugin socket is removed. */
    @Override
    public synchronized void close() {
        closed = true;
        if (polling != null) {
            polling.cancel(false);
        }
        if (server != null) {
            server.stop();
        }
    }
}
