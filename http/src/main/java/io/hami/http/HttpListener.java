package io.hami.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLServerSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP/1.1 server on one address, bounded by its {@link HttpLimits} (docs/security.md, "Limits of every
 * listener"). One platform thread accepts; each connection is served on a virtual thread; one timer thread closes
 * connections whose deadline passed.
 *
 * <p>Why not the JDK's {@code com.sun.net.httpserver}: its limits are system properties read once per JVM
 * ({@code sun.net.httpserver.maxReqTime}, {@code jdk.httpserver.maxConnections}, …), so listeners of one process
 * cannot differ and the first server created fixes them for all; at its connection cap it refuses every new
 * connection, so a crowd of half-sent requests keeps health probes out until they time out; and
 * {@code maxRspTime} counts the handler's own time, which a bind waiting for a node lock legitimately takes.
 */
public final class HttpListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpListener.class);
    /**
     * The largest buffer kept for the bodies of routes that read them in place: enough for the candidate names of a
     * {@code /filter} call over 20,000 nodes (about 12 bytes a name); a longer body gets a buffer that is not kept.
     */
    static final int KEPT_BODY_BYTES = 256 << 10;
    /** Buffers for bodies read in place are sized in steps of this, so that bodies of about one size share one. */
    private static final int BODY_BUFFER_STEP = 16 << 10;

    private final String name;
    private final HttpLimits limits;
    private final Map<String, Route> routes;
    private final ServerSocket server;
    private final ConnectionTable table;
    private final ScheduledThreadPoolExecutor timer;
    private final Semaphore budget;
    private final Stats stats = new Stats();
    private final Thread acceptor;
    /** The buffer the next body read in place goes to, when no other request holds it. */
    private final AtomicReference<byte[]> spareBody = new AtomicReference<>();
    private volatile boolean closing;

    private HttpListener(String name, HttpLimits limits, Map<String, Route> routes, ServerSocket server) {
        this.name = name;
        this.limits = limits;
        this.routes = Map.copyOf(routes);
        this.server = server;
        this.table = new ConnectionTable(limits.maxConnections());
        this.budget = new Semaphore(limits.bodyBudgetBytes());
        this.timer = new ScheduledThreadPoolExecutor(1, r -> Thread.ofPlatform().daemon()
                .name("hami-http-" + name + "-timer").unstarted(r));
        this.timer.setRemoveOnCancelPolicy(true);
        this.acceptor = Thread.ofPlatform().daemon().name("hami-http-" + name).unstarted(this::accept);
    }

    /**
     * Binds {@code address} and starts serving.
     *
     * @param name    the listener's name in thread names and logs ({@code webhook}, {@code metrics}, …)
     * @param address where to listen; the wildcard address listens on every interface
     * @param tls     TLS, or empty for plain HTTP
     * @param routes  path to route; other paths are answered 404
     * @throws IOException when the address cannot be bound
     */
    public static HttpListener start(String name, InetSocketAddress address, Optional<ServerTls> tls,
                                     HttpLimits limits, Map<String, Route> routes) throws IOException {
        Objects.requireNonNull(address, "address");
        ServerSocket server;
        if (tls.isPresent()) {
            var secure = (SSLServerSocket) tls.get().context().getServerSocketFactory().createServerSocket();
            secure.setNeedClientAuth(tls.get().requireClientCertificate());
            server = secure;
        } else {
            server = new ServerSocket();
        }
        try {
            server.setReuseAddress(true);
            server.bind(address, Math.max(1024, limits.maxConnections()));
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
        var listener = new HttpListener(name, limits, routes, server);
        listener.acceptor.start();
        return listener;
    }

    /** The bound address. */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    /** The bound port (the chosen one when bound to port 0). */
    public int port() {
        return server.getLocalPort();
    }

    /** The connections open now. */
    public int openConnections() {
        return table.size();
    }

    /** What the listener counted since it started. */
    public Stats stats() {
        return stats;
    }

    /** Stops accepting and waits for no request in flight, without waiting. */
    @Override
    public void close() {
        close(Duration.ZERO);
    }

    /**
     * Stops accepting, closes the connections that wait for a request, lets requests being answered finish for up to
     * {@code grace}, then closes everything.
     */
    public void close(Duration grace) {
        closing = true;
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
        table.waiting().forEach(Connection::closeSocket);
        try {
            table.awaitEmpty(System.nanoTime() + grace.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        table.all().forEach(Connection::closeSocket);
        timer.shutdownNow();
    }

    private void accept() {
        while (!closing) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (SocketException e) {
                return;
            } catch (IOException e) {
                if (closing) {
                    return;
                }
                LOG.warn("{}: accept failed: {}", name, e.getMessage());
                continue;
            }
            stats.accepted.increment();
            var connection = new Connection(this, socket);
            Connection out = table.admit(connection, System.nanoTime());
            if (out == connection) {
                stats.refused.increment();
                connection.closeSocket();
                continue;
            }
            if (out != null) {
                stats.displaced.increment();
                out.closeSocket();
            }
            Thread.ofVirtual().name("hami-http-" + name + "-conn").start(connection);
        }
    }

    String name() {
        return name;
    }

    HttpLimits limits() {
        return limits;
    }

    Optional<Route> route(String path) {
        return Optional.ofNullable(routes.get(path));
    }

    /**
     * A buffer of at least {@code length} bytes for a body read in place: the kept one when no other request holds it
     * (kube-scheduler sends one filter at a time, so each call finds it), else a new one.
     */
    byte[] borrowBody(int length) {
        byte[] spare = spareBody.getAndSet(null);
        if (spare != null && spare.length >= length) {
            return spare;
        }
        long stepped = ((long) length + BODY_BUFFER_STEP - 1) / BODY_BUFFER_STEP * BODY_BUFFER_STEP;
        return new byte[(int) Math.min(stepped, limits.maxBodyBytes())];
    }

    /** Takes back a buffer from {@link #borrowBody} once its request is answered; kept when not too large. */
    void giveBackBody(byte[] buffer) {
        if (buffer.length > 0 && buffer.length <= KEPT_BODY_BYTES) {
            spareBody.set(buffer);
        }
    }

    ConnectionTable table() {
        return table;
    }

    ScheduledThreadPoolExecutor timer() {
        return timer;
    }

    Semaphore budget() {
        return budget;
    }

    boolean closing() {
        return closing;
    }

    void closed(Connection c) {
        table.remove(c);
    }

    /** Counters since start: each is monotonic. */
    public static final class Stats {
        private final LongAdder accepted = new LongAdder();
        private final LongAdder refused = new LongAdder();
        private final LongAdder displaced = new LongAdder();
        private final LongAdder timedOut = new LongAdder();
        private final LongAdder rejected = new LongAdder();

        /** Connections accepted. */
        public long accepted() {
            return accepted.sum();
        }

        /** Connections closed at once because every open one was being answered. */
        public long refused() {
            return refused.sum();
        }

        /** Connections closed to make room for a new one (they were waiting for, or sending, a request). */
        public long displaced() {
            return displaced.sum();
        }

        /** Connections closed because a deadline passed. */
        public long timedOut() {
            return timedOut.sum();
        }

        /** Requests the listener answered itself with an error (malformed, too large, busy). */
        public long rejectedRequests() {
            return rejected.sum();
        }

        void countTimeout() {
            timedOut.increment();
        }

        void countRejected() {
            rejected.increment();
        }
    }
}
