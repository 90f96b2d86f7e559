package io.hami.scheduler.lock;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.hami.scheduler.apiserver.ApiException;
import io.hami.scheduler.kube.KubeObjects;
import io.hami.scheduler.usage.PodUsageReader;
import java.util.HashMap;
import java.util.Objects;

import static io.hami.scheduler.apiserver.Fabric8Calls.call;

/**
 * {@link NodeLockApi} through fabric8: GETs from the API server, and JSON merge patches built from a typed
 * {@link Node} that carries only the annotation (or {@code null} to remove it) and the resourceVersion read before.
 */
public final class Fabric8NodeLockApi implements NodeLockApi {

    private final KubernetesClient client;

    public Fabric8NodeLockApi(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public LockState read(String node, String key) throws ApiException {
        Node n = call(() -> client.nodes().withName(node).get(), "reading node " + node);
        if (n == null) {
            throw new ApiException(ApiException.Kind.NOT_FOUND, "node " + node + " not found");
        }
        // A merge patch that removes a key leaves no key; a null value is read as absent too.
        return new LockState(KubeObjects.annotation(n, key), n.getMetadata().getResourceVersion());
    }

    @Override
    public void write(String node, String key, String value, String resourceVersion) throws ApiException {
        var annotations = new HashMap<String, String>();
        annotations.put(key, value);
        Node patch = new NodeBuilder().withNewMetadata().withAnnotations(annotations)
                .withResourceVersion(resourceVersion).endMetadata().build();
        call(() -> client.nodes().withName(node).patch(PatchContext.of(PatchType.JSON_MERGE), patch),
                (value == null ? "removing" : "setting") + " the lock on node " + node);
    }

    @Override
    public OwnerState owner(String namespace, String name) throws ApiException {
        Pod pod = call(() -> client.pods().inNamespace(namespace).withName(name).get(),
                "reading pod " + namespace + "/" + name);
        if (pod == null) {
            return OwnerState.ABSENT;
        }
        return PodUsageReader.isTerminal(pod) ? OwnerState.TERMINAL : OwnerState.ACTIVE;
    }
}
