package io.hami.scheduler.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.hami.scheduler.Kube;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Events as the API server receives them, against fabric8's mock API server in CRUD mode. */
@EnableKubernetesMockClient(crud = true)
class Fabric8EventSinkTest {

    KubernetesClient client;

    private Fabric8EventSink sink() {
        return new Fabric8EventSink(client, "hami-scheduler", Clock.fixed(Instant.parse("2026-12-07T07:00:00Z"),
                ZoneOffset.UTC), new SplittableRandom(1), Executors.newVirtualThreadPerTaskExecutor());
    }

    @Test
    void aNodeEventIsRecordedInTheDefaultNamespaceOnTheNode() {
        var node = client.nodes().resource(Kube.node("n1", Map.of())).create();
        try (var sink = sink()) {
            sink.recordOnNode(node, true, "DeviceRegistrationUnreadable", "amd devices left out: not JSON");
        }
        var events = client.v1().events().inNamespace("default").list().getItems();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.getInvolvedObject().getKind()).isEqualTo("Node");
            assertThat(e.getInvolvedObject().getName()).isEqualTo("n1");
            assertThat(e.getInvolvedObject().getUid()).isEqualTo(node.getMetadata().getUid());
            assertThat(e.getInvolvedObject().getNamespace()).isNull();
            assertThat(e.getType()).isEqualTo("Warning");
            assertThat(e.getReason()).isEqualTo("DeviceRegistrationUnreadable");
            assertThat(e.getMessage()).isEqualTo("amd devices left out: not JSON");
            assertThat(e.getSource().getComponent()).isEqualTo("hami-scheduler");
            assertThat(e.getMetadata().getName()).startsWith("n1.");
        });
    }

    @Test
    void aPodEventIsStillRecordedInThePodsNamespaceOnThePod() {
        var pod = Kube.pod("p").namespace("ns").app(Kube.container("c")).build();
        try (var sink = sink()) {
            sink.record(pod, false, "FilteringSucceed", "n1");
        }
        assertThat(client.v1().events().inNamespace("ns").list().getItems()).singleElement().satisfies(e -> {
            assertThat(e.getInvolvedObject().getKind()).isEqualTo("Pod");
            assertThat(e.getInvolvedObject().getNamespace()).isEqualTo("ns");
            assertThat(e.getInvolvedObject().getUid()).isEqualTo("uid-p");
            assertThat(e.getType()).isEqualTo("Normal");
        });
    }
}
