package io.hami.scheduler.support;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.hami.scheduler.apiserver.ApiException;
import io.hami.scheduler.apiserver.ClusterWrites;
import io.hami.scheduler.kube.KubeObjects;
import io.hami.scheduler.state.ClusterState;
import io.hami.scheduler.state.MapCache;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An in-memory API server for pods with an informer: every change is stored at once and delivered, in order but
 * asynchronously on one thread, to the cluster state and the cache (so filters and binds see events late, as in a
 * real cluster). Its writes are the scheduler's {@link ClusterWrites}: pod patches merge annotations and labels, a
 * Binding sets {@code spec.nodeName}.
 */
public final class FakeApiServer implements ClusterWrites, AutoCloseable {

    private final Map<String, Pod> pods = new ConcurrentHashMap<>();
    private final ClusterState state;
    private final MapCache cache;
    private final ExecutorService informer = Executors.newSingleThreadExecutor();

    public FakeApiServer(ClusterState state, MapCache cache) {
        this.state = state;
        this.cache = cache;
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    public synchronized void create(Pod pod) {
        pods.put(key(KubeObjects.namespace(pod), KubeObjects.name(pod)), pod);
        deliver(pod, false);
    }

    public synchronized void delete(Pod pod) {
        if (pods.remove(key(KubeObjects.namespace(pod), KubeObjects.name(pod))) != null) {
            deliver(pod, true);
        }
    }

    public Pod get(String namespace, String name) {
        return pods.get(key(namespace, name));
    }

    public Collection<Pod> pods() {
        return List.copyOf(pods.values());
    }

    @Override
    public synchronized void patchPod(String namespace, String name, Map<String, String> annotations,
                                      Map<String, String> labels) throws ApiException {
        Pod pod = pods.get(key(namespace, name));
        if (pod == null) {
            throw new ApiException(ApiException.Kind.NOT_FOUND, "pods \"" + name + "\" not found");
        }
        Pod patched = new PodBuilder(pod).editMetadata().addToAnnotations(annotations).addToLabels(labels)
                .endMetadata().build();
        pods.put(key(namespace, name), patched);
        deliver(patched, false);
    }

    @Override
    public synchronized void bind(String namespace, String name, String uid, String node,
                                  Map<String, String> annotations) throws ApiException {
        Pod pod = pods.get(key(namespace, name));
        if (pod == null || !KubeObjects.uid(pod).equals(uid)) {
            throw new ApiException(ApiException.Kind.NOT_FOUND, "pods \"" + name + "\" not found");
        }
        if (pod.getSpec().getNodeName() != null) {
            throw new ApiException(ApiException.Kind.CONFLICT, "pod " + name + " is already bound");
        }
        Pod bound = new PodBuilder(pod).editMetadata().addToAnnotations(annotations).endMetadata()
                .editSpec().withNodeName(node).endSpec().build();
        pods.put(key(namespace, name), bound);
        deliver(bound, false);
    }

    @Override
    public void patchNode(String node, Map<String, String> annotations) {
    }

    /** Waits until every event so far is delivered. */
    public void drain() throws Exception {
        informer.submit(() -> { }).get(10, TimeUnit.SECONDS);
    }

    private void deliver(Pod pod, boolean deleted) {
        informer.execute(() -> {
            if (deleted) {
                cache.remove(pod);
                state.removePod(KubeObjects.uid(pod));
            } else {
                cache.put(pod);
                state.putPod(pod);
            }
        });
    }

    @Override
    public void close() {
        informer.shutdownNow();
    }
}
