package io.hami.scheduler.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.http.Response;
import io.hami.scheduler.daemon.DaemonConfig;
import io.hami.scheduler.support.TestCertificates;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A renewed serving certificate reaches TLS clients without a restart (docs/install.md, "Certificates"). The Secret's
 * files are laid out as kubelet writes a Secret volume: {@code tls.crt} and {@code tls.key} are links into
 * {@code ..data}, itself a link to a timestamped directory that an update replaces in one rename.
 */
class CertificateRotationTest {

    @TempDir
    Path work;

    private Path mount;
    private TestCertificates.Files2 first;
    private TestCertificates.Files2 second;

    @BeforeEach
    void writeTwoCertificates() throws Exception {
        first = TestCertificates.write(Files.createDirectories(work.resolve("first")), TestCertificates.KeyForm.PKCS8_EC);
        second = TestCertificates.write(Files.createDirectories(work.resolve("second")),
                TestCertificates.KeyForm.SEC1_EC);
        mount = Files.createDirectories(work.resolve("mount"));
        publish("..2026_01_01", first.certificate(), first.key());
        Files.createSymbolicLink(mount.resolve("tls.crt"), Path.of("..data/tls.crt"));
        Files.createSymbolicLink(mount.resolve("tls.key"), Path.of("..data/tls.key"));
    }

    @Test
    void aClientConnectingAfterTheSecretChangedSeesTheNewCertificate() throws Exception {
        var keys = ServingKeys.load(mount.resolve("tls.crt"), mount.resolve("tls.key"));
        var loopback = new DaemonConfig.Endpoint("127.0.0.1", 0);
        try (var front = HttpFront.start(loopback, loopback, loopback,
                Optional.of(PemKeys.serverContext(keys, Optional.empty())), false, Map.of(),
                (body, truncated) -> Response.empty(200), new PrometheusRegistry(), m -> new byte[0])) {
            assertThat(presented(front.webhookPort())).isEqualTo(first.cert());

            publish("..2026_02_01", second.certificate(), second.key());
            assertThat(keys.reloadIfChanged()).isTrue();

            assertThat(presented(front.webhookPort())).isEqualTo(second.cert());
            assertThat(presented(front.port())).as("the extender too").isEqualTo(second.cert());
            assertThat(keys.reloadIfChanged()).as("files unchanged since").isFalse();
        }
    }

    @Test
    void aHalfWrittenRenewalKeepsTheCertificateInForceUntilBothFilesAgree() throws Exception {
        var keys = ServingKeys.load(mount.resolve("tls.crt"), mount.resolve("tls.key"));
        var loopback = new DaemonConfig.Endpoint("127.0.0.1", 0);
        try (var front = HttpFront.start(loopback, loopback, loopback,
                Optional.of(PemKeys.serverContext(keys, Optional.empty())), false, Map.of(),
                (body, truncated) -> Response.empty(200), new PrometheusRegistry(), m -> new byte[0])) {
            publish("..2026_02_01", second.certificate(), first.key());
            assertThatThrownBy(keys::reloadIfChanged).isInstanceOf(GeneralSecurityException.class)
                    .hasMessageContaining("not the key of the certificate");
            assertThat(presented(front.webhookPort())).isEqualTo(first.cert());

            publish("..2026_02_02", second.certificate(), second.key());
            assertThat(keys.reloadIfChanged()).isTrue();
            assertThat(presented(front.webhookPort())).isEqualTo(second.cert());
        }
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefusedAtStart() throws Exception {
        assertThatThrownBy(() -> ServingKeys.load(first.certificate(), second.key()))
                .isInstanceOf(GeneralSecurityException.class)
                .hasMessage(second.key() + ": not the key of the certificate in " + first.certificate());
    }

    /** Replaces {@code ..data} with a new directory holding the two files, in one rename, as kubelet does. */
    private void publish(String version, Path certificate, Path key) throws Exception {
        Path dir = Files.createDirectories(mount.resolve(version));
        Files.copy(certificate, dir.resolve("tls.crt"));
        Files.copy(key, dir.resolve("tls.key"));
        Path link = mount.resolve("..data_tmp");
        Files.createSymbolicLink(link, Path.of(version));
        Files.move(link, mount.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The certificate a new TLS client (no session to resume, as Go's clients by default) is shown on the port. */
    private X509Certificate presented(int port) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("first", first.cert());
        trust.setCertificateEntry("second", second.cert());
        var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        var context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        try (var socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }
}
