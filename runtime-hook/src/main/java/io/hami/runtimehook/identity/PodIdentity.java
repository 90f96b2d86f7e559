package io.hami.runtimehook.identity;

import io.hami.model.annotation.KubernetesNames;
import io.hami.model.protocol.ContainerIdentity;
import java.util.Objects;

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
    public PodIdentity {
        Objects.requireNonNull(container, "container");
        if (!KubernetesNames.isDnsLabel(namespace)) {
            throw new IllegalArgumentException("namespace: not a DNS-1123 label");
        }
        if (!KubernetesNames.isDnsSubdomain(podName)) {
            throw new IllegalArgumentException("pod name: not a DNS-1123 subdomain");
        }
    }

    /** {@code namespace/pod/container} for log lines. */
    @Override
    public String toString() {
        return namespace + "/" + podName + "/" + container.containerName();
    }
}
