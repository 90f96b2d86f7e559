package io.hami.scheduler.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeBuilder;
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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The daemon against fabric8's mock API server in CRUD mode, over HTTPS: webhook → filter → bind, node lock
 * contention, expiry and takeover, quota refusal, stale nodes and the handshake stamp.
 */
@EnableKubernetesMockClient(crud = true)
class EndToEndTest {

    KubernetesClient client;

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);
    final JsonMapper mapper = JsonMapper.builder().build();
    SchedulerDaemon daemon;
    Cluster.Extender extender;
    TestCertificates.Files2 tls;

    @BeforeEach
    void start() throws Exception {
        tls = TestCertificates.write(dir, TestCertificates.KeyForm.PKCS8_EC);
        client.nodes().resource(Cluster.gpuNode("n1")).create();
        daemon = SchedulerDaemon.start(Cluster.config(tls), client, clock);
        daemon.synced().get(30, TimeUnit.SECONDS);
        extender = new Cluster.Extender(HttpClient.newBuilder().sslContext(tls.clientContext()).build(),
                daemon.httpPort(), daemon.webhookPort());
        Cluster.await("n1 is registered", () -> daemon.state().snapshot().node("n1").isPresent());
        Cluster.await("the first registration round stamps n1", () -> client.nodes().withName("n1").get()
                .getMetadata().getAnnotations().containsKey("hami.io/node-handshake"));
    }

    @AfterEach
    void stop() {
        daemon.close();
        extender.http().close();
    }

    String review(Pod pod) throws Exception {
        return extender.post("/webhook", "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\","
                + "\"request\":{\"uid\":\"r1\",\"namespace\":\"default\",\"object\":"
                + client.getKubernetesSerialization().asJson(pod) + "}}");
    }

    /** The pod as the webhook mutated it, created in the API server. */
    Pod admit(Pod pod) throws Exception {
        JsonNode response = mapper.readTree(review(pod)).get("response");
        assertThat(response.get("allowed").booleanValue()).as(response.toString()).isTrue();
        JsonNode patch = mapper.readTree(Base64.getDecoder().decode(response.get("patch").stringValue()));
        JsonNode patched = JsonPatch.apply(patch, client.getKubernetesSerialization().convertValue(pod,
                JsonNode.class));
        Pod mutated = client.getKubernetesSerialization().convertValue(patched, Pod.class);
        return client.pods().inNamespace("default").resource(mutated).create();
    }

    JsonNode filter(Pod pod, String... nodes) throws Exception {
        var names = mapper.createArrayNode();
        for (String n : nodes) {
            names.add(n);
        }
        return mapper.readTree(extender.post("/filter", "{\"Pod\":" + client.getKubernetesSerialization().asJson(pod)
                + ",\"NodeNames\":" + mapper.writeValueAsString(names) + "}"));
    }

    String bind(Pod pod, String node) throws Exception {
        String body = mapper.writeValueAsString(mapper.createObjectNode().put("PodName", KubeObjects.name(pod))
                .put("PodNamespace", "default").put("PodUID", KubeObjects.uid(pod)).put("Node", node));
        return mapper.readTree(extender.post("/bind", body)).get("Error").stringValue();
    }

    Pod gpuPod(String name, String memory) {
        return Kube.pod(name).app(Kube.container("main", "nvidia.com/gpu", "1", "nvidia.com/gpumem", memory,
                "nvidia.com/gpucores", "30")).build();
    }

    /** A pod of this scheduler as if its filter had placed it on n1, created in the API server. */
    Pod created(String name, String memory) {
        Pod p = new PodBuilder(gpuPod(name, memory)).editMetadata().withUid(null)
                .addToAnnotations("hami.io/vgpu-node", "n1").endMetadata().editSpec()
                .withSchedulerName("hami-scheduler").endSpec().build();
        return client.pods().inNamespace("default").resource(p).create();
    }

    void awaitCached(Pod pod) {
        Cluster.await("pod " + KubeObjects.name(pod) + " reaches the informer",
                () -> daemon.cache().pod("default", KubeObjects.name(pod)).isPresent());
    }

    @Test
    void webhookFilterBindCycle() throws Exception {
        Pod pod = admit(new PodBuilder(gpuPod("train", "3000")).editMetadata().withUid(null).endMetadata().build());
        assertThat(pod.getSpec().getSchedulerName()).isEqualTo("hami-scheduler");

        JsonNode result = filter(pod, "n1", "n9");
        assertThat(result.get("NodeNames").get(0).stringValue()).as(result.toString()).isEqualTo("n1");
        assertThat(result.get("Error").stringValue()).isEmpty();
        Pod patched = client.pods().inNamespace("default").withName("train").get();
        var annotations = patched.getMetadata().getAnnotations();
        assertThat(annotations).containsEntry("hami.io/vgpu-node", "n1")
                .containsEntry("hami.io/vgpu-time", "1795860000")
                .containsKey("hami.io/vgpu-devices-allocated");
        assertThat(annotations.get("hami.io/vgpu-devices-allocated")).matches("n1-GPU-[01],NVIDIA,3000,30:;");
        assertThat(annotations.get("hami.io/vgpu-devices-to-allocate"))
                .isEqualTo(annotations.get("hami.io/vgpu-devices-allocated"));
        assertThat(patched.getMetadata().getLabels()).containsEntry("hami.io/vgpu-node", "n1");

        Cluster.await("the informer brings the pod", () -> daemon.state().snapshot().pod(KubeObjects.uid(patched))
                .isPresent());
        assertThat(bind(patched, "n1")).isEmpty();
        var node = client.nodes().withName("n1").get();
        assertThat(node.getMetadata().getAnnotations().get("hami.io/mutex.lock"))
                .isEqualTo("2026-11-28T10:00:00Z,default,train");
        assertThat(client.pods().inNamespace("default").withName("train").get().getMetadata().getAnnotations())
                .containsEntry("hami.io/bind-phase", "allocating").containsEntry("hami.io/bind-time", "1795860000");
        assertThat(client.bindings().inNamespace("default").withName("train").get().getTarget().getName())
                .isEqualTo("n1");

        try (var http = HttpClient.newHttpClient()) {
            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.metricsPort()
                    + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("hami_vgpu_memory_allocated_bytes{container_index=\"0\"")
                    .contains("pod=\"train\"").contains("hami_scheduler_filter_duration_seconds_count{outcome=\"scheduled\"} 1");
        }
    }

    @Test
    void lockHeldByAnotherLivePodIsContention() throws Exception {
        created("holder", "1000");
        lock("n1", "2026-11-28T09:58:00Z,default,holder");
        Pod pod = created("second", "1000");
        awaitCached(pod);
        assertThat(bind(pod, "n1")).contains("node lock contention").contains("has been locked within 5m0s");
    }

    /** Restarts the daemon with {@code --node-lock-wait}. */
    void restartWithLockWait(Duration wait) throws Exception {
        daemon.close();
        extender.http().close();
        daemon = SchedulerDaemon.start(Cluster.config(tls, wait), client, clock);
        daemon.synced().get(30, TimeUnit.SECONDS);
        extender = new Cluster.Extender(HttpClient.newBuilder().sslContext(tls.clientContext()).build(),
                daemon.httpPort(), daemon.webhookPort());
        Cluster.await("n1 is registered", () -> daemon.state().snapshot().node("n1").isPresent());
    }

    /**
     * With {@code --node-lock-wait 20s}: a new pod's bind to n1, whose lock the live pod "holder" holds, started on a
     * thread of its own and returned once the lock queue reports it waiting.
     */
    CompletableFuture<String> bindWaitingBehindTheHolder(String name) throws Exception {
        restartWithLockWait(Duration.ofSeconds(20));
        created("holder", "1000");
        lock("n1", "2026-11-28T09:58:00Z,default,holder");
        Pod pod = created(name, "1000");
        awaitCached(pod);
        CompletableFuture<String> bound = CompletableFuture.supplyAsync(() -> {
            try {
                return bind(pod, "n1");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, task -> Thread.ofVirtual().start(task));
        assertThat(daemon.lockQueue().awaitWaiting("n1", 1, Duration.ofSeconds(20)))
                .as("the bind waits in n1's line").isTrue();
        assertThat(bound).as("waiting for the lock").isNotDone();
        return bound;
    }

    @Test
    void aBindWaitsForTheHeldLockAndTakesItWhenTheNodeUpdateShowsItReleased() throws Exception {
        CompletableFuture<String> bound = bindWaitingBehindTheHolder("second");
        // the device plugin releases the lock after Allocate; the informer's node update wakes the bind
        client.nodes().withName("n1").edit(n -> new NodeBuilder(n).editMetadata()
                .removeFromAnnotations("hami.io/mutex.lock").endMetadata().build());
        assertThat(bound.get(20, TimeUnit.SECONDS)).isEmpty();
        assertThat(lockOf("n1")).isEqualTo("2026-11-28T10:00:00Z,default,second");
        try (var http = HttpClient.newHttpClient()) {
            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.metricsPort()
                    + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("hami_scheduler_node_lock_wait_seconds_count{outcome=\"acquired\"} 1");
        }
    }

    @Test
    void aBindWaitingForTheLockEndsWhenItsPodIsDeleted() throws Exception {
        CompletableFuture<String> bound = bindWaitingBehindTheHolder("doomed");
        client.pods().inNamespace("default").withName("doomed").delete();
        assertThat(bound.get(20, TimeUnit.SECONDS))
                .isEqualTo("pod default/doomed was deleted while waiting for the lock on node n1");
        assertThat(lockOf("n1")).isEqualTo("2026-11-28T09:58:00Z,default,holder");
    }

    @Test
    void expiredLockIsTakenOver() throws Exception {
        created("holder", "1000");
        lock("n1", "2026-11-28T09:54:00Z,default,holder");
        Pod pod = created("late", "1000");
        awaitCached(pod);
        assertThat(bind(pod, "n1")).isEmpty();
        assertThat(lockOf("n1")).isEqualTo("2026-11-28T10:00:00Z,default,late");
    }

    @Test
    void lockOfADeletedOwnerIsTakenOver() throws Exception {
        lock("n1", "2026-11-28T09:59:30Z,default,gone");
        Pod pod = created("next", "1000");
        awaitCached(pod);
        assertThat(bind(pod, "n1")).isEmpty();
        assertThat(lockOf("n1")).isEqualTo("2026-11-28T10:00:00Z,default,next");
    }

    @Test
    void quotaExceededIsRefusedByTheWebhookAndTheFilter() throws Exception {
        client.resourceQuotas().inNamespace("default").resource(Kube.quota("default", "gpu-quota",
                "limits.nvidia.com/gpumem", "2000")).create();
        Cluster.await("the quota reaches the state", () -> daemon.state().snapshot().quotas()
                .entry("default", "nvidia.com/gpumem").limitSet());
        JsonNode response = mapper.readTree(review(gpuPod("big", "3000"))).get("response");
        assertThat(response.get("allowed").booleanValue()).isFalse();
        assertThat(response.at("/status/message").stringValue()).isEqualTo("exceeding resource quota");

        JsonNode result = filter(created("big", "3000"), "n1");
        assertThat(result.get("NodeNames").isNull()).isTrue();
        assertThat(result.at("/FailedNodes/n1").stringValue()).isEqualTo("2/2 ResourceQuotaNotFit");
    }

    @Test
    void staleNodeIsUnregisteredAndNewNodesAreStamped() throws Exception {
        client.nodes().resource(new NodeBuilder(Cluster.gpuNode("stale")).editMetadata()
                .addToAnnotations("hami.io/node-handshake", "Requesting_2026-11-28 09:58:00").endMetadata()
                .editStatus().addToAllocatable("nvidia.com/gpu", new Quantity("0")).endStatus().build()).create();
        client.nodes().resource(new NodeBuilder(Cluster.gpuNode("fresh")).editStatus()
                .addToAllocatable("nvidia.com/gpu", new Quantity("0")).endStatus().build()).create();
        Cluster.await("both nodes reach the state", () -> daemon.state().snapshot().node("stale").isPresent()
                && daemon.state().snapshot().node("fresh").isPresent());
        JsonNode result = filter(gpuPod("p", "1000"), "stale");
        assertThat(result.at("/FailedNodes/stale").stringValue()).isEqualTo("node unregistered");

        assertThat(daemon.registerNow()).isGreaterThanOrEqualTo(1);
        assertThat(client.nodes().withName("fresh").get().getMetadata().getAnnotations())
                .containsEntry("hami.io/node-handshake", "Requesting_2026-11-28 10:00:00");
        assertThat(client.nodes().withName("stale").get().getMetadata().getAnnotations())
                .containsEntry("hami.io/node-handshake", "Requesting_2026-11-28 09:58:00");
        JsonNode fresh = filter(created("q", "1000"), "fresh");
        assertThat(fresh.toString()).contains("\"NodeNames\":[\"fresh\"]");
    }

    void lock(String node, String value) {
        client.nodes().withName(node).edit(n -> new NodeBuilder(n).editMetadata()
                .addToAnnotations("hami.io/mutex.lock", value).endMetadata().build());
    }

    String lockOf(String node) {
        return client.nodes().withName(node).get().getMetadata().getAnnotations().get("hami.io/mutex.lock");
    }
}
