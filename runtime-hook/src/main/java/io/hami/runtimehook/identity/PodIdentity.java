package io.hami.runtimehook.identity;

import io.hami.model.container.ContainerIdentity;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which container of which pod a {@code config.json} is for, as the CRI runtime wrote it into the annotations.
 * Every part is checked before it names a directory or a log line: the UID is a Kubernetes UID, the namespace
 * and container name DNS-1123 labels, the pod name a DNS-1123 subdomain.
 *
 * @param namespace the pod's namespace
 * @param podName   the pod's name
 * @param container the pod UID and container name, which name the per-container directory
 */
public record PodIdentity(String namespace, String podName, ContainerIdentity container) {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern SUBDOMAIN_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    public PodIdentity {
        Objects.requireNonNull(container, "container");
        if (namespace == null || !LABEL.matcher(namespace).matches()) {
            throw new IllegalArgumentException("namespace: not a DNS-1123 label");
        }
        if (!isSubdomain(podName)) {
            throw new IllegalArgumentException("pod name: not a DNS-1123 subdomain");
        }
    }

    /** Whether {@code name} is a DNS-1123 subdomain: dot-separated labels, at most 253 characters. */
    static boolean isSubdomain(String name) {
        if (name == null || name.isEmpty() || name.length() > 253) {
            return false;
        }
        for (var label : name.split("\\.", -1)) {
            if (!SUBDOMAIN_LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /** {@code namespace/pod/container} for log lines. */
    @Override
    public String toString() {
        return namespace + "/" + podName + "/" + container.containerName();
    }
}
