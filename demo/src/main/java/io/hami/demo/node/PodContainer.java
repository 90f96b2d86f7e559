package io.hami.demo.node;

import io.hami.model.protocol.ContainerDirectories;
import java.util.Objects;

/**
 * One container of one pod, as the node's kubelet tracks it.
 *
 * @param namespace the pod's namespace
 * @param pod       the pod's name
 * @param uid       the pod's UID
 * @param container the container's name
 */
public record PodContainer(String namespace, String pod, String uid, String container) {

    public PodContainer {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(pod, "pod");
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(container, "container");
    }

    /** {@code <podUID>_<container>}, HAMi-core's name for the container's directory. */
    public String directoryName() {
        return ContainerDirectories.name(uid, container);
    }

    @Override
    public String toString() {
        return namespace + "/" + pod + "/" + container;
    }
}
