package io.hami.monitor.config;

import io.hami.model.wire.WireFormatException;
import java.util.Optional;

/**
 * Where the metrics server listens, written as Go's {@code net.Listen} address: {@code :9394} (every
 * interface), {@code 127.0.0.1:9394}, {@code [::1]:9394}. Port 0 picks a free port.
 *
 * @param host the interface's host name or address; empty for every interface
 * @param port 0..65535
 */
public record BindAddress(Optional<String> host, int port) {

    public BindAddress {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must lie in 0..65535: " + port);
        }
    }

    /** Parses {@code [host]:port}. */
    public static BindAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not an address (e.g. :9394 or 127.0.0.1:9394): "
                    + WireFormatException.quote(text));
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a port in " + WireFormatException.quote(text));
        }
        return new BindAddress(host.isEmpty() ? Optional.empty() : Optional.of(host), port);
    }

    @Override
    public String toString() {
        return host.map(h -> h.contains(":") ? "[" + h + "]" : h).orElse("") + ":" + port;
    }
}
