package io.hami.scheduler.state;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.hami.model.informer.RetryEveryFailure;
import io.hami.scheduler.kube.KubeObjects;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * fabric8 informers on Nodes, Pods (all namespaces) and ResourceQuotas, feeding {@link ClusterState}, and their caches
 * as the {@link KubeCache} the bind reads. Handlers only queue events; all the work happens on the state thread.
 * Deleted pods and nodes are removed by UID and name, tombstones included. Once every informer has listed, their caches
 * are queued once more (puts are idempotent) so that the state is marked synced only after all of it is applied.
 */
public final class InformerFeed implements KubeCache, AutoCloseable {

    private final SharedIndexInformer<Node> nodes;
    private final SharedIndexInformer<Pod> pods;
    private final SharedIndexInformer<ResourceQuota> quotas;
    private final PodArrivals arrivals = new PodArrivals();

    /** Creates the informers (not started); {@code resync} is HAMi's 1 h. */
    public InformerFeed(KubernetesClient client, Duration resync) {
        Objects.requireNonNull(client, "client");
        long millis = resync.toMillis();
        this.nodes = client.nodes().runnableInformer(millis);
        this.pods = client.pods().inAnyNamespace().runnableInformer(millis);
        this.quotas = client.resourceQuotas().inAnyNamespace().runnableInformer(millis);
        RetryEveryFailure.install(nodes, "nodes");
        RetryEveryFailure.install(pods, "pods");
        RetryEveryFailure.install(quotas, "resource quotas");
    }

    /**
     * Who else hears of node and pod changes besides the state (the bind's node-lock waits). Called on the informers'
     * threads, after the change is queued to the state; must not block.
     */
    public interface Listener {
        /** A node was added or updated. */
        void nodeChanged(Node node);

        /** A node was deleted. */
        void nodeDeleted(String name);

        /** A pod was added or updated. */
        void podChanged(Pod pod);

        /** A pod was deleted. */
        void podDeleted(Pod pod);
    }

    /**
     * Connects the informers to the state and the listener, and starts them.
     *
     * @return completes when the state is synced
     */
    public CompletableFuture<Void> start(ClusterState state, Listener listener) {
        nodes.addEventHandler(handler(n -> {
            state.putNode(n);
            listener.nodeChanged(n);
        }, n -> {
            state.removeNode(KubeObjects.name(n));
            listener.nodeDeleted(KubeObjects.name(n));
        }));
        pods.addEventHandler(handler(p -> {
            state.putPod(p);
            arrivals.arrived(KubeObjects.namespace(p), KubeObjects.name(p), p);
            listener.podChanged(p);
        }, p -> {
            state.removePod(KubeObjects.uid(p));
            listener.podDeleted(p);
        }));
        quotas.addEventHandler(handler(state::putQuota,
                q -> state.removeQuota(KubeObjects.namespace(q), KubeObjects.name(q))));
        return CompletableFuture.allOf(nodes.start().toCompletableFuture(), pods.start().toCompletableFuture(),
                quotas.start().toCompletableFuture()).thenRun(() -> {
                    nodes.getStore().list().forEach(state::putNode);
                    quotas.getStore().list().forEach(state::putQuota);
                    pods.getStore().list().forEach(state::putPod);
                    state.markSynced();
                });
    }

    @Override
    public Optional<Pod> pod(String namespace, String name) {
        return Optional.ofNullable(pods.getStore().getByKey(namespace + "/" + name));
    }

    @Override
    public Optional<Pod> awaitPod(String namespace, String name, Duration max) throws InterruptedException {
        return arrivals.await(namespace, name, max, () -> pod(namespace, name));
    }

    @Override
    public Optional<Node> node(String name) {
        return Optional.ofNullable(nodes.getStore().getByKey(name));
    }

    @Override
    public void close() {
        nodes.stop();
        pods.stop();
        quotas.stop();
    }

    private static <T extends HasMetadata> ResourceEventHandler<T> handler(Consumer<T> put, Consumer<T> delete) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                put.accept(obj);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                put.accept(newObj);
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                delete.accept(obj);
            }
        };
    }
}
