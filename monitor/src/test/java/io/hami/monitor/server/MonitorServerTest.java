package io.hami.monitor.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.monitor.Http;
import io.hami.monitor.config.BindAddress;
import io.hami.testfixtures.net.HeldRequests;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The monitor's listener keeps its bounds (docs/security.md). */
class MonitorServerTest {

    static final int HELD = 200;
    /** The monitor listener's connection cap. */
    static final int CAP = 64;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void heldHalfScrapesDoNotKeepTheProbeOutAndAreClosedBeyondTheCap() throws Exception {
        try (var server = MonitorServer.start(BindAddress.parse("127.0.0.1:0"), new PrometheusRegistry(), out -> { }, () -> true);
             var held = HeldRequests.open(server.port(), HELD,
                     "GET /metrics HTTP/1.1\r\nAccept: text/pl".getBytes(StandardCharsets.US_ASCII))) {
            assertThat(Http.get(server.port(), "/healthz").body()).isEqualTo("ok\n");
            assertThat(held.awaitClosedByServer(HELD - CAP, Duration.ofSeconds(30))).isGreaterThanOrEqualTo(HELD - CAP);
        }
    }
}
