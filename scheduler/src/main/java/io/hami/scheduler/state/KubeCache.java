package io.hami.scheduler.state;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.Optional;

/** The informers' caches, as the bind and the reservation ledger read them. Thread-safe. */
public interface KubeCache {

    /** A pod by namespace and name. */
    Optional<Pod> pod(String namespace, String name);

    /**
     * A pod by namespace and name, waiting up to {@code max} for a pod the cache has not seen yet (a bind that came
     * ahead of the informer); a cache that cannot wait answers at once.
     */
    default Optional<Pod> awaitPod(String namespace, String name, Duration max) throws InterruptedException {
        return pod(namespace, name);
    }

    /** A node by name. */
    Optional<Node> node(String name);
}
