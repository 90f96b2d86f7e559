package io.hami.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The shared routes over a real listener: health for probes, and Prometheus's scrape with its negotiation. */
class RoutesTest {

    @Test
    void healthAnswersOkOr503WithTheReason() throws Exception {
        var healthy = new AtomicBoolean(true);
        try (var listener = HttpListener.start("t", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                Optional.empty(), HttpLimits.forQueries(), Map.of("/healthz", Routes.health(healthy::get, "stalled")));
             var c = new RawClient(listener.port())) {
            assertThat(c.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n").reply().body()).isEqualTo("ok\n");
            healthy.set(false);
            var r = c.send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n").reply();
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.body()).isEqualTo("stalled\n");
        }
    }

    @Test
    void metricsAreServedInTheFormatTheScraperAsksFor() throws Exception {
        var registry = new PrometheusRegistry();
        Counter.builder().name("hami_test_events_total").help("Events").register(registry).inc(3);
        try (var listener = HttpListener.start("t", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                Optional.empty(), HttpLimits.forQueries(), Map.of("/metrics", Routes.metrics(registry)));
             var c = new RawClient(listener.port())) {
            var text = c.send("GET /metrics HTTP/1.1\r\nHost: t\r\n\r\n").reply();
            assertThat(text.status()).isEqualTo(200);
            assertThat(text.headers()).containsEntry("content-type", "text/plain; version=0.0.4; charset=utf-8");
            assertThat(text.body()).contains("hami_test_events_total 3.0");
            var open = c.send("GET /metrics HTTP/1.1\r\nHost: t\r\nAccept: application/openmetrics-text; "
                    + "version=1.0.0\r\n\r\n").reply();
            assertThat(open.headers().get("content-type")).startsWith("application/openmetrics-text");
            assertThat(open.body()).endsWith("# EOF\n");
            var filtered = c.send("GET /metrics?name[]=nothing HTTP/1.1\r\nHost: t\r\n\r\n").reply();
            assertThat(filtered.body()).doesNotContain("hami_test_events_total");
        }
    }

    @Test
    void aPlainScrapeIsWrittenByTheTextWriterAndEveryOtherByPrometheus() throws Exception {
        var registry = new PrometheusRegistry();
        Counter.builder().name("hami_test_events_total").help("Events").register(registry).inc(3);
        Routes.TextExposition own = out -> out.write("own text\n".getBytes(StandardCharsets.UTF_8));
        try (var listener = HttpListener.start("t", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                Optional.empty(), HttpLimits.forQueries(), Map.of("/metrics", Routes.metrics(registry, own)));
             var c = new RawClient(listener.port())) {
            var plain = c.send("GET /metrics HTTP/1.1\r\nHost: t\r\nAccept: text/plain;version=0.0.4;q=0.5,*/*;q=0.1"
                    + "\r\n\r\n").reply();
            assertThat(plain.status()).isEqualTo(200);
            assertThat(plain.headers()).containsEntry("content-type", "text/plain; version=0.0.4; charset=utf-8")
                    .doesNotContainKey("content-encoding");
            assertThat(plain.body()).isEqualTo("own text\n");
            var zipped = c.send("GET /metrics HTTP/1.1\r\nHost: t\r\nAccept-Encoding: gzip\r\n\r\n").bytes();
            assertThat(zipped.headers()).containsEntry("content-encoding", "gzip");
            assertThat(new String(new GZIPInputStream(new ByteArrayInputStream(zipped.body())).readAllBytes(),
                    StandardCharsets.UTF_8)).isEqualTo("own text\n");
            var open = c.send("GET /metrics HTTP/1.1\r\nHost: t\r\nAccept: application/openmetrics-text; "
                    + "version=1.0.0\r\n\r\n").reply();
            assertThat(open.body()).contains("hami_test_events_total 3.0").endsWith("# EOF\n");
            assertThat(c.send("GET /metrics?name[]=hami_test_events_total HTTP/1.1\r\nHost: t\r\n\r\n").reply().body())
                    .contains("hami_test_events_total 3.0");
            assertThat(c.send("GET /metrics HTTP/1.1\r\nHost: t\r\nAccept: text/plain; version=1.0.0; "
                    + "escaping=underscores\r\n\r\n").reply().body()).contains("hami_test_events_total 3.0");
        }
    }
}
