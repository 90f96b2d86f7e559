package io.hami.scheduler.apiserver;

import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Map;
import java.util.Objects;

import static io.hami.scheduler.apiserver.Fabric8Calls.call;

/** {@link ClusterWrites} through fabric8; patches are JSON merge patches of typed objects holding only the change. */
public final class Fabric8ClusterWrites implements ClusterWrites {

    private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);

    private final KubernetesClient client;

    public Fabric8ClusterWrites(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public void patchPod(String namespace, String name, Map<String, String> annotations, Map<String, String> labels)
            throws ApiException {
        var meta = new PodBuilder().withNewMetadata();
        if (!annotations.isEmpty()) {
            meta.withAnnotations(annotations);
        }
        if (!labels.isEmpty()) {
            meta.withLabels(labels);
        }
        Pod patch = meta.endMetadata().build();
        call(() -> client.pods().inNamespace(namespace).withName(name).patch(MERGE, patch),
                "patching pod " + namespace + "/" + name);
    }

    @Override
    public void bind(String namespace, String name, String uid, String node, Map<String, String> annotations)
            throws ApiException {
        var meta = new BindingBuilder().withNewMetadata().withName(name).withNamespace(namespace).withUid(uid);
        if (!annotations.isEmpty()) {
            meta.withAnnotations(annotations);
        }
        Binding binding = meta.endMetadata().withNewTarget().withApiVersion("v1").withKind("Node").withName(node).endTarget()
                .build();
        call(() -> client.bindings().inNamespace(namespace).resource(binding).create(),
                "binding pod " + namespace + "/" + name + " to node " + node);
    }

    @Override
    public void patchNode(String node, Map<String, String> annotations) throws ApiException {
        Node patch = new NodeBuilder().withNewMetadata().withAnnotations(annotations).endMetadata().build();
        call(() -> client.nodes().withName(node).patch(MERGE, patch), "patching node " + node);
    }
}
