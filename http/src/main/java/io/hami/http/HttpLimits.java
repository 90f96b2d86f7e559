package io.hami.http;

import java.time.Duration;

/**
 * What one {@link HttpListener} lets a client hold (docs/security.md, "Limits of every listener").
 *
 * @param maxConnections  connections open at once; at the cap a new connection takes the place of the one that has
 *                        waited longest for a request (idle, or still sending one), and is closed when every
 *                        connection is being answered
 * @param headerTimeout   from a connection's accept, or a request's first byte, to the end of its head (request line
 *                        and headers; the TLS handshake of a new connection included)
 * @param requestTimeout  from a request's first byte to the end of its body
 * @param idleTimeout     how long a kept-alive connection may wait for its next request
 * @param writeTimeout    how long writing one response may take (a client that does not read is cut off)
 * @param maxHeadBytes    the request line and headers together; beyond, 414 or 431 and the connection is closed
 * @param maxHeaders      header fields per request; beyond, 431
 * @param maxBodyBytes    the largest body a route receives; beyond, 413 (or the first bytes, for a route that takes
 *                        truncated bodies)
 * @param bodyBudgetBytes the bytes of all bodies held in memory at once by this listener; a request that cannot get
 *                        its share before its deadline is answered 503
 */
public record HttpLimits(int maxConnections, Duration headerTimeout, Duration requestTimeout, Duration idleTimeout,
                         Duration writeTimeout, int maxHeadBytes, int maxHeaders, int maxBodyBytes,
                         int bodyBudgetBytes) {

    /** The head limits, generous for Kubernetes and Prometheus clients, whose heads are a few hundred bytes. */
    public static final int DEFAULT_MAX_HEAD_BYTES = 32 << 10;

    public HttpLimits {
        positive("maxConnections", maxConnections);
        positive("headerTimeout", headerTimeout);
        positive("requestTimeout", requestTimeout);
        positive("idleTimeout", idleTimeout);
        positive("writeTimeout", writeTimeout);
        positive("maxHeadBytes", maxHeadBytes);
        positive("maxHeaders", maxHeaders);
        positive("maxBodyBytes", maxBodyBytes);
        if (bodyBudgetBytes < maxBodyBytes) {
            throw new IllegalArgumentException("bodyBudgetBytes (" + bodyBudgetBytes + ") must hold one body of "
                    + "maxBodyBytes (" + maxBodyBytes + ")");
        }
        if (requestTimeout.compareTo(headerTimeout) < 0) {
            throw new IllegalArgumentException("requestTimeout must not be shorter than headerTimeout");
        }
    }

    /**
     * The limits of a listener whose routes take bodies of at most {@code maxBodyBytes}: 256 connections, the head
     * within 15 s and the whole request within 60 s (the read timeouts HAMi's scheduler sets), 60 s idle, 60 s to
     * write a response, 32 KiB and 100 fields of head, and room for 16 bodies of the largest size (at least 16 MiB).
     */
    public static HttpLimits forBodiesOf(int maxBodyBytes) {
        int budget = (int) Math.min(Integer.MAX_VALUE, Math.max(16L << 20, 16L * maxBodyBytes));
        return new HttpLimits(256, Duration.ofSeconds(15), Duration.ofSeconds(60), Duration.ofSeconds(60),
                Duration.ofSeconds(60), DEFAULT_MAX_HEAD_BYTES, 100, maxBodyBytes, budget);
    }

    /** The limits of a listener of GET routes only (health, metrics): 64 connections, bodies of at most 64 KiB. */
    public static HttpLimits forQueries() {
        return forBodiesOf(64 << 10).withMaxConnections(64);
    }

    /** These limits with another connection cap. */
    public HttpLimits withMaxConnections(int max) {
        return new HttpLimits(max, headerTimeout, requestTimeout, idleTimeout, writeTimeout, maxHeadBytes, maxHeaders,
                maxBodyBytes, bodyBudgetBytes);
    }

    /** These limits with other timeouts. */
    public HttpLimits withTimeouts(Duration header, Duration request, Duration idle, Duration write) {
        return new HttpLimits(maxConnections, header, request, idle, write, maxHeadBytes, maxHeaders, maxBodyBytes,
                bodyBudgetBytes);
    }

    /** These limits with another body limit (and a budget for 16 such bodies, at least 16 MiB). */
    public HttpLimits withMaxBodyBytes(int max) {
        int budget = (int) Math.min(Integer.MAX_VALUE, Math.max(16L << 20, 16L * max));
        return new HttpLimits(maxConnections, headerTimeout, requestTimeout, idleTimeout, writeTimeout, maxHeadBytes,
                maxHeaders, max, budget);
    }

    /** These limits with another budget for the bodies held at once. */
    public HttpLimits withBodyBudgetBytes(int budget) {
        return new HttpLimits(maxConnections, headerTimeout, requestTimeout, idleTimeout, writeTimeout, maxHeadBytes,
                maxHeaders, maxBodyBytes, budget);
    }

    /** These limits with other head limits. */
    public HttpLimits withHead(int maxBytes, int maxFields) {
        return new HttpLimits(maxConnections, headerTimeout, requestTimeout, idleTimeout, writeTimeout, maxBytes,
                maxFields, maxBodyBytes, bodyBudgetBytes);
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
