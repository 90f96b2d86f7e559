package io.hami.scheduler.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.zjsonpatch.JsonPatch;
import io.hami.scheduler.Kube;
import io.hami.scheduler.daemon.SchedulerDaemon;
import io.hami.scheduler.kube.KubeObjects;
import io.hami.scheduler.support.MutableClock;
import io.hami.scheduler.support.TestCertificates;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pods of Cambricon and Moore Threads through the daemon against fabric8's mock API server: webhook, filter and bind
 * leave on the pod and the node exactly what HAMi v2.10 leaves for those vendors' device plugins.
 */
@EnableKubernetesMockClient(crud = true)
class VendorEndToEndTest {

    KubernetesClient client;

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);
    final JsonMapper mapper = JsonMapper.builder().build();
    SchedulerDaemon daemon;
    Cluster.Extender extender;

    @BeforeEach
    void start() throws Exception {
        var tls = TestCertificates.write(dir, TestCertificates.KeyForm.PKCS8_EC);
        client.nodes().resource(Kube.node("mlu", Map.of(), "cambricon.com/vmlu", "200",
                "cambricon.com/mlu.smlu.vcore", "200", "cambricon.com/mlu.smlu.vmemory", "128")).create();
        client.nodes().resource(Kube.node("mt", Map.of(), "mthreads.com/vgpu", "200",
                "mthreads.com/sgpu-core", "32", "mthreads.com/sgpu-memory", "192")).create();
        daemon = SchedulerDaemon.start(Cluster.config(tls), client, clock);
        daemon.synced().get(30, TimeUnit.SECONDS);
        extender = new Cluster.Extender(HttpClient.newBuilder().sslContext(tls.clientContext()).build(),
                daemon.httpPort(), daemon.webhookPort());
        Cluster.await("both nodes are registered", () -> daemon.state().snapshot().node("mlu").isPresent()
                && daemon.state().snapshot().node("mt").isPresent());
    }

    @AfterEach
    void stop() {
        daemon.close();
        extender.http().close();
    }

    /** The pod as the webhook mutated it, created in the API server. */
    Pod admit(Pod pod) throws Exception {
        JsonNode response = mapper.readTree(extender.post("/webhook", "{\"apiVersion\":\"admission.k8s.io/v1\","
                + "\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"r1\",\"namespace\":\"default\",\"object\":"
                + client.getKubernetesSerialization().asJson(pod) + "}}")).get("response");
        assertThat(response.get("allowed").booleanValue()).as(response.toString()).isTrue();
        JsonNode patch = mapper.readTree(Base64.getDecoder().decode(response.get("patch").stringValue()));
        Pod mutated = client.getKubernetesSerialization().convertValue(JsonPatch.apply(patch,
                client.getKubernetesSerialization().convertValue(pod, JsonNode.class)), Pod.class);
        return client.pods().inNamespace("default").resource(mutated).create();
    }

    /** Filters the pod over one node and returns its annotations as the API server holds them. */
    Map<String, String> filter(Pod pod, String node) throws Exception {
        JsonNode result = mapper.readTree(extender.post("/filter", "{\"Pod\":"
                + client.getKubernetesSerialization().asJson(pod) + ",\"NodeNames\":[\"" + node + "\"]}"));
        assertThat(result.get("NodeNames").get(0).stringValue()).as(result.toString()).isEqualTo(node);
        Pod patched = client.pods().inNamespace("default").withName(KubeObjects.name(pod)).get();
        Cluster.await("the informer brings the patched pod", () -> daemon.cache().pod("default",
                KubeObjects.name(pod)).map(p -> KubeObjects.annotation(p, "hami.io/vgpu-node") != null).orElse(false));
        return patched.getMetadata().getAnnotations();
    }

    String bind(Pod pod, String node) throws Exception {
        String body = mapper.writeValueAsString(mapper.createObjectNode().put("PodName", KubeObjects.name(pod))
                .put("PodNamespace", "default").put("PodUID", KubeObjects.uid(pod)).put("Node", node));
        return mapper.readTree(extender.post("/bind", body)).get("Error").stringValue();
    }

    static Pod fresh(Pod pod) {
        return new PodBuilder(pod).editMetadata().withUid(null).endMetadata().build();
    }

    @Test
    void aCambriconPodGetsItsProfileAndCambriconsNodeLock() throws Exception {
        Pod pod = admit(fresh(Kube.pod("mlu-job").app(Kube.container("main", "cambricon.com/vmlu", "1",
                "cambricon.com/mlu.smlu.vmemory", "16", "cambricon.com/mlu.smlu.vcore", "30")).build()));
        assertThat(filter(pod, "mlu")).containsEntry("CAMBRICON_DSMLU_PROFILE", "1_30_16")
                .containsEntry("CAMBRICON_DSMLU_ASSIGNED", "false")
                .containsEntry("hami.io/cambricon-mlu-devices-to-allocate", "mlu-cambricon-mlu-1,MLU,4096,30:;")
                .containsEntry("hami.io/cambricon-mlu-devices-allocated", "mlu-cambricon-mlu-1,MLU,4096,30:;");

        assertThat(bind(pod, "mlu")).isEmpty();
        var node = client.nodes().withName("mlu").get().getMetadata().getAnnotations();
        assertThat(node).containsEntry("cambricon.com/dsmlu.lock", "2026-11-28T10:00:00Z")
                .doesNotContainKey("hami.io/mutex.lock");
    }

    @Test
    void aMooreThreadsPodIsMadeWholeCardsAndGetsItsGpuIndexesWithoutANodeLock() throws Exception {
        Pod pod = admit(fresh(Kube.pod("mt-job").app(Kube.container("main", "mthreads.com/vgpu", "2")).build()));
        assertThat(pod.getSpec().getContainers().getFirst().getResources().getLimits())
                .containsEntry("mthreads.com/sgpu-core", new Quantity("32"))
                .containsEntry("mthreads.com/sgpu-memory", new Quantity("192"));
        assertThat(pod.getMetadata().getAnnotations()).containsEntry("mthreads.com/request-gpu-num", "2");

        var annotations = filter(pod, "mt");
        assertThat(annotations).containsEntry("hami.io/mthreads-vgpu-devices-allocated",
                        "mt-mthreads-1,Mthreads,49152,16:mt-mthreads-0,Mthreads,49152,16:;")
                .containsEntry("mthreads.com/gpu-index", "1,0")
                .containsEntry("mthreads.com/predicate-node", "mt")
                .containsEntry("mthreads.com/predicate-time", "1795860000000000000")
                .doesNotContainKey("hami.io/mthreads-vgpu-devices-to-allocate");

        assertThat(bind(pod, "mt")).isEmpty();
        assertThat(client.nodes().withName("mt").get().getMetadata().getAnnotations())
                .doesNotContainKeys("hami.io/mutex.lock", "cambricon.com/dsmlu.lock");
    }
}
