package io.hami.http;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted connection, served on its own virtual thread: requests one after another (keep-alive), each read
 * under the listener's deadlines, answered by its route, written under the write deadline. A deadline that passes
 * closes the socket (from the listener's timer), which ends whatever read or write was blocked.
 */
final class Connection implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
    /** How long, and how much, a connection being closed still reads, so the client sees the answer, not a reset. */
    private static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long LINGER_BYTES = 4L << 20;

    private final HttpListener listener;
    private final HttpLimits limits;
    private final Socket socket;
    // Written under the table's lock.
    ConnectionTable.Phase phase;
    long since;
    private ScheduledFuture<?> alarm;
    private int heldBudget;
    private volatile boolean lingering;

    Connection(HttpListener listener, Socket socket) {
        this.listener = listener;
        this.limits = listener.limits();
        this.socket = socket;
    }

    @Override
    public void run() {
        try {
            socket.setTcpNoDelay(true);
            var in = new WireIn(socket.getInputStream());
            var out = new BufferedOutputStream(socket.getOutputStream(), 8192);
            // A new connection's head (and TLS handshake) must arrive within the head deadline from its accept.
            alarmAt(since + limits.headerTimeout().toNanos());
            boolean first = true;
            while (true) {
                if (!first) {
                    if (!phase(ConnectionTable.Phase.WAITING)) {
                        return;
                    }
                    alarmAt(System.nanoTime() + limits.idleTimeout().toNanos());
                }
                if (!in.await()) {
                    return;
                }
                long start = System.nanoTime();
                if (!first) {
                    if (!phase(ConnectionTable.Phase.READING)) {
                        return;
                    }
                    alarmAt(start + limits.headerTimeout().toNanos());
                }
                first = false;
                if (!exchange(in, out, start)) {
                    linger(in);
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // A deadline closed the socket, the client went away, or the TLS handshake failed.
            LOG.debug("{}: connection from {} ended: {}", listener.name(), socket.getRemoteSocketAddress(),
                    e.toString());
        } finally {
            disarm();
            releaseBudget();
            listener.closed(this);
            closeSocket();
        }
    }

    /** Reads, answers and writes one request; whether the connection may carry another. */
    private boolean exchange(WireIn in, OutputStream out, long start) throws IOException {
        RequestHead head;
        Body body;
        Optional<Route> route;
        try {
            head = RequestHead.read(in, limits.maxHeadBytes(), limits.maxHeaders());
            if (head == null) {
                return false;
            }
            alarmAt(start + limits.requestTimeout().toNanos());
            route = listener.route(head.path());
            Body.Buffers buffers = inPlace(route) ? listener::borrowBody : byte[]::new;
            body = Body.read(head, route.orElse(null), in, out, limits, this::acquire, buffers, start);
        } catch (HttpProblem p) {
            listener.stats().countRejected();
            LOG.debug("{}: {} from {}: {}", listener.name(), p.status(), socket.getRemoteSocketAddress(),
                    p.getMessage());
            answer(out, Response.text(p.status(), p.getMessage() + "\n"), false);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (!phase(ConnectionTable.Phase.ANSWERING)) {
            return false;
        }
        disarm();
        Response response = respond(head, route, body);
        releaseBudget();
        boolean keep = body.complete() && head.http11() && !head.hasToken("connection", "close")
                && !listener.closing();
        try {
            answer(out, response, keep);
        } finally {
            if (inPlace(route)) {
                listener.giveBackBody(body.bytes());
            }
        }
        return keep;
    }

    private static boolean inPlace(Optional<Route> route) {
        return route.isPresent() && route.get().readsInPlace();
    }

    private Response respond(RequestHead head, Optional<Route> route, Body body) {
        if (route.isEmpty()) {
            return Response.text(404, "404 page not found\n");
        }
        if (!route.get().methods().contains(head.method())) {
            return Response.text(405, "method " + head.method() + " not allowed\n")
                    .withHeader("Allow", String.join(", ", new java.util.TreeSet<>(route.get().methods())));
        }
        var request = new Request(head.method(), head.path(), head.query(), head.headers(), body.bytes(),
                body.length(), body.truncated(), (InetSocketAddress) socket.getRemoteSocketAddress());
        try {
            return route.get().handler().handle(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Response.text(503, "server shutting down\n");
        } catch (RuntimeException e) {
            LOG.warn("{}: {} {} failed", listener.name(), head.method(), head.path(), e);
            return Response.text(500, "internal error\n");
        }
    }

    private void answer(OutputStream out, Response response, boolean keepAlive) throws IOException {
        alarmAt(System.nanoTime() + limits.writeTimeout().toNanos());
        var head = new StringBuilder(128).append("HTTP/1.1 ").append(response.status()).append(' ')
                .append(reason(response.status())).append("\r\n");
        for (Map.Entry<String, String> h : response.headers().entrySet()) {
            head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        head.append("Content-Length: ").append(response.body().length).append("\r\n");
        if (!keepAlive) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(response.body());
        out.flush();
        disarm();
    }

    /**
     * Closes the sending side and reads what the client still sends, within bounds, before the socket is closed:
     * closing with unread input would reset the connection and could destroy the answer before the client reads it.
     */
    private void linger(WireIn in) {
        if (!phase(ConnectionTable.Phase.WAITING)) {
            return;
        }
        lingering = true;
        alarmAt(System.nanoTime() + LINGER_NANOS);
        try {
            socket.shutdownOutput();
            in.skip(LINGER_BYTES);
        } catch (IOException | UnsupportedOperationException e) {
            // closed by the alarm, or by the client: either way, done
        }
    }

    /**
     * Takes {@code bytes} of the listener's body budget, waiting until the request's deadline; false when none came.
     * The deadline's alarm is off meanwhile (the wait is bounded by the same deadline, and reads nothing), so that it
     * cannot close the connection before the 503 is written.
     */
    private boolean acquire(int bytes, long deadline) throws InterruptedException {
        disarm();
        long left = deadline - System.nanoTime();
        if (!listener.budget().tryAcquire(bytes, Math.max(0, left), TimeUnit.NANOSECONDS)) {
            return false;
        }
        heldBudget += bytes;
        alarmAt(deadline);
        return true;
    }

    private void releaseBudget() {
        if (heldBudget > 0) {
            listener.budget().release(heldBudget);
            heldBudget = 0;
        }
    }

    private boolean phase(ConnectionTable.Phase p) {
        return listener.table().phase(this, p, System.nanoTime());
    }

    private void alarmAt(long deadline) {
        disarm();
        try {
            alarm = listener.timer().schedule(this::expire, Math.max(0, deadline - System.nanoTime()),
                    TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // The listener has closed: no deadline can be kept, so the connection ends now.
            closeSocket();
        }
    }

    private void disarm() {
        if (alarm != null) {
            alarm.cancel(false);
            alarm = null;
        }
    }

    private void expire() {
        if (!lingering) {
            listener.stats().countTimeout();
        }
        closeSocket();
    }

    /** Closes the socket; any blocked read or write on it ends with an exception. */
    void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more to do
        }
    }

    static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 417 -> "Expectation Failed";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            case 505 -> "HTTP Version Not Supported";
            default -> "Status " + status;
        };
    }
}
