package io.hami.scheduler.state;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.hami.scheduler.kube.KubeObjects;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link KubeCache} of maps, for tests. */
public final class MapCache implements KubeCache {

    private final ConcurrentHashMap<String, Pod> pods = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Node> nodes = new ConcurrentHashMap<>();
    private final PodArrivals arrivals = new PodArrivals();

    public MapCache put(Pod pod) {
        pods.put(KubeObjects.namespace(pod) + "/" + KubeObjects.name(pod), pod);
        arrivals.arrived(KubeObjects.namespace(pod), KubeObjects.name(pod), pod);
        return this;
    }

    public MapCache put(Node node) {
        nodes.put(KubeObjects.name(node), node);
        return this;
    }

    public void remove(Pod pod) {
        pods.remove(KubeObjects.namespace(pod) + "/" + KubeObjects.name(pod));
    }

    @Override
    public Optional<Pod> pod(String namespace, String name) {
        return Optional.ofNullable(pods.get(namespace + "/" + name));
    }

    @Override
    public Optional<Pod> awaitPod(String namespace, String name, Duration max) throws InterruptedException {
        return arrivals.await(namespace, name, max, () -> pod(namespace, name));
    }

    /** How many pods a bind waits for now. */
    public int awaited() {
        return arrivals.waiting();
    }

    @Override
    public Optional<Node> node(String name) {
        return Optional.ofNullable(nodes.get(name));
    }
}
