package io.hami.scheduler.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.hami.scheduler.Kube;
import io.hami.scheduler.daemon.SchedulerDaemon;
import io.hami.scheduler.support.MutableClock;
import io.hami.scheduler.support.TestCertificates;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node whose AMD register annotation cannot be read, through the daemon's informers against fabric8's mock API
 * server in CRUD mode: one Warning Event on the Node per broken value, however often the node is rewritten.
 */
@EnableKubernetesMockClient(crud = true)
class RegistrationEventsEndToEndTest {

    KubernetesClient client;

    @TempDir
    Path dir;

    private void annotate(String key, String value) {
        client.nodes().withName("amd").edit(n -> {
            n.getMetadata().getAnnotations().put(key, value);
            return n;
        });
    }

    private List<Event> nodeEvents() {
        return client.v1().events().inNamespace("default").list().getItems().stream()
                .filter(e -> e.getInvolvedObject().getKind().equals("Node")).toList();
    }

    @Test
    void aBrokenRegisterAnnotationRecordsOneEventPerValueOnTheNode() throws Exception {
        var tls = TestCertificates.write(dir, TestCertificates.KeyForm.PKCS8_EC);
        client.nodes().resource(Kube.node("amd", new java.util.HashMap<>(Map.of("hami.io/node-amd-register",
                "not json")))).create();
        var daemon = SchedulerDaemon.start(Cluster.config(tls), client,
                new MutableClock(Instant.parse("2026-12-07T07:00:00Z"), ZoneOffset.UTC));
        try {
            daemon.synced().get(30, TimeUnit.SECONDS);
            Cluster.await("the first event", () -> nodeEvents().size() == 1);
            for (int beat = 0; beat < 5; beat++) {
                annotate("example.com/heartbeat", Integer.toString(beat)); // the node is rewritten, still broken
            }
            annotate("hami.io/node-amd-register", "[{");
            Cluster.await("the event of the second value", () -> nodeEvents().stream()
                    .anyMatch(e -> e.getMessage().contains("[{")));
        } finally {
            daemon.close(); // waits for the events in flight
        }
        assertThat(nodeEvents()).hasSize(2).allSatisfy(e -> {
            assertThat(e.getInvolvedObject().getName()).isEqualTo("amd");
            assertThat(e.getReason()).isEqualTo("DeviceRegistrationUnreadable");
            assertThat(e.getType()).isEqualTo("Warning");
            assertThat(e.getMessage()).startsWith("amd devices left out: node-register: value: not valid JSON");
        });
    }
}
