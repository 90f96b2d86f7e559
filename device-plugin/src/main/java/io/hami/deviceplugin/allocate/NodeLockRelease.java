package io.hami.deviceplugin.allocate;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.hami.model.annotation.NodeLockCodec;
import io.hami.model.annotation.PodRef;
import io.hami.model.kube.LeanNode;
import io.hami.model.protocol.NodeLockKind;
import io.hami.model.wire.WireFormatException;
import java.net.HttpURLConnection;
import java.util.Collection;
import java.util.HashMap;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the node lock when, and only when, it names a given pod (a vendor lock that names nobody, Cambricon's, is
 * removed by whichever pod finishes, as that vendor's plugin does). The removal is a JSON merge patch that
 * sets the annotation to {@code null} and carries the node's {@code resourceVersion}, as HAMi's release
 * does, so a lock another pod took in between is never removed: on a conflict (409) the node is read again
 * and the owner checked again, up to five attempts, 100 ms apart and doubling.
 */
final class NodeLockRelease {
    private static final Logger LOG = LoggerFactory.getLogger(NodeLockRelease.class);
    private static final int ATTEMPTS = 5;
    private static final long FIRST_BACKOFF_MS = 100;

    private final KubernetesClient client;
    private final String nodeName;
    private final String key;

    /**
     * @param key the node annotation of the lock: HAMi's {@code hami.io/mutex.lock}, which names its owner, or a
     *            vendor's lock that holds only a time (Cambricon's), which the pod that finishes removes whatever it holds
     */
    NodeLockRelease(KubernetesClient client, String nodeName, String key) {
        this.client = client;
        this.nodeName = nodeName;
        this.key = key;
    }

    /** What a release did. */
    enum Outcome { RELEASED, NOT_HELD, HELD_BY_OTHER, FAILED }

    Outcome release(PodRef pod) {
        return release(Set.of(pod));
    }

    /**
     * Removes the lock when it names one of {@code pods} (a lock names at most one pod, so one read of the node
     * serves them all); an owner-less vendor lock is removed as for one pod.
     */
    Outcome release(Collection<PodRef> pods) {
        long backoff = FIRST_BACKOFF_MS;
        for (int attempt = 1; ; attempt++) {
            try {
                var outcome = tryRelease(pods);
                LOG.debug("node lock of {} for pods {}: {}", nodeName, pods, outcome);
                return outcome;
            } catch (KubernetesClientException e) {
                if (attempt == ATTEMPTS) {
                    LOG.error("could not release the node lock of {} for pods {}: {}", nodeName, pods, e.getMessage());
                    return Outcome.FAILED;
                }
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    LOG.warn("releasing the node lock of {} failed (attempt {}): {}", nodeName, attempt, e.getMessage());
                }
            }
            if (!pause(backoff)) {
                return Outcome.FAILED;
            }
            backoff *= 2;
        }
    }

    private Outcome tryRelease(Collection<PodRef> pods) {
        var node = client.resources(LeanNode.class).withName(nodeName).get();
        if (node == null) {
            return Outcome.NOT_HELD;
        }
        var value = NodeLockPendingPods.annotation(node.getMetadata().getAnnotations(), key);
        if (value == null) {
            return Outcome.NOT_HELD;
        }
        if (NodeLockKind.ofKey(key).map(NodeLockKind::namesOwner).orElse(true)) {
            try {
                var lock = NodeLockCodec.INSTANCE.decode(value);
                if (pods.stream().noneMatch(pod -> lock.ownedBy(pod.namespace(), pod.name()))) {
                    return Outcome.HELD_BY_OTHER;
                }
            } catch (WireFormatException e) {
                return Outcome.HELD_BY_OTHER;
            }
        }
        var annotations = new HashMap<String, String>();
        annotations.put(key, null);
        var patch = new LeanNode(new ObjectMetaBuilder()
                .withResourceVersion(node.getMetadata().getResourceVersion())
                .withAnnotations(annotations)
                .build());
        client.resources(LeanNode.class).resource(node)
                .patch(PatchContext.of(PatchType.JSON_MERGE), client.getKubernetesSerialization().asJson(patch));
        return Outcome.RELEASED;
    }

    private static boolean pause(long ms) {
        try {
            Thread.sleep(ms);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
