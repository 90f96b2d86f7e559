package io.hami.scheduler.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Secret and caBundle steps against fabric8's mock API server in CRUD mode. */
@EnableKubernetesMockClient(crud = true)
class WebhookCertificatesTest {

    private static final ServingNames NAMES = new ServingNames("hami-scheduler", "hami-system", "cluster.local");
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    KubernetesClient client;

    private WebhookCertificates at(Instant now) {
        return new WebhookCertificates(client, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void issuesACertificateForEveryServiceNameThatChainsToTheStoredCa() throws Exception {
        var stored = at(NOW).ensureSecret(NAMES, "hami-scheduler-tls", Duration.ofDays(365), Duration.ofDays(30));
        assertThat(stored.issued()).isTrue();
        assertThat(stored.reason()).contains("no secret hami-system/hami-scheduler-tls");

        var secret = client.secrets().inNamespace("hami-system").withName("hami-scheduler-tls").get();
        assertThat(secret.getType()).isEqualTo("kubernetes.io/tls");
        assertThat(secret.getData()).containsOnlyKeys("ca.crt", "tls.crt", "tls.key");
        X509Certificate ca = certificate(secret.getData().get("ca.crt"));
        X509Certificate cert = certificate(secret.getData().get("tls.crt"));
        assertThat(decode(secret.getData().get("ca.crt"))).isEqualTo(stored.caPem());

        assertThat(CertificateCheck.subjectAltNames(cert)).containsExactlyInAnyOrder("hami-scheduler",
                "hami-scheduler.hami-system", "hami-scheduler.hami-system.svc",
                "hami-scheduler.hami-system.svc.cluster.local", "127.0.0.1");
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertThat(ca.getBasicConstraints()).isEqualTo(0);
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(365)));

        // The JDK's own PKIX validation, trusting only the stored CA.
        var params = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        params.setRevocationEnabled(false);
        params.setDate(java.util.Date.from(NOW));
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(cert)), params);
        // ... and no other CA.
        var other = IssuedCertificate.issue(NAMES, Duration.ofDays(1), NOW).ca();
        var foreign = new PKIXParameters(Set.of(new TrustAnchor(other, null)));
        foreign.setRevocationEnabled(false);
        foreign.setDate(java.util.Date.from(NOW));
        assertThatThrownBy(() -> CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(cert)), foreign))
                .isInstanceOf(java.security.cert.CertPathValidatorException.class);
    }

    @Test
    void keepsAValidSecretAndRenewsOneCloseToExpiry() throws Exception {
        at(NOW).ensureSecret(NAMES, "tls", Duration.ofDays(365), Duration.ofDays(30));
        var first = client.secrets().inNamespace("hami-system").withName("tls").get();

        var again = at(NOW.plus(Duration.ofDays(300))).ensureSecret(NAMES, "tls", Duration.ofDays(365),
                Duration.ofDays(30));
        assertThat(again.issued()).isFalse();
        assertThat(client.secrets().inNamespace("hami-system").withName("tls").get().getData())
                .isEqualTo(first.getData());

        var renewed = at(NOW.plus(Duration.ofDays(340))).ensureSecret(NAMES, "tls", Duration.ofDays(365),
                Duration.ofDays(30));
        assertThat(renewed.issued()).isTrue();
        assertThat(renewed.reason()).contains("expires");
        var after = client.secrets().inNamespace("hami-system").withName("tls").get();
        assertThat(after.getData().get("tls.crt")).isNotEqualTo(first.getData().get("tls.crt"));
        assertThat(certificate(after.getData().get("tls.crt")).getNotAfter().toInstant())
                .isEqualTo(NOW.plus(Duration.ofDays(340 + 365)));
    }

    @Test
    void reissuesWhenTheStoredCertificateNamesAnotherServiceOrItsKeyDoesNotMatch() throws Exception {
        var elsewhere = new ServingNames("other", "hami-system", "cluster.local");
        at(NOW).ensureSecret(elsewhere, "tls", Duration.ofDays(365), Duration.ofDays(30));
        var moved = at(NOW).ensureSecret(NAMES, "tls", Duration.ofDays(365), Duration.ofDays(30));
        assertThat(moved.issued()).isTrue();
        assertThat(moved.reason()).contains("does not name hami-scheduler");

        // A key from another issue beside this certificate.
        var secret = client.secrets().inNamespace("hami-system").withName("tls").get();
        var stranger = IssuedCertificate.issue(NAMES, Duration.ofDays(365), NOW);
        secret.getData().put("tls.key", Base64.getEncoder().encodeToString(
                stranger.keyPem().getBytes(StandardCharsets.US_ASCII)));
        client.secrets().inNamespace("hami-system").resource(secret).update();
        var mismatched = at(NOW).ensureSecret(NAMES, "tls", Duration.ofDays(365), Duration.ofDays(30));
        assertThat(mismatched.issued()).isTrue();
        assertThat(mismatched.reason()).contains("tls.key does not belong to tls.crt");

        // A certificate that another CA signed.
        secret = client.secrets().inNamespace("hami-system").withName("tls").get();
        secret.getData().put("ca.crt", Base64.getEncoder().encodeToString(
                stranger.caPem().getBytes(StandardCharsets.US_ASCII)));
        client.secrets().inNamespace("hami-system").resource(secret).update();
        assertThat(at(NOW).ensureSecret(NAMES, "tls", Duration.ofDays(365), Duration.ofDays(30)).reason())
                .contains("does not chain to ca.crt");
    }

    @Test
    void refusesToOverwriteASecretOfAnotherType() {
        client.secrets().inNamespace("hami-system").resource(new SecretBuilder().withNewMetadata().withName("tls")
                .endMetadata().withType("Opaque").withStringData(Map.of("password", "x")).build()).create();
        assertThatThrownBy(() -> at(NOW).ensureSecret(NAMES, "tls", Duration.ofDays(365), Duration.ofDays(30)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has type Opaque");
    }

    @Test
    void announcesTheCaInEveryWebhookOnce() throws Exception {
        client.admissionRegistration().v1().mutatingWebhookConfigurations().resource(webhookConfig()).create();
        var stored = at(NOW).ensureSecret(NAMES, "tls", Duration.ofDays(365), Duration.ofDays(30));
        var certs = at(NOW);
        assertThat(certs.announce("hami-webhook", stored.caPem())).isEqualTo(2);
        var config = client.admissionRegistration().v1().mutatingWebhookConfigurations().withName("hami-webhook")
                .get();
        assertThat(config.getWebhooks()).allSatisfy(w ->
                assertThat(decode(w.getClientConfig().getCaBundle())).isEqualTo(stored.caPem()));
        String version = config.getMetadata().getResourceVersion();
        assertThat(certs.announce("hami-webhook", stored.caPem())).isZero();
        assertThat(client.admissionRegistration().v1().mutatingWebhookConfigurations().withName("hami-webhook")
                .get().getMetadata().getResourceVersion()).isEqualTo(version);
        assertThatThrownBy(() -> certs.announce("absent", stored.caPem()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no MutatingWebhookConfiguration absent");
    }

    @Test
    void namesMustBeDnsLabels() {
        assertThatThrownBy(() -> new ServingNames("Hami_Scheduler", "ns", "cluster.local"))
                .hasMessageContaining("service must be a DNS label").hasMessageContaining("Hami_Scheduler");
        assertThatThrownBy(() -> at(NOW).ensureSecret(NAMES, "tls", Duration.ofDays(10), Duration.ofDays(10)))
                .hasMessageContaining("must be shorter than the validity");
    }

    private static MutatingWebhookConfiguration webhookConfig() {
        return new MutatingWebhookConfigurationBuilder().withNewMetadata().withName("hami-webhook").endMetadata()
                .addNewWebhook().withName("vgpu.hami.io").withNewClientConfig().withNewService()
                .withName("hami-scheduler").withNamespace("hami-system").withPath("/webhook").endService()
                .endClientConfig().withAdmissionReviewVersions("v1").withSideEffects("None").endWebhook()
                .addNewWebhook().withName("second.hami.io").withNewClientConfig().withNewService()
                .withName("hami-scheduler").withNamespace("hami-system").withPath("/webhook").endService()
                .endClientConfig().withAdmissionReviewVersions("v1").withSideEffects("None").endWebhook()
                .build();
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.US_ASCII);
    }

    private static X509Certificate certificate(String base64) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
    }
}
