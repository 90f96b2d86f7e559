package io.hami.deviceplugin.kubelet;

import io.grpc.BindableService;
import io.grpc.Server;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One gRPC server of the plugin on its socket in kubelet's device-plugin directory. A server is started
 * once and stopped once; after a kubelet restart the plugin starts a fresh one (reusing a stopped gRPC server
 * is what made HAMi's plugin panic, HAMi#1911).
 */
final class PluginServer {
    private static final Logger LOG = LoggerFactory.getLogger(PluginServer.class);

    private final Path socket;
    private final Server server;

    private PluginServer(Path socket, Server server) {
        this.socket = socket;
        this.server = server;
    }

    /** Removes a stale socket file and starts serving on {@code socket}. */
    static PluginServer start(EpollTransport transport, Path socket, BindableService service) throws IOException {
        Files.deleteIfExists(socket);
        var server = transport.server(socket).addService(service).build().start();
        LOG.info("serving the device-plugin API on {}", socket);
        return new PluginServer(socket, server);
    }

    /** Stops serving (open ListAndWatch streams are cancelled) and removes the socket file. */
    void stop() {
        server.shutdownNow();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("the gRPC server on {} did not stop within 5 s", socket);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.warn("could not remove {}: {}", socket, e.getMessage());
        }
    }
}
