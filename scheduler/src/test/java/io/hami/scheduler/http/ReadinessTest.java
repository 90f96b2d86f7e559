package io.hami.scheduler.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.http.Response;
import io.hami.scheduler.daemon.DaemonConfig;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** {@code /readyz} on each listener waits for the daemon's warm-up; {@code /healthz} does not. */
class ReadinessTest {

    @Test
    void readyzAnswers503UntilReadyWhileHealthzAnswers200() throws Exception {
        var ready = new AtomicBoolean();
        var loopback = new DaemonConfig.Endpoint("127.0.0.1", 0);
        try (var front = HttpFront.start(loopback, loopback, loopback, Optional.empty(), false, Map.of(),
                (body, truncated) -> Response.empty(200), new PrometheusRegistry(), message -> new byte[0],
                ready::get);
             var http = HttpClient.newHttpClient()) {
            for (int port : new int[] {front.port(), front.webhookPort(), front.metricsPort()}) {
                assertThat(get(http, port, "/readyz").statusCode()).isEqualTo(503);
                assertThat(get(http, port, "/readyz").body()).isEqualTo("warming up\n");
                assertThat(get(http, port, "/healthz").statusCode()).isEqualTo(200);
            }
            ready.set(true);
            for (int port : new int[] {front.port(), front.webhookPort(), front.metricsPort()}) {
                assertThat(get(http, port, "/readyz").statusCode()).isEqualTo(200);
            }
        }
    }

    private static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
