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
import java.util.Map;
import java.util.function.BooleanSupplier;

/** The routes every daemon serves the same way. */
public final class Routes {

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
