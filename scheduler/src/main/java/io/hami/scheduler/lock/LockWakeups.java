package io.hami.scheduler.lock;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.hami.model.annotation.PodRef;
import io.hami.model.protocol.NodeLockKind;
import io.hami.scheduler.kube.KubeObjects;
import io.hami.scheduler.state.InformerFeed;
import io.hami.scheduler.usage.PodUsageReader;
import java.util.Objects;

/**
 * Tells the {@link NodeLockQueue} what the informers see: a node without a lock annotation (the device plugin
 * released it), a pod bound to a node that was deleted or finished (a lock it holds may be taken over), a waiting pod
 * deleted, a node deleted.
 */
public final class LockWakeups implements InformerFeed.Listener {

    private final NodeLockQueue queue;

    public LockWakeups(NodeLockQueue queue) {
        this.queue = Objects.requireNonNull(queue, "queue");
    }

    @Override
    public void nodeChanged(Node node) {
        for (NodeLockKind kind : NodeLockKind.values()) {
            if (KubeObjects.annotation(node, kind.key()) == null) {
                queue.mayBeFree(KubeObjects.name(node), kind);
            }
        }
    }

    @Override
    public void nodeDeleted(String name) {
        queue.nodeGone(name);
    }

    @Override
    public void podChanged(Pod pod) {
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        if (node != null && !node.isEmpty() && PodUsageReader.isTerminal(pod)) {
            queue.mayBeFree(node);
        }
    }

    @Override
    public void podDeleted(Pod pod) {
        queue.podGone(new PodRef(KubeObjects.namespace(pod), KubeObjects.name(pod)));
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        if (node != null && !node.isEmpty()) {
            queue.mayBeFree(node);
        }
    }
}
