package io.hami.cli.certs;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.hami.cli.UserInputException;
import io.hami.cli.deviceplugin.KubeClients;
import io.hami.scheduler.certs.ServingNames;
import io.hami.scheduler.certs.WebhookCertificates;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hami certs webhook}: makes sure the scheduler's serving certificate exists and is announced. It keeps a
 * Secret whose certificate still serves, otherwise issues a CA and a certificate for the Service's names and
 * {@code 127.0.0.1} and writes them; with {@code --webhook-config} it also puts the CA into that
 * MutatingWebhookConfiguration's {@code caBundle}. Running it again changes nothing. Exit codes: 0 done, 2 invalid
 * flags or objects, 1 when the API server refuses a request.
 */
@Command(name = "webhook", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Issue the scheduler's serving certificate into a kubernetes.io/tls Secret (tls.crt, tls.key, "
                + "ca.crt) and put its CA into the MutatingWebhookConfiguration's caBundle.")
public final class WebhookCertsCommand implements Callable<Integer> {

    @Option(names = "--namespace", required = true, description = "The namespace of the Service and the Secret.")
    String namespace;

    @Option(names = "--service", required = true, description = "The Service in front of the webhook and extender.")
    String service;

    @Option(names = "--secret", required = true, description = "The kubernetes.io/tls Secret to keep.")
    String secret;

    @Option(names = "--webhook-config", description = "The MutatingWebhookConfiguration whose caBundle gets the CA; "
            + "without it only the Secret is made.")
    String webhookConfig;

    @Option(names = "--days", defaultValue = "3650", description = "Validity of a new certificate in days "
            + "(default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--renew-days", defaultValue = "30", description = "Reissue when the stored certificate expires "
            + "within this many days (default: ${DEFAULT-VALUE}).")
    int renewDays;

    @Option(names = "--cluster-domain", defaultValue = "cluster.local", description = "The cluster's DNS domain "
            + "(default: ${DEFAULT-VALUE}).")
    String clusterDomain;

    @Option(names = "--kubeconfig", defaultValue = "${env:KUBECONFIG}",
            description = "A kubeconfig file (env KUBECONFIG); without one, the in-cluster service account.")
    Path kubeconfig;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ServingNames names;
        try {
            if (days < 1) {
                throw new IllegalArgumentException("--days must be at least 1: " + days);
            }
            if (renewDays < 0 || renewDays >= days) {
                throw new IllegalArgumentException("--renew-days must lie in 0.." + (days - 1) + ": " + renewDays);
            }
            names = new ServingNames(service, namespace, clusterDomain);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("hami certs webhook: " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        try (KubernetesClient client = KubeClients.create(Optional.ofNullable(kubeconfig), Duration.ofSeconds(30))) {
            var certs = new WebhookCertificates(client, Clock.systemUTC());
            var stored = certs.ensureSecret(names, secret, Duration.ofDays(days), Duration.ofDays(renewDays));
            out.println((stored.issued() ? "issued " : "kept ") + namespace + "/" + secret + ": " + stored.reason());
            if (webhookConfig != null) {
                int changed = certs.announce(webhookConfig, stored.caPem());
                out.println(changed == 0 ? "caBundle of " + webhookConfig + " already holds the CA"
                        : "caBundle of " + webhookConfig + " set on " + changed + " webhook(s)");
            }
            out.flush();
            return 0;
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new UserInputException("hami certs webhook: " + e.getMessage());
        } catch (KubernetesClientException e) {
            throw new UserInputException("hami certs webhook: the API server refused a request (" + e.getCode()
                    + "): " + e.getMessage(), 1);
        }
    }
}
