package io.hami.scheduler.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hami.http.Response;
import io.hami.scheduler.daemon.DaemonConfig;
import io.hami.scheduler.support.Harness;
import io.hami.scheduler.support.TestCertificates;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who can reach {@code /filter} and {@code /bind} (docs/security.md): on a loopback address, no one from another
 * address; elsewhere, only clients presenting a certificate from the configured CA.
 */
class ExtenderAccessTest {

    @TempDir
    Path dir;

    @Test
    void theExtenderOnLoopbackCannotBeReachedThroughAnotherAddressOfThisMachine() throws Exception {
        Optional<InetAddress> other = NetworkInterface.networkInterfaces()
                .filter(ExtenderAccessTest::up).flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).findFirst();
        assumeTrue(other.isPresent(), "this machine has no non-loopback IPv4 address");
        try (var harness = new Harness().serve()) {
            int port = harness.front().port();
            assertThat(harness.post("/bind", "{}".getBytes()).statusCode()).isEqualTo(200);
            assertThatThrownBy(() -> new Socket().connect(new InetSocketAddress(other.get(), port), 5_000))
                    .as("a forged /filter or /bind from %s", other.get()).isInstanceOf(ConnectException.class);
            // The webhook, which the API server calls, is the listener other addresses may reach.
            assertThat(harness.front().webhookListener().address().getAddress().isLoopbackAddress()).isTrue();
        }
    }

    @Test
    void withAClientCaTheExtenderRefusesAClientWithoutACertificateAndTheWebhookDoesNot() throws Exception {
        var server = TestCertificates.write(dir, TestCertificates.KeyForm.PKCS8_EC);
        var scheduler = TestCertificates.client(dir, "kube-scheduler");
        var stranger = TestCertificates.client(dir, "stranger");
        var context = PemKeys.serverContext(server.certificate(), server.key(), Optional.of(scheduler.caFile()));
        var loopback = new DaemonConfig.Endpoint("127.0.0.1", 0);
        try (var front = HttpFront.start(loopback, loopback, loopback, Optional.of(context), true,
                Map.of("/filter", (body, length, truncated) -> "{\"Error\":\"\"}".getBytes()),
                (body, truncated) -> Response.json(200, "{}".getBytes()), new PrometheusRegistry(), m -> new byte[0]);
             var anonymous = HttpClient.newBuilder().sslContext(server.clientContext()).build();
             var foreign = HttpClient.newBuilder().sslContext(stranger.context(server.cert())).build();
             var trusted = HttpClient.newBuilder().sslContext(scheduler.context(server.cert())).build()) {
            assertThatThrownBy(() -> post(anonymous, front.port(), "/filter")).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> post(foreign, front.port(), "/filter")).isInstanceOf(IOException.class);
            assertThat(post(trusted, front.port(), "/filter").body()).isEqualTo("{\"Error\":\"\"}");
            assertThat(post(anonymous, front.webhookPort(), "/webhook").statusCode()).isEqualTo(200);
        }
    }

    private static HttpResponse<String> post(HttpClient client, int port, String path)
            throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean up(NetworkInterface n) {
        try {
            return n.isUp() && !n.isLoopback();
        } catch (IOException e) {
            return false;
        }
    }
}
