package io.hami.scheduler.certs;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps the scheduler's serving certificate in a {@code kubernetes.io/tls} Secret ({@code tls.crt}, {@code tls.key},
 * {@code ca.crt}) and its CA in a MutatingWebhookConfiguration's {@code caBundle}. Both steps are idempotent: a
 * Secret whose certificate still {@link CertificateCheck serves} is kept, a {@code caBundle} that already holds the CA
 * is not written. The Secret is written whole in one request, so no reader sees a key without its certificate.
 *
 * <p>API access: {@code secrets} get, create, update in the namespace; {@code mutatingwebhookconfigurations} get,
 * update.
 */
public final class WebhookCertificates {

    /** The Secret's data keys. */
    public static final String CA = "ca.crt";
    /** The serving certificate's key in the Secret. */
    public static final String CERT = "tls.crt";
    /** The private key's key in the Secret. */
    public static final String KEY = "tls.key";

    private static final String TLS = "kubernetes.io/tls";

    /**
     * What {@link #ensureSecret} did.
     *
     * @param caPem  the CA now in the Secret
     * @param issued whether a new certificate was written
     * @param reason why it was (re)issued, or why the stored one was kept
     */
    public record Stored(String caPem, boolean issued, String reason) {
    }

    private final KubernetesClient client;
    private final Clock clock;

    public WebhookCertificates(KubernetesClient client, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Makes the Secret hold a certificate for the names valid beyond {@code renewBefore}, issuing one for
     * {@code validity} when it does not.
     *
     * @throws GeneralSecurityException when no certificate can be made
     */
    public Stored ensureSecret(ServingNames names, String secretName, Duration validity, Duration renewBefore)
            throws GeneralSecurityException {
        if (!renewBefore.isNegative() && renewBefore.compareTo(validity) >= 0) {
            throw new IllegalArgumentException("the renewal margin (" + renewBefore.toDays() + " days) must be shorter "
                    + "than the validity (" + validity.toDays() + " days)");
        }
        var secrets = client.secrets().inNamespace(names.namespace());
        Secret existing = secrets.withName(secretName).get();
        if (existing != null && !TLS.equals(existing.getType())) {
            throw new IllegalArgumentException("secret " + names.namespace() + "/" + secretName + " has type "
                    + existing.getType() + ", not " + TLS + "; delete it or choose another name");
        }
        String reason;
        if (existing == null) {
            reason = "no secret " + names.namespace() + "/" + secretName;
        } else {
            Map<String, String> data = decoded(existing);
            Optional<String> problem = data.keySet().containsAll(java.util.List.of(CA, CERT, KEY))
                    ? CertificateCheck.problem(data.get(CA), data.get(CERT), data.get(KEY), names, clock.instant(),
                            renewBefore)
                    : Optional.of("secret lacks one of " + CA + ", " + CERT + ", " + KEY);
            if (problem.isEmpty()) {
                return new Stored(data.get(CA), false, "the stored certificate serves");
            }
            reason = "the stored certificate " + problem.get();
        }
        IssuedCertificate issued = IssuedCertificate.issue(names, validity, clock.instant());
        var data = new LinkedHashMap<String, String>();
        data.put(CA, base64(issued.caPem()));
        data.put(CERT, base64(issued.servingPem()));
        data.put(KEY, base64(issued.keyPem()));
        Secret secret = new SecretBuilder().withNewMetadata().withName(secretName).withNamespace(names.namespace())
                .addToLabels("app.kubernetes.io/managed-by", "hami-certs")
                .withResourceVersion(existing == null ? null : existing.getMetadata().getResourceVersion())
                .endMetadata()
                .withType(TLS)
                .withData(data).build();
        if (existing == null) {
            secrets.resource(secret).create();
        } else {
            secrets.resource(secret).update();
        }
        return new Stored(issued.caPem(), true, reason);
    }

    /**
     * Puts the CA into the {@code caBundle} of every webhook of the configuration.
     *
     * @return the number of webhooks whose {@code caBundle} changed (0 when all held it)
     * @throws IllegalArgumentException when the configuration does not exist or has no webhook
     */
    public int announce(String webhookConfiguration, String caPem) {
        var resource = client.admissionRegistration().v1().mutatingWebhookConfigurations()
                .withName(webhookConfiguration);
        MutatingWebhookConfiguration config = resource.get();
        if (config == null) {
            throw new IllegalArgumentException("no MutatingWebhookConfiguration " + webhookConfiguration);
        }
        if (config.getWebhooks() == null || config.getWebhooks().isEmpty()) {
            throw new IllegalArgumentException("MutatingWebhookConfiguration " + webhookConfiguration
                    + " has no webhook");
        }
        String bundle = base64(caPem);
        int changed = 0;
        for (MutatingWebhook webhook : config.getWebhooks()) {
            if (!bundle.equals(webhook.getClientConfig().getCaBundle())) {
                webhook.getClientConfig().setCaBundle(bundle);
                changed++;
            }
        }
        if (changed > 0) {
            client.admissionRegistration().v1().mutatingWebhookConfigurations().resource(config).update();
        }
        return changed;
    }

    private static Map<String, String> decoded(Secret secret) {
        var out = new LinkedHashMap<String, String>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> {
                try {
                    out.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.US_ASCII));
                } catch (IllegalArgumentException e) {
                    out.put(k, ""); // not base64: CertificateCheck reports it unreadable
                }
            });
        }
        if (secret.getStringData() != null) {
            out.putAll(secret.getStringData());
        }
        return out;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }
}
