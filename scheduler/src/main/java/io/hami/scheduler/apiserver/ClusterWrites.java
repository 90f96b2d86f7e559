package io.hami.scheduler.apiserver;

import java.util.Map;

/** The writes of the filter, the bind and the registration round. */
public interface ClusterWrites {

    /**
     * Merge-patches a pod's annotations and labels,
     * {@code {"metadata":{"annotations":…,"labels":…}}} (docs/protocol.md, "What the scheduler writes at filter").
     *
     * @throws ApiException {@link ApiException.Kind#NOT_FOUND} when the pod is gone
     */
    void patchPod(String namespace, String name, Map<String, String> annotations, Map<String, String> labels)
            throws ApiException;

    /**
     * Creates the pod's Binding to the node ({@code metadata{name, uid, annotations}}, {@code target{kind: Node,
     * name}}). The API server sets the Binding's annotations on the pod in the same write as its node name, so a
     * non-empty {@code annotations} spares a patch before the Binding (docs/protocol.md, "Binds without the node lock").
     */
    void bind(String namespace, String name, String uid, String node, Map<String, String> annotations)
            throws ApiException;

    /** Merge-patches a node's annotations (handshake stamps). */
    void patchNode(String node, Map<String, String> annotations) throws ApiException;
}
