package io.hami.scheduler.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.hami.scheduler.daemon.DaemonConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The extender's HTTP(S) server (docs/scheduler.md, "Extender endpoints and JSON") on the JDK's
 * {@code com.sun.net.httpserver}, one virtual thread per request: {@code POST /filter}, {@code POST /bind},
 * {@code POST /webhook}, {@code GET /healthz}, {@code GET /readyz}. Bodies are read through a 1 MiB limit; a request
 * without a body is answered 400 {@code Please send a request body}; everything else is 200 with JSON (errors in the
 * body), or 500 when a handler fails unexpectedly.
 */
public final class HttpFront implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpFront.class);

    /** The largest body read. */
    public static final int MAX_BODY = 1 << 20;

    /** A POST handler: the body (at most {@link #MAX_BODY} bytes, {@code truncated} when longer) to a JSON reply. */
    @FunctionalInterface
    public interface Handler {
        byte[] handle(byte[] body, boolean truncated) throws InterruptedException;
    }

    private final HttpServer server;
    private final ExecutorService executor;

    private HttpFront(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts serving.
     *
     * @param tls      the TLS context; empty serves plain HTTP (only when asked for explicitly)
     * @param handlers path ({@code /filter}, …) to POST handler
     * @param failure  the JSON body of a 500 answer for an error message
     */
    public static HttpFront start(DaemonConfig.Endpoint endpoint, Optional<SSLContext> tls,
                                  Map<String, Handler> handlers, java.util.function.Function<String, byte[]> failure)
            throws IOException {
        var address = endpoint.host().isEmpty() ? new InetSocketAddress(endpoint.port())
                : new InetSocketAddress(endpoint.host(), endpoint.port());
        HttpServer server;
        if (tls.isPresent()) {
            HttpsServer https = HttpsServer.create(address, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls.get()));
            server = https;
        } else {
            server = HttpServer.create(address, 0);
        }
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        handlers.forEach((path, handler) -> server.createContext(path, exchange -> post(exchange, path, handler,
                failure)));
        server.createContext("/healthz", exchange -> get(exchange, "/healthz"));
        server.createContext("/readyz", exchange -> get(exchange, "/readyz"));
        server.createContext("/", exchange -> respond(exchange, 404, new byte[0], null));
        server.start();
        return new HttpFront(server, executor);
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops accepting, waits up to {@code grace} for requests in flight, then stops. */
    public void stop(Duration grace) {
        server.stop((int) Math.max(0, grace.toSeconds()));
        executor.close();
    }

    @Override
    public void close() {
        stop(Duration.ZERO);
    }

    private static void post(HttpExchange exchange, String path, Handler handler,
                             java.util.function.Function<String, byte[]> failure) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(path)) {
                respond(exchange, 404, new byte[0], null);
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, new byte[0], null);
                return;
            }
            byte[] body;
            boolean truncated;
            try (InputStream in = exchange.getRequestBody()) {
                byte[] read = in.readNBytes(MAX_BODY + 1);
                truncated = read.length > MAX_BODY;
                body = truncated ? java.util.Arrays.copyOf(read, MAX_BODY) : read;
            }
            if (body.length == 0) {
                respond(exchange, 400, "Please send a request body".getBytes(StandardCharsets.UTF_8), "text/plain");
                return;
            }
            byte[] reply;
            try {
                reply = handler.handle(body, truncated);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                respond(exchange, 500, failure.apply("interrupted"), "application/json");
                return;
            } catch (RuntimeException e) {
                LOG.error("{} failed", path, e);
                respond(exchange, 500, failure.apply(String.valueOf(e.getMessage())), "application/json");
                return;
            }
            respond(exchange, 200, reply, "application/json");
        } catch (IOException e) {
            LOG.warn("Failed to write response to {}: {}", path, e.getMessage());
        }
    }

    private static void get(HttpExchange exchange, String path) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(path)) {
                respond(exchange, 404, new byte[0], null);
                return;
            }
            respond(exchange, "GET".equals(exchange.getRequestMethod()) ? 200 : 405, new byte[0], null);
        }
    }

    private static void respond(HttpExchange exchange, int code, byte[] body, String type) throws IOException {
        if (type != null) {
            exchange.getResponseHeaders().set("Content-Type", type);
        }
        exchange.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
