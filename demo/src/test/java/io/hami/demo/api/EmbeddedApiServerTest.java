package io.hami.demo.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.hami.testfixtures.wait.Eventually;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded API server does what the scheduling flow needs of an API server: Bindings set the pod's node (with
 * the API server's conflicts), stale resourceVersions are refused, the status subresource is its own.
 */
class EmbeddedApiServerTest {

    @TempDir
    Path dir;

    EmbeddedApiServer api;

    @BeforeEach
    void start() {
        api = EmbeddedApiServer.start(dir, 0);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    Pod pod(String name) {
        return api.client().pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withName(name)
                .endMetadata().withNewSpec().addNewContainer().withName("c").withImage("busybox").endContainer()
                .endSpec().build()).create();
    }

    void bind(String pod, String uid, String node) {
        api.client().bindings().inNamespace("default").resource(new BindingBuilder().withNewMetadata().withName(pod)
                .withUid(uid).endMetadata().withNewTarget().withKind("Node").withName(node).endTarget().build())
                .create();
    }

    @Test
    void bindingSetsTheNodeNameAndWatchersSeeIt() {
        Pod p = pod("train");
        var events = new CopyOnWriteArrayList<String>();
        try (var watch = api.client().pods().inNamespace("default").watch(new Watcher<Pod>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                events.add(action + " " + pod.getSpec().getNodeName());
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            bind("train", p.getMetadata().getUid(), "n1");
            Eventually.until(Duration.ofSeconds(10), "the pod's MODIFIED event", () -> events.contains("MODIFIED n1"));
            assertThat(events).contains("MODIFIED n1");
        }
        assertThat(api.client().pods().inNamespace("default").withName("train").get().getSpec().getNodeName())
                .isEqualTo("n1");
        assertThat(api.client().bindings().inNamespace("default").list().getItems())
                .as("a Binding is not stored").isEmpty();
    }

    @Test
    void aBindingsAnnotationsAreSetOnThePodWithItsNodeInOneWrite() {
        Pod p = api.client().pods().inNamespace("default").resource(new PodBuilder(pod("train")).editMetadata()
                .addToAnnotations("keep", "1").endMetadata().build()).update();
        var events = new CopyOnWriteArrayList<String>();
        try (var watch = api.client().pods().inNamespace("default").watch(new Watcher<Pod>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                events.add(action + " " + pod.getSpec().getNodeName() + " " + pod.getMetadata().getAnnotations());
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            api.client().bindings().inNamespace("default").resource(new BindingBuilder().withNewMetadata()
                    .withName("train").withUid(p.getMetadata().getUid()).addToAnnotations("phase", "allocating")
                    .endMetadata().withNewTarget().withKind("Node").withName("n1").endTarget().build()).create();
            Eventually.until(Duration.ofSeconds(10), "a MODIFIED event",
                    () -> events.stream().anyMatch(e -> e.startsWith("MODIFIED")));
            assertThat(events).as("the node and the annotations come in one event")
                    .contains("MODIFIED n1 {keep=1, phase=allocating}");
        }
    }

    @Test
    void aFieldSelectorOnTheNodeNameSelectsTheNodesPodsAsTheyAreBound() throws Exception {
        Pod train = pod("train");
        Pod serve = pod("serve");
        bind("serve", serve.getMetadata().getUid(), "n2");
        var events = new CopyOnWriteArrayList<String>();
        var onN1 = api.client().pods().inAnyNamespace().withField("spec.nodeName", "n1");
        try (var watch = onN1.watch(new Watcher<Pod>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                events.add(action + " " + pod.getMetadata().getName());
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            api.client().pods().inNamespace("default").withName("train").edit(x -> new PodBuilder(x).editMetadata()
                    .addToAnnotations("a", "1").endMetadata().build());
            bind("train", train.getMetadata().getUid(), "n1");
            api.client().pods().inNamespace("default").withName("serve").edit(x -> new PodBuilder(x).editMetadata()
                    .addToAnnotations("a", "1").endMetadata().build());
            api.client().pods().inNamespace("default").withName("train").delete();
            Eventually.until(Duration.ofSeconds(10), "train's DELETED event", () -> events.contains("DELETED train"));
            assertThat(events).as("only n1's pod, from its Binding on").containsExactly("ADDED train", "DELETED train");
        }
        assertThat(api.client().pods().inAnyNamespace().withField("spec.nodeName", "n2").list().getItems())
                .extracting(x -> x.getMetadata().getName()).containsExactly("serve");
    }

    @Test
    void secondBindingConflicts() {
        Pod p = pod("train");
        bind("train", p.getMetadata().getUid(), "n1");
        assertThatThrownBy(() -> bind("train", p.getMetadata().getUid(), "n2"))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("already assigned to node \"n1\"");
                });
        assertThat(api.client().pods().inNamespace("default").withName("train").get().getSpec().getNodeName())
                .isEqualTo("n1");
    }

    @Test
    void bindingOfAnotherIncarnationOrAMissingPodFails() {
        pod("train");
        assertThatThrownBy(() -> bind("train", "other-uid", "n1"))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
        assertThatThrownBy(() -> bind("ghost", null, "n1"))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(404));
        assertThat(api.client().pods().inNamespace("default").withName("train").get().getSpec().getNodeName())
                .isNull();
    }

