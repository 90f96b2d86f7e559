package io.hami.deviceplugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.testfixtures.net.HeldRequests;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The plugin's probe endpoint: its answers, and its bounds (docs/security.md). */
class HealthEndpointTest {

    static final int HELD = 200;
    /** The health listener's connection cap. */
    static final int CAP = 64;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void heldHalfRequestsDoNotKeepTheProbeOutAndAreClosedBeyondTheCap() throws Exception {
        var registered = new AtomicBoolean(true);
        try (var health = HealthEndpoint.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                registered::get);
             var held = HeldRequests.open(health.address().getPort(), HELD,
                     "GET /healthz HTTP/1.1\r\nHost:".getBytes(StandardCharsets.US_ASCII));
             var http = HttpClient.newHttpClient()) {
            var uri = URI.create("http://127.0.0.1:" + health.address().getPort() + "/healthz");
            var ok = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo("ok\n");
            assertThat(held.awaitClosedByServer(HELD - CAP, Duration.ofSeconds(30))).isGreaterThanOrEqualTo(HELD - CAP);
            registered.set(false);
            var bad = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(bad.statusCode()).isEqualTo(503);
            assertThat(bad.body()).isEqualTo("not registered with kubelet\n");
        }
    }
}
