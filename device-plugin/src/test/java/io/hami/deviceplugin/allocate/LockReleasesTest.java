package io.hami.deviceplugin.allocate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.hami.deviceplugin.PluginFixture;
import io.hami.model.annotation.NodeLock;
import io.hami.model.annotation.NodeLockCodec;
import io.hami.model.annotation.PodRef;
import io.hami.model.vendor.AnnotationKeys;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The lockless plugin's node-lock releases for pods that got their allocation record, batched per read of the node. */
@EnableKubernetesMockClient(crud = true)
class LockReleasesTest {
    KubernetesClient client;
    KubernetesMockServer server;

    private static final String NODE = "gpu-node-1";

    private NodeLockPendingPods pending() {
        return new NodeLockPendingPods(client, NODE, PluginFixture.NVIDIA.annotations(),
                Optional.of(AnnotationKeys.HAMI_NODE_LOCK));
    }

    private void node(String lockOwner) {
        var meta = new NodeBuilder().withNewMetadata().withName(NODE);
        if (lockOwner != null) {
            meta.withAnnotations(Map.of(AnnotationKeys.HAMI_NODE_LOCK, NodeLockCodec.INSTANCE.encode(
                    NodeLock.heldBy(OffsetDateTime.now(ZoneOffset.UTC), new PodRef("ns", lockOwner)))));
        }
        client.nodes().resource(meta.endMetadata().build()).create();
    }

    private String lock() {
        var a = client.nodes().withName(NODE).get().getMetadata().getAnnotations();
        return a == null ? null : a.get(AnnotationKeys.HAMI_NODE_LOCK);
    }

    private static List<PodRef> pods(String... names) {
        return java.util.Arrays.stream(names).map(n -> new PodRef("ns", n)).toList();
    }

    @Test
    void podsWhoseRecordsCameTogetherAreCheckedWithOneReadOfTheNodeAndTheLockNamingOneOfThemIsRemoved() {
        node("b"); // HAMi's scheduler bound b with its lock; a and c were bound without one
        int before = server.getRequestCount();

        pending().finishAny(pods("a", "b", "c"));

        assertThat(server.getRequestCount() - before).as("one read of the node and the lock's removal").isEqualTo(2);
        assertThat(lock()).isNull();
    }

    @Test
    void aLockNamingNoneOfThePodsStays() {
        node("other");
        pending().finishAny(pods("a", "b"));
        assertThat(lock()).isNotNull();
    }

    @Test
    void podsQueuedWhileABatchWaitsToRunGoIntoThatBatch() {
        var tasks = new ArrayList<Runnable>();
        var batches = new ArrayList<List<PodRef>>();
        var releases = new LockReleases(new PendingPods() {
            @Override
            public io.hami.model.kube.LeanPod find(Deadline deadline) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void finish(PodRef pod) {
                batches.add(List.of(pod));
            }

            @Override
            public void finishAny(Collection<PodRef> pods) {
                batches.add(List.copyOf(pods));
            }
        }, tasks::add);

        pods("a", "b", "c").forEach(releases);
        assertThat(tasks).hasSize(1);
        tasks.removeFirst().run();
        releases.accept(new PodRef("ns", "d"));
        tasks.removeFirst().run();

        assertThat(batches).containsExactly(pods("a", "b", "c"), pods("d"));
        assertThat(tasks).isEmpty();
    }
}
