package io.hami.deviceplugin;

import io.hami.http.HttpLimits;
import io.hami.http.HttpListener;
import io.hami.http.Routes;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /healthz} (and {@code /readyz}): 200 {@code ok} while the plugin is registered with the kubelet
 * now running, 503 otherwise, for the DaemonSet's probes. Plain HTTP on the shared bounded listener
 * (docs/security.md).
 */
public final class HealthEndpoint implements AutoCloseable {

    private final HttpListener listener;

    private HealthEndpoint(HttpListener listener) {
        this.listener = listener;
    }

    /** Serves on {@code address} (port 0 picks a free port). */
    public static HealthEndpoint start(InetSocketAddress address, BooleanSupplier healthy) throws IOException {
        var health = Routes.health(healthy, "not registered with kubelet");
        return new HealthEndpoint(HttpListener.start("health", address, Optional.empty(), HttpLimits.forQueries(),
                Map.of("/healthz", health, "/readyz", health)));
    }

    /** The address it listens on. */
    public InetSocketAddress address() {
        return listener.address();
    }

    @Override
    public void close() {
        listener.close();
    }
}
