package io.hami.scheduler.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.http.Response;
import io.hami.scheduler.daemon.DaemonConfig;
import io.hami.scheduler.support.TestCertificates;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** TLS from PEM files: every key form Kubernetes tooling writes, served over HTTPS. */
class PemKeysTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestCertificates.KeyForm.class)
    void servesHttpsWithEveryKeyForm(TestCertificates.KeyForm form) throws Exception {
        var files = TestCertificates.write(dir, form);
        var context = PemKeys.serverContext(files.certificate(), files.key());
        var loopback = new DaemonConfig.Endpoint("127.0.0.1", 0);
        try (var front = HttpFront.start(loopback, loopback, loopback, Optional.of(context), false, Map.of(),
                (body, truncated) -> Response.empty(200), new PrometheusRegistry(), m -> new byte[0]);
             var client = HttpClient.newBuilder().sslContext(files.clientContext()).build()) {
            var r = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + front.port() + "/healthz"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void fileWithoutKeyIsRejected() throws Exception {
        var files = TestCertificates.write(dir, TestCertificates.KeyForm.PKCS8_RSA);
        Path empty = Files.writeString(dir.resolve("empty.key"), "nothing here");
        assertThatThrownBy(() -> PemKeys.serverContext(files.certificate(), empty))
                .isInstanceOf(GeneralSecurityException.class).hasMessageContaining("no PEM private key");
    }
}
