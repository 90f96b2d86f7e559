package io.hami.monitor.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hami.monitor.config.BindAddress;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * The monitor's HTTP endpoints: {@code /metrics} (Prometheus text, or OpenMetrics when asked for) and
 * {@code /healthz} (200 {@code ok} while the discovery and feedback loop keeps running, else 503). Two
 * daemon threads serve requests; a scrape is computed on the thread that serves it.
 */
public final class MonitorServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;

    private MonitorServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Binds {@code address} and starts serving {@code registry} and the health of {@code healthy}. */
    public static MonitorServer start(BindAddress address, PrometheusRegistry registry, BooleanSupplier healthy)
            throws IOException {
        var socket = address.host().map(h -> new InetSocketAddress(h, address.port()))
                .orElseGet(() -> new InetSocketAddress(address.port()));
        var server = HttpServer.create(socket, 16);
        server.createContext("/metrics", new MetricsHandler(registry));
        server.createContext("/healthz", exchange -> health(exchange, healthy.getAsBoolean()));
        var executor = Executors.newFixedThreadPool(2, r -> {
            var t = new Thread(r, "hami-monitor-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        return new MonitorServer(server, executor);
    }

    /** The port the server listens on (the chosen one when bound to port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops accepting, lets requests in flight finish for up to a second, and stops the threads. */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
    }

    private static void health(HttpExchange exchange, boolean healthy) throws IOException {
        try (exchange) {
            var body = (healthy ? "ok\n" : "stalled\n").getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(healthy ? 200 : 503, body.length);
            exchange.getResponseBody().write(body);
        }
    }
}
