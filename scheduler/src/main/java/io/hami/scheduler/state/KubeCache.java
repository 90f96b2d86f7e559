package io.hami.scheduler.state;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Optional;

/** The informers' caches, as the bind and the reservation ledger read them. Thread-safe. */
public interface KubeCache {

    /** A pod by namespace and name. */
    Optional<Pod> pod(String namespace, String name);

    /** A node by name. */
    Optional<Node> node(String name);
}
