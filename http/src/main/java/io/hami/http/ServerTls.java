package io.hami.http;

import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * TLS of a listener.
 *
 * @param context                   the server's key material, and for client certificates the trusted CAs
 * @param requireClientCertificate  whether a client must present a certificate that {@code context}'s trust managers
 *                                  accept (mutual TLS); the handshake of a client without one fails
 */
public record ServerTls(SSLContext context, boolean requireClientCertificate) {
    public ServerTls {
        Objects.requireNonNull(context, "context");
    }
}
