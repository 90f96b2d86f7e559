package io.hami.demo.api;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.fabric8.mockwebserver.vertx.VertxMockWebSocket;
import io.hami.scheduler.certs.IssuedCertificate;
import io.hami.scheduler.certs.ServingNames;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Serves a fabric8 mock {@link Dispatcher} over HTTPS the way a real API server serves: concurrently. fabric8's own
 * {@code MockWebServer} runs every request and every watch's open and close on one Vert.x event loop, in turn, so a
 * burst of clients waits in one line, and a closing watch (whose clean-up waits for its pending event writes, which
 * need that same loop) can stall every client for the 30 s of a write's time-out. Here connections are spread over
 * several event loops and each request is dispatched on a worker thread; the event loops only move bytes and hand a
 * watch's socket events to its listener, which must not wait (the {@link BindingDispatcher}'s watches only queue).
 *
 * <p>The dispatcher keeps its own semantics: fabric8's CRUD dispatcher takes its store's write lock for each write,
 * so resourceVersions and the 409 of a stale resourceVersion are the same as on the single loop, and the
 * {@link BindingDispatcher}'s watches send each watch's events in the order of the writes.
 */
final class ConcurrentHttpFront implements AutoCloseable {

    private static final List<HttpVersion> ALPN = List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1);
    private static final List<String> CHANNEL_PROTOCOLS =
            List.of("v1.channel.k8s.io", "v2.channel.k8s.io", "v3.channel.k8s.io", "v4.channel.k8s.io");
    /** The close code of a WebSocket that ended without a close frame, as fabric8's server reports it. */
    private static final int CLOSED_WITHOUT_CODE = 1011;
    private static final long START_SECONDS = 30;

    private final Vertx vertx;
    private final Dispatcher dispatcher;
    private final int port;

    private ConcurrentHttpFront(Vertx vertx, Dispatcher dispatcher, int port) {
        this.vertx = vertx;
        this.dispatcher = dispatcher;
        this.port = port;
    }

    /**
     * Listens on {@code address:port} (0 for any free port) with {@code eventLoops} event loops and {@code workers}
     * dispatching threads.
     *
     * @throws IllegalStateException when the port cannot be bound
     */
    static ConcurrentHttpFront start(Dispatcher dispatcher, InetAddress address, int port, int eventLoops,
            int workers) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops).setWorkerPoolSize(1));
        WorkerExecutor pool = vertx.createSharedWorkerExecutor("hami-api-dispatch", workers);
        PemKeyCertOptions certificate = certificate();
        int bound = port;
        try {
            // Listeners on one port share it, and Vert.x spreads the connections over them; a port of 0 would give
            // each listener a port of its own, so a free one is chosen first.
            if (bound == 0) {
                bound = freePort(address);
            }
            int shared = bound;
            await(vertx.deployVerticle(() -> new Listener(dispatcher, pool, certificate, address, shared),
                    new DeploymentOptions().setInstances(eventLoops)));
        } catch (RuntimeException e) {
            await(vertx.close());
            throw new IllegalStateException("cannot listen on " + address.getHostAddress() + ":" + port + ": "
                    + e.getMessage(), e);
        }
        return new ConcurrentHttpFront(vertx, dispatcher, bound);
    }

    /**
     * A certificate for the names a client may use for an API server ({@code kubernetes.default.svc}, ...) and
     * {@code 127.0.0.1}, issued by a CA of its own: the demo's kubeconfig skips verifying it, and a client that checks
     * the host name finds it.
     */
    private static PemKeyCertOptions certificate() {
        try {
            var issued = IssuedCertificate.issue(new ServingNames("kubernetes", "default", "cluster.local"),
                    Duration.ofDays(365), Instant.now());
            return new PemKeyCertOptions().setCertValue(Buffer.buffer(issued.servingPem() + issued.caPem()))
                    .setKeyValue(Buffer.buffer(issued.keyPem()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot issue the API server's certificate: " + e.getMessage(), e);
        }
    }

    private static int freePort(InetAddress address) {
        try (var probe = new ServerSocket(0, 1, address)) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + address.getHostAddress(), e);
        }
    }

    /** The port listened on. */
    int port() {
        return port;
    }

    @Override
    public void close() {
        dispatcher.shutdown();
        try {
            await(vertx.close());
        } finally {
            dispatcher.releaseResources();
        }
    }

    /** One HTTPS listener, on the event loop it is deployed on. */
    private static final class Listener extends VerticleBase {

        private final Dispatcher dispatcher;
        private final WorkerExecutor workers;
        private final PemKeyCertOptions certificate;
        private final InetAddress address;
        private final int port;

        Listener(Dispatcher dispatcher, WorkerExecutor workers, PemKeyCertOptions certificate,
                InetAddress address, int port) {
            this.dispatcher = dispatcher;
            this.workers = workers;
            this.certificate = certificate;
            this.address = address;
            this.port = port;
        }

        @Override
        public Future<?> start() {
            var options = new HttpServerOptions().setHost(address.getHostAddress()).setPort(port)
                    .setSsl(true).setKeyCertOptions(certificate)
                    .setAlpnVersions(ALPN).setWebSocketSubProtocols(CHANNEL_PROTOCOLS)
                    .setHandle100ContinueAutomatically(true);
            HttpServer server = vertx.createHttpServer(options).requestHandler(this::handle);
            return server.listen();
        }

        private void handle(HttpServerRequest request) {
            String upgrade = request.getHeader("Upgrade");
            if (upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket")) {
                // Vert.x takes a WebSocket upgrade only of a request not yet read: it stays paused while a worker
                // dispatches it (a watch's registration waits for the store's read lock, which must not stall
                // this loop's other connections), then is upgraded.
                request.pause();
                RecordedRequest recorded = recorded(request, null);
                workers.executeBlocking(() -> dispatcher.dispatch(recorded), false)
                        .onFailure(e -> fail(request, e))
                        .onSuccess(response -> upgrade(request, recorded, response));
                return;
            }
            request.resume();
            Future<Buffer> body = hasBody(request) ? request.body() : Future.succeededFuture(null);
            body.onFailure(e -> fail(request, e)).onSuccess(bytes -> {
                RecordedRequest recorded = recorded(request, bytes);
                workers.executeBlocking(() -> dispatcher.dispatch(recorded), false)
                        .onFailure(e -> fail(request, e))
                        .onSuccess(response -> send(request, response));
            });
        }

        private void upgrade(HttpServerRequest request, RecordedRequest recorded, MockResponse response) {
            if (response == null || response.getWebSocketListener() == null) {
                request.resume();
                request.end().onSuccess(v -> send(request, response));
                return;
            }
            request.toWebSocket().onFailure(e -> {
                response.getWebSocketListener().onFailure(null, e, response);
                fail(request, e);
            }).onSuccess(socket -> open(recorded, response, socket));
        }

        private void open(RecordedRequest recorded, MockResponse response, ServerWebSocket socket) {
            WebSocketListener listener = response.getWebSocketListener();
            var mock = new VertxMockWebSocket(recorded, socket);
            listener.onBeforeAccept(mock, response);
            socket.textMessageHandler(text -> {
                listener.onMessage(mock, text);
                socket.fetch(1);
            });
            socket.binaryMessageHandler(bytes -> {
                listener.onMessage(mock, bytes.getBytes());
                socket.fetch(1);
            });
            socket.frameHandler(frame -> {
                if (frame.isClose()) {
                    listener.onClosing(mock, frame.closeStatusCode(), frame.closeReason());
                }
                socket.fetch(1);
            });
            // The end comes in frame order (a close would come at once). The listeners run on this event loop, so
            // they must not wait: the dispatcher's watches only queue (fabric8's own wait for their sends here).
            socket.endHandler(v -> listener.onClosed(mock, socket.closeStatusCode() == null ? CLOSED_WITHOUT_CODE
                    : socket.closeStatusCode(), socket.closeReason()));
            socket.exceptionHandler(e -> listener.onFailure(mock, e, response));
            listener.onOpen(mock, response);
            socket.fetch(1);
        }

        private static RecordedRequest recorded(HttpServerRequest request, Buffer body) {
            return new RecordedRequest(request.version().alpnName().toUpperCase(Locale.ROOT),
                    HttpMethod.fromVertx(request.method()), request.uri(),
                    Headers.builder().addAll(request.headers()).build(),
                    new io.fabric8.mockwebserver.http.Buffer(body == null ? null : body.getBytes()));
        }

        private static void send(HttpServerRequest request, MockResponse response) {
            HttpServerResponse out = request.response();
            if (response == null) {
                out.setStatusCode(405).end();
                return;
            }
            out.setStatusCode(response.code());
            response.getHeaders().toMultimap().forEach((name, values) -> out.headers().add(name, values));
            var body = response.getBody();
            if (body == null || body.size() == 0) {
                out.end();
                return;
            }
            if (!out.headers().contains("Transfer-Encoding")) {
                out.headers().set("Content-Length", String.valueOf(body.size()));
            }
            out.send(Buffer.buffer(body.getBytes()));
        }

        private static void fail(HttpServerRequest request, Throwable e) {
            if (!request.response().headWritten()) {
                request.response().setStatusCode(500).setStatusMessage(String.valueOf(e.getMessage())).end();
            }
        }

        private static boolean hasBody(HttpServerRequest request) {
            String length = request.getHeader("Content-Length");
            if (length != null && !length.isBlank()) {
                try {
                    if (Long.parseLong(length.trim()) > 0) {
                        return true;
                    }
                } catch (NumberFormatException e) {
                    return true;
                }
            }
            return request.headers().contains("Content-Type");
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(START_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer in " + START_SECONDS + " s", e);
        }
    }
}
