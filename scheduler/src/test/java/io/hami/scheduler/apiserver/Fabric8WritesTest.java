package io.hami.scheduler.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.hami.scheduler.Kube;
import io.hami.scheduler.lock.Fabric8NodeLockApi;
import io.hami.scheduler.lock.NodeLockApi;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fabric8 writes and lock calls on the CRUD mock server (HAMi's util_test patch cases;
 * docs/protocol.md, "What the scheduler writes at filter").
 */
@EnableKubernetesMockClient(crud = true)
class Fabric8WritesTest {

    KubernetesClient client;

    @Test
    void podPatchesMergeAnnotationsAndLabelsAndFailForMissingPods() throws Exception {
        client.pods().inNamespace("default").resource(Kube.pod("p").annotate("keep", "1")
                .app(Kube.container("c")).build()).create();
        var writes = new Fabric8ClusterWrites(client);
        writes.patchPod("default", "p", Map.of("a", "x"), Map.of("l", "1"));
        writes.patchPod("default", "p", Map.of(), Map.of("l", "2", "m", "3"));
        var meta = client.pods().inNamespace("default").withName("p").get().getMetadata();
        assertThat(meta.getAnnotations()).containsEntry("keep", "1").containsEntry("a", "x");
        assertThat(meta.getLabels()).containsEntry("l", "2").containsEntry("m", "3");
        assertThatThrownBy(() -> writes.patchPod("default", "gone", Map.of("a", "x"), Map.of()))
                .isInstanceOf(ApiException.class).matches(e -> ((ApiException) e).kind() == ApiException.Kind.NOT_FOUND);
        assertThatThrownBy(() -> writes.patchPod("nowhere", "p", Map.of("a", "x"), Map.of()))
                .isInstanceOf(ApiException.class);
    }

    @Test
    void bindingTargetsTheNode() throws Exception {
        new Fabric8ClusterWrites(client).bind("default", "p", "uid-p", "n1", Map.of());
        var binding = client.bindings().inNamespace("default").withName("p").get();
        assertThat(binding.getTarget().getName()).isEqualTo("n1");
        assertThat(binding.getMetadata().getAnnotations()).isNullOrEmpty();
    }

    @Test
    void aBindingCarriesTheAnnotationsTheApiServerSetsOnThePod() throws Exception {
        new Fabric8ClusterWrites(client).bind("default", "q", "uid-q", "n1", Map.of("hami.io/bind-phase", "allocating"));
        var binding = client.bindings().inNamespace("default").withName("q").get();
        assertThat(binding.getMetadata().getAnnotations()).containsExactlyEntriesOf(Map.of("hami.io/bind-phase", "allocating"));
    }

    @Test
    void lockWritesAreGuardedByTheResourceVersion() throws Exception {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("n1").endMetadata().build()).create();
        var api = new Fabric8NodeLockApi(client);
        NodeLockApi.LockState before = api.read("n1", "hami.io/mutex.lock");
        assertThat(before.value()).isNull();
        api.write("n1", "hami.io/mutex.lock", "2026-11-28T10:00:00Z,ns,p", before.resourceVersion());
        assertThat(api.read("n1", "hami.io/mutex.lock").value()).isEqualTo("2026-11-28T10:00:00Z,ns,p");
        assertThatThrownBy(() -> api.write("n1", "hami.io/mutex.lock", null, before.resourceVersion()))
                .isInstanceOf(ApiException.class).matches(e -> ((ApiException) e).kind() == ApiException.Kind.CONFLICT);
        api.write("n1", "hami.io/mutex.lock", null, api.read("n1", "hami.io/mutex.lock").resourceVersion());
        assertThat(api.read("n1", "hami.io/mutex.lock").value()).isNull();
        assertThatThrownBy(() -> api.read("gone", "hami.io/mutex.lock")).isInstanceOf(ApiException.class)
                .matches(e -> ((ApiException) e).kind() == ApiException.Kind.NOT_FOUND);
        assertThat(api.owner("ns", "p")).isEqualTo(NodeLockApi.OwnerState.ABSENT);
    }
}
