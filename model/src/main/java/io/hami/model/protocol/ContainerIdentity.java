package io.hami.model.protocol;

import io.hami.model.annotation.KubernetesNames;
import io.hami.model.wire.AsciiText;
import java.util.Objects;

/**
 * Which container of which pod: the API UID of the pod and the container's name. Both come from the API
 * or from CRI annotations in a container's {@code config.json}, so both are checked before they name a
 * directory: the UID is a lower-case RFC 4122 string, the name an RFC 1123 label (no {@code _}, no
 * {@code /}, no {@code ..}), which makes {@link #directoryName()} safe to join to a host path.
 *
 * @param podUid        e.g. {@code 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0}
 * @param containerName e.g. {@code cuda}
 */
public record ContainerIdentity(String podUid, String containerName) {

    public ContainerIdentity {
        Objects.requireNonNull(podUid, "podUid");
        Objects.requireNonNull(containerName, "containerName");
        if (!AsciiText.isLowerUuid(podUid)) {
            throw new IllegalArgumentException("podUid: not a Kubernetes UID: " + podUid);
        }
        if (!KubernetesNames.isDnsLabel(containerName)) {
            throw new IllegalArgumentException("containerName: not an RFC 1123 label: " + containerName);
        }
    }

    /** HAMi's per-container directory name, {@code <podUID>_<containerName>}; the first {@code _} splits it back. */
    public String directoryName() {
        return ContainerDirectories.name(this);
    }
}
