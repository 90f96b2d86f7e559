package io.hami.http;

import io.prometheus.metrics.exporter.common.PrometheusHttpExchange;
import io.prometheus.metrics.exporter.common.PrometheusHttpRequest;
import io.prometheus.metrics.exporter.common.PrometheusHttpResponse;
import io.prometheus.metrics.exporter.common.PrometheusScrapeHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPOutputStream;

/** The routes every daemon serves the same way. */
public final class Routes {

    private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    private Routes() {
    }

    /**
     * {@code GET}: 200 with {@code ok} while {@code healthy}, else 503 with {@code unhealthy} (one line each), for
     * kubelet's probes.
     */
    public static Route health(BooleanSupplier healthy, String unhealthy) {
        return Route.get(request -> healthy.getAsBoolean() ? Response.text(200, "ok\n")
                : Response.text(503, unhealthy + "\n"));
    }

    /**
     * {@code GET /metrics} of a registry through Prometheus's own scrape handler: the text format, or OpenMetrics or
     * protobuf when the {@code Accept} header asks for them, gzip when accepted, {@code name[]} filters.
     */
    public static Route metrics(PrometheusRegistry registry) {
        var handler = new PrometheusScrapeHandler(registry);
        return Route.get(request -> {
            var exchange = new Exchange(request);
            try {
                handler.handleRequest(exchange);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return exchange.response();
        });
    }

    /**
     * Writes a whole scrape as the Prometheus text format (0.0.4), the same bytes Prometheus's text writer makes of
     * the registry's snapshots.
     */
    @FunctionalInterface
    public interface TextExposition {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * {@code GET /metrics} like {@link #metrics(PrometheusRegistry)}, but a plain scrape (the text format, no query,
     * no escaping asked for; gzip when accepted) is written by {@code text} without building Prometheus's snapshots.
     */
    public static Route metrics(PrometheusRegistry registry, TextExposition text) {
        var prometheus = metrics(registry);
        return Route.get(request -> plainText(request) ? text(request, text) : prometheus.handler().handle(request));
    }

    private static boolean plainText(Request request) {
        if (!request.query().isEmpty()) {
            return false;
        }
        for (var accept : request.headers().all("Accept")) {
            var lower = accept.toLowerCase(Locale.ROOT);
            if (lower.contains("openmetrics") || lower.contains("protobuf") || lower.contains("escaping")) {
                return false;
            }
        }
        return true;
    }

    private static Response text(Request request, TextExposition text) {
        boolean gzip = request.headers().all("Accept-Encoding").stream()
                .anyMatch(e -> e.toLowerCase(Locale.ROOT).contains("gzip"));
        var body = new ByteArrayOutputStream(1 << 16);
        try {
            if (gzip) {
                try (var zip = new GZIPOutputStream(body, 1 << 16)) {
                    text.writeTo(zip);
                }
            } else {
                text.writeTo(body);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var response = Response.of(200, TEXT_FORMAT, body.toByteArray());
        return gzip ? response.withHeader("Content-Encoding", "gzip") : response;
    }

    /** Prometheus's view of one of our requests; its answer is collected in memory. */
    private static final class Exchange implements PrometheusHttpExchange, PrometheusHttpRequest,
            PrometheusHttpResponse {
        private final Request request;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private int status = 500;

        Exchange(Request request) {
            this.request = request;
        }

        Response response() {
            return new Response(status, headers, body.toByteArray());
        }

        @Override
        public PrometheusHttpRequest getRequest() {
            return this;
        }

        @Override
        public PrometheusHttpResponse getResponse() {
            return this;
        }

        @Override
        public void handleException(IOException e) throws IOException {
            throw e;
        }

        @Override
        public void handleException(RuntimeException e) {
            throw e;
        }

        @Override
        public void close() {
        }

        @Override
        public String getQueryString() {
            return request.query().isEmpty() ? null : request.query();
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            var values = request.headers().all(name);
            return values.isEmpty() ? null : Collections.enumeration(values);
        }

        @Override
        public String getMethod() {
            return request.method();
        }

        @Override
        public String getRequestPath() {
            return request.path();
        }

        @Override
        public void setHeader(String name, String value) {
            if (!name.equalsIgnoreCase("Content-Length")) {
                headers.put(name, value);
            }
        }

        @Override
        public OutputStream sendHeadersAndGetBody(int statusCode, int contentLength) {
            status = statusCode;
            return body;
        }
    }
}
