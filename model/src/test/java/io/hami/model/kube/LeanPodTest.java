package io.hami.model.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The node daemons' pod and node, read and written through fabric8's mapping as its clients do. */
class LeanPodTest {
    /** fabric8's default mapping, as a client's: it knows {@code v1 Pod} as fabric8's own model class. */
    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private static final String POD = """
            {"apiVersion": "v1", "kind": "Pod",
             "metadata": {"name": "p", "namespace": "ml", "uid": "u1", "resourceVersion": "7",
              "annotations": {"hami.io/bind-phase": "allocating"}, "labels": {"app": "train"},
              "deletionTimestamp": "2026-12-07T10:00:00Z", "managedFields": [{"manager": "kubectl"}]},
             "spec": {"nodeName": "gpu-1", "volumes": [{"name": "v", "emptyDir": {}}],
              "initContainers": [{"name": "warm", "image": "busybox", "resources": {"limits": {"nvidia.com/gpu": 1}}}],
              "containers": [{"name": "cuda", "image": "cuda", "ports": [{"containerPort": 80}],
               "env": [{"name": "CUDA_DISABLE_CONTROL", "value": "true"},
                       {"name": "POD", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}}],
               "resources": {"limits": {"nvidia.com/gpu": "2"}, "requests": {"cpu": "500m"}}}]},
             "status": {"phase": "Pending", "conditions": [{"type": "PodScheduled", "status": "True"}]}}""";

    @Test
    void aPodReadsAsItselfWithTheFieldsTheDaemonsUseAndSkipsTheRest() {
        LeanPod pod = JSON.unmarshal(POD, LeanPod.class);
        assertThat(pod.getMetadata().getName()).isEqualTo("p");
        assertThat(pod.getMetadata().getNamespace()).isEqualTo("ml");
        assertThat(pod.getMetadata().getUid()).isEqualTo("u1");
        assertThat(pod.getMetadata().getDeletionTimestamp()).isEqualTo("2026-12-07T10:00:00Z");
        assertThat(pod.getMetadata().getAnnotations()).containsEntry("hami.io/bind-phase", "allocating");
        assertThat(pod.getSpec().getNodeName()).isEqualTo("gpu-1");
        assertThat(pod.getSpec().getInitContainers()).singleElement()
                .satisfies(c -> assertThat(c.getResources().getLimits()).containsEntry("nvidia.com/gpu", "1"));
        var cuda = pod.getSpec().getContainers().getFirst();
        assertThat(cuda.getName()).isEqualTo("cuda");
        assertThat(cuda.getResources().getLimits()).containsEntry("nvidia.com/gpu", "2");
        assertThat(cuda.getResources().getRequests()).containsEntry("cpu", "500m");
        assertThat(cuda.getEnv()).extracting(LeanPod.EnvVar::getName, LeanPod.EnvVar::getValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("CUDA_DISABLE_CONTROL", "true"),
                        org.assertj.core.groups.Tuple.tuple("POD", null));
        assertThat(pod.getStatus().getPhase()).isEqualTo("Pending");
    }

    @Test
    void aPodWithoutSpecListsReadsEmptyLists() {
        LeanPod pod = JSON.unmarshal("""
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": "c"}]}}""",
                LeanPod.class);
        assertThat(pod.getSpec().getInitContainers()).isEmpty();
        assertThat(pod.getSpec().getContainers().getFirst().getEnv()).isEmpty();
        assertThat(pod.getSpec().getContainers().getFirst().getResources()).isNull();
        assertThat(pod.getStatus()).isNull();
    }

    @Test
    void aPodOfFabric8sModelConvertsToALeanPodWhereTheMappingKnowsPodAsTheModelClass() {
        var model = new PodBuilder().withNewMetadata().withName("p").withNamespace("ml").endMetadata()
                .withNewSpec().withNodeName("gpu-1").withContainers(new ContainerBuilder().withName("cuda")
                        .withNewResources().addToLimits("nvidia.com/gpu", new Quantity("1")).endResources().build())
                .endSpec().build();
        Object lean = JSON.convertValue(model, LeanPod.class);
        assertThat(lean).isInstanceOfSatisfying(LeanPod.class, p -> {
            assertThat(p.getSpec().getNodeName()).isEqualTo("gpu-1");
            assertThat(p.getSpec().getContainers().getFirst().getResources().getLimits()).containsEntry("nvidia.com/gpu", "1");
        });
    }

    @Test
    void aNodeOfMetadataAloneWritesOnlyItsKindAndMetadata() {
        var annotations = new HashMap<String, String>();
        annotations.put("hami.io/mutex.lock", null);
        var patch = new LeanNode(new ObjectMetaBuilder().withResourceVersion("9").withAnnotations(annotations).build());
        assertThat(JSON.unmarshal(JSON.asJson(patch), Map.class)).isEqualTo(Map.of("apiVersion", "v1", "kind", "Node",
                "metadata", new HashMap<>(Map.of("resourceVersion", "9", "annotations", annotations))));
    }
}
