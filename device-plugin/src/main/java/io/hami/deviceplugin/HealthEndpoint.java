package io.hami.deviceplugin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /healthz} (and {@code /readyz}): 200 {@code ok} while the plugin is registered with the kubelet
 * now running, 503 otherwise, for the DaemonSet's probes. One thread, plain HTTP.
 */
public final class HealthEndpoint implements AutoCloseable {

    private final HttpServer server;

    private HealthEndpoint(HttpServer server) {
        this.server = server;
    }

    /** Serves on {@code address} (port 0 picks a free port). */
    public static HealthEndpoint start(InetSocketAddress address, BooleanSupplier healthy) throws IOException {
        var server = HttpServer.create(address, 8);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon().name("hami-health").unstarted(r)));
        server.createContext("/healthz", exchange -> answer(exchange, healthy.getAsBoolean()));
        server.createContext("/readyz", exchange -> answer(exchange, healthy.getAsBoolean()));
        server.start();
        return new HealthEndpoint(server);
    }

    private static void answer(HttpExchange exchange, boolean healthy) throws IOException {
        try (exchange) {
            byte[] body = (healthy ? "ok\n" : "not registered with kubelet\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(healthy ? 200 : 503, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    /** The address it listens on. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
