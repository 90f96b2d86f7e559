package io.hami.monitor.server;

import io.hami.http.HttpLimits;
import io.hami.http.HttpListener;
import io.hami.http.Routes;
import io.hami.monitor.config.BindAddress;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The monitor's HTTP endpoints on the shared bounded listener (docs/security.md): {@code /metrics} (Prometheus text,
 * or OpenMetrics when asked for) and {@code /healthz} (200 {@code ok} while the discovery and feedback loop keeps
 * running, else 503). A scrape is computed on the connection's thread.
 */
public final class MonitorServer implements AutoCloseable {

    private final HttpListener listener;

    private MonitorServer(HttpListener listener) {
        this.listener = listener;
    }

    /**
     * Binds {@code address} and starts serving {@code registry} (a plain text scrape written by {@code text}, every
     * other format and filtered scrapes by Prometheus's handler) and the health of {@code healthy}.
     */
    public static MonitorServer start(BindAddress address, PrometheusRegistry registry, Routes.TextExposition text,
                                      BooleanSupplier healthy) throws IOException {
        var socket = address.host().map(h -> new InetSocketAddress(h, address.port()))
                .orElseGet(() -> new InetSocketAddress(address.port()));
        return new MonitorServer(HttpListener.start("monitor", socket, Optional.empty(), HttpLimits.forQueries(),
                Map.of("/metrics", Routes.metrics(registry, text), "/healthz", Routes.health(healthy, "stalled"))));
    }

    /** The port the server listens on (the chosen one when bound to port 0). */
    public int port() {
        return listener.port();
    }

    /** Stops accepting and lets scrapes in flight finish for up to a second. */
    @Override
    public void close() {
        listener.close(Duration.ofSeconds(1));
    }
}