    @Test
    void podBindingSubresourceBindsToo() throws Exception {
        Pod p = pod("serve");
        var http = java.net.http.HttpClient.newBuilder().sslContext(insecure()).build();
        String body = "{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":\"serve\",\"uid\":\""
                + p.getMetadata().getUid() + "\"},\"target\":{\"kind\":\"Node\",\"name\":\"n3\"}}";
        var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.url()
                + "api/v1/namespaces/default/pods/serve/binding")).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(api.client().pods().inNamespace("default").withName("serve").get().getSpec().getNodeName())
                .isEqualTo("n3");
    }

    @Test
    void mergePatchWithAStaleResourceVersionIsAConflict() {
        api.client().nodes().resource(new NodeBuilder().withNewMetadata().withName("n1").endMetadata().build())
                .create();
        String before = api.client().nodes().withName("n1").get().getMetadata().getResourceVersion();
        api.client().nodes().withName("n1").edit(n -> new NodeBuilder(n).editMetadata()
                .addToAnnotations("a", "1").endMetadata().build());
        var stale = new NodeBuilder().withNewMetadata().withResourceVersion(before)
                .addToAnnotations("hami.io/mutex.lock", "x").endMetadata().build();
        assertThatThrownBy(() -> api.client().nodes().withName("n1").patch(PatchContext.of(PatchType.JSON_MERGE),
                stale)).isInstanceOfSatisfying(KubernetesClientException.class,
                        e -> assertThat(e.getCode()).isEqualTo(409));
    }

    @Test
    void statusSubresourceKeepsTheSpecAndThePodPatchKeepsTheStatus() {
        pod("train");
        api.client().pods().inNamespace("default").withName("train").subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), new PodBuilder().withStatus(new PodStatusBuilder()
                        .withPhase("Running").build()).build());
        Pod p = api.client().pods().inNamespace("default").withName("train").get();
        assertThat(p.getStatus().getPhase()).isEqualTo("Running");
        assertThat(p.getSpec().getContainers()).hasSize(1);
    }

    @Test
    void kubeconfigPointsAChildAtTheServer() throws Exception {
        String text = java.nio.file.Files.readString(api.kubeconfig());
        assertThat(text).contains("server: \"" + api.url()).contains("insecure-skip-tls-verify: true");
        try (var other = ExternalApiServer.of(api.kubeconfig())) {
            pod("seen");
            assertThat(other.client().pods().inNamespace("default").withName("seen").get()).isNotNull();
        }
    }

    private static javax.net.ssl.SSLContext insecure() throws Exception {
        var trustAll = new javax.net.ssl.X509TrustManager() {
            @Override
            public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {
            }

            @Override
            public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) {
            }

            @Override
            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        };
        var ctx = javax.net.ssl.SSLContext.getInstance("TLS");
        ctx.init(null, new javax.net.ssl.TrustManager[] {trustAll}, null);
        return ctx;
    }
}
