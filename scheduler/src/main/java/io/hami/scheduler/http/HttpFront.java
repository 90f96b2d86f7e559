package io.hami.scheduler.http;

import io.hami.http.HttpLimits;
import io.hami.http.HttpListener;
import io.hami.http.Request;
import io.hami.http.Response;
import io.hami.http.Route;
import io.hami.http.Routes;
import io.hami.http.ServerTls;
import io.hami.scheduler.daemon.DaemonConfig;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's three listeners (docs/security.md), each an {@link HttpListener} with its own limits, and each
 * answering {@code GET /healthz} (200) and {@code GET /readyz} (200, or 503 while the daemon warms up):
 * <ul>
 *   <li>the extender ({@code --http_bind}): {@code POST /filter} and {@code POST /bind}, for kube-scheduler only: on a
 *       loopback address, or with client certificates required ({@link DaemonConfig#http()});</li>
 *   <li>the webhook ({@code --webhook_bind}): {@code POST /webhook}, for the API server;</li>
 *   <li>metrics ({@code --metrics-bind-address}): {@code GET /metrics}.</li>
 * </ul>
 * The extender's bodies are read through HAMi's 1 MiB limit (docs/scheduler.md, "Extender endpoints and JSON": a
 * longer one reaches the route truncated and is answered as truncated JSON); the webhook's through
 * {@link #WEBHOOK_MAX_BODY}. A POST without a body is answered 400 {@code Please send a request body}; a handler that
 * fails is answered 500 with the JSON of {@code failure}.
 */
public final class HttpFront implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpFront.class);

    /** The largest extender body read (HAMi's limit). */
    public static final int MAX_BODY = 1 << 20;

    /**
     * The largest admission review read: the API server's limit on the body of a write request (3 MiB) for the pod,
     * and 1 MiB more for the review around it (user information, and the JSON of an object its client may have sent
     * as the denser protobuf). A longer review is answered with an error for its uid (docs/security.md, "Admission
     * reviews").
     */
    public static final int WEBHOOK_MAX_BODY = 4 << 20;

    /**
     * A POST handler: the body (at most the listener's limit, {@code truncated} when longer) to a JSON reply. The body
     * is read in place: the first {@code length} bytes of {@code body}, the listener's buffer, which the handler must
     * not keep once it returns (a call's candidate names are most of its bytes; docs/performance.md).
     */
    @FunctionalInterface
    public interface Handler {
        byte[] handle(byte[] body, int length, boolean truncated) throws InterruptedException;

        /** {@link #handle(byte[], int, boolean)} of a whole array. */
        default byte[] handle(byte[] body, boolean truncated) throws InterruptedException {
            return handle(body, body.length, truncated);
        }
    }

    /** The webhook's handler: the review (at most {@link #WEBHOOK_MAX_BODY}, {@code truncated} when longer) to an answer. */
    @FunctionalInterface
    public interface Reviewer {
        Response answer(byte[] body, boolean truncated);
    }

    private final HttpListener extender;
    private final HttpListener webhook;
    private final HttpListener metrics;

    private HttpFront(HttpListener extender, HttpListener webhook, HttpListener metrics) {
        this.extender = extender;
        this.webhook = webhook;
        this.metrics = metrics;
    }

    /**
     * Starts the three listeners; on failure none is left listening.
     *
     * @param http     where {@code /filter} and {@code /bind} listen
     * @param hook     where {@code /webhook} listens
     * @param scrape   where {@code /metrics} listens
     * @param tls      the server context (trusting the extender's client CA when one is configured); empty serves
     *                 plain HTTP (only when asked for explicitly)
     * @param requireClientCertificates whether the extender's clients must present a certificate
     * @param routes   the extender's POST handlers by path ({@code /filter}, {@code /bind})
     * @param review   the webhook's handler
     * @param registry the metrics
     * @param failure  the JSON body of a 500 answer for an error message
     */
    public static HttpFront start(DaemonConfig.Endpoint http, DaemonConfig.Endpoint hook, DaemonConfig.Endpoint scrape,
                                  Optional<SSLContext> tls, boolean requireClientCertificates,
                                  Map<String, Handler> routes, Reviewer review, PrometheusRegistry registry,
                                  Function<String, byte[]> failure) throws IOException {
        return start(http, hook, scrape, tls, requireClientCertificates, routes, review, registry, failure, () -> true);
    }

    /**
     * {@link #start(DaemonConfig.Endpoint, DaemonConfig.Endpoint, DaemonConfig.Endpoint, Optional, boolean, Map,
     * Reviewer, PrometheusRegistry, Function)} with {@code GET /readyz} answering 503 until {@code ready} holds (the
     * daemon's warm-up); the routes answer meanwhile.
     */
    public static HttpFront start(DaemonConfig.Endpoint http, DaemonConfig.Endpoint hook, DaemonConfig.Endpoint scrape,
                                  Optional<SSLContext> tls, boolean requireClientCertificates,
                                  Map<String, Handler> routes, Reviewer review, PrometheusRegistry registry,
                                  Function<String, byte[]> failure, BooleanSupplier ready) throws IOException {
        var extenderRoutes = health(ready);
        routes.forEach((path, handler) -> extenderRoutes.put(path, post(path, handler, failure)));
        var webhookRoutes = health(ready);
        webhookRoutes.put("/webhook", Route.postTakingTruncated(r -> r.body().length == 0 ? noBody()
                : review.answer(r.body(), r.truncated())));
        var metricsRoutes = health(ready);
        metricsRoutes.put("/metrics", Routes.metrics(registry));

        HttpListener extender = null;
        HttpListener webhook = null;
        try {
            extender = HttpListener.start("extender", http.socketAddress(),
                    tls.map(c -> new ServerTls(c, requireClientCertificates)), HttpLimits.forBodiesOf(MAX_BODY),
                    extenderRoutes);
            webhook = HttpListener.start("webhook", hook.socketAddress(), tls.map(c -> new ServerTls(c, false)),
                    HttpLimits.forBodiesOf(WEBHOOK_MAX_BODY), webhookRoutes);
            HttpListener scraped = HttpListener.start("metrics", scrape.socketAddress(), Optional.empty(),
                    HttpLimits.forQueries(), metricsRoutes);
            return new HttpFront(extender, webhook, scraped);
        } catch (IOException | RuntimeException e) {
            if (webhook != null) {
                webhook.close();
            }
            if (extender != null) {
                extender.close();
            }
            throw e;
        }
    }

    /** The extender's port (useful with port 0). */
    public int port() {
        return extender.port();
    }

    /** The webhook's port. */
    public int webhookPort() {
        return webhook.port();
    }

    /** The metrics port. */
    public int metricsPort() {
        return metrics.port();
    }

    /** The webhook's listener (its counters, for tests). */
    public HttpListener webhookListener() {
        return webhook;
    }

    /** Stops accepting, waits up to {@code grace} for requests in flight, then stops. */
    public void stop(Duration grace) {
        extender.close(grace);
        webhook.close(grace);
        metrics.close(Duration.ZERO);
    }

    @Override
    public void close() {
        stop(Duration.ZERO);
    }

    private static Map<String, Route> health(BooleanSupplier ready) {
        var routes = new HashMap<String, Route>();
        // HAMi answers both 200 always: leadership is the Service's business (the leader label). Readiness waits only
        // for the warm-up (docs/scheduler.md, "Warm-up before readiness").
        routes.put("/healthz", Route.get(r -> Response.empty(200)));
        routes.put("/readyz", Route.get(r -> ready.getAsBoolean() ? Response.empty(200)
                : Response.text(503, "warming up\n")));
        return routes;
    }

    private static Response noBody() {
        return Response.of(400, "text/plain", "Please send a request body".getBytes(StandardCharsets.UTF_8));
    }

    private static Route post(String path, Handler handler, Function<String, byte[]> failure) {
        return Route.postInPlaceTakingTruncated(request -> answer(path, handler, failure, request));
    }

    private static Response answer(String path, Handler handler, Function<String, byte[]> failure, Request request)
            throws InterruptedException {
        if (request.bodyLength() == 0) {
            return noBody();
        }
        try {
            return Response.json(200, handler.handle(request.body(), request.bodyLength(), request.truncated()));
        } catch (RuntimeException e) {
            LOG.error("{} failed", path, e);
            return Response.json(500, failure.apply(String.valueOf(e.getMessage())));
        }
    }
}
