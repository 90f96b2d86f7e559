package io.hami.scheduler.certs;

import io.hami.model.annotation.KubernetesNames;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The names a client may use to reach the scheduler's HTTPS endpoint: the API server calls the webhook through the
 * Service ({@code svc}, {@code svc.ns}, {@code svc.ns.svc}, {@code svc.ns.svc.<cluster domain>}), and kube-scheduler,
 * beside it in the pod, calls the extender at {@code 127.0.0.1}.
 *
 * @param service       the Service's name
 * @param namespace     its namespace
 * @param clusterDomain the cluster's DNS domain, usually {@code cluster.local}
 */
public record ServingNames(String service, String namespace, String clusterDomain) {

    /** The loopback address kube-scheduler's extender URL names. */
    public static final String LOOPBACK = "127.0.0.1";

    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    public ServingNames {
        label(service, "service");
        label(namespace, "namespace");
        Objects.requireNonNull(clusterDomain, "clusterDomain");
        if (!DOMAIN.matcher(clusterDomain).matches()) {
            throw new IllegalArgumentException("cluster domain must be a DNS name: \"" + clusterDomain + "\"");
        }
    }

    /** The DNS names, shortest first; the first is the certificate's common name. */
    public List<String> dnsNames() {
        return List.of(service, service + "." + namespace, service + "." + namespace + ".svc",
                service + "." + namespace + ".svc." + clusterDomain);
    }

    private static void label(String value, String what) {
        if (value == null || !KubernetesNames.isDnsLabel(value)) {
            throw new IllegalArgumentException(what + " must be a DNS label (lower-case letters, digits, '-', at most "
                    + "63): \"" + value + "\"");
        }
    }
}
