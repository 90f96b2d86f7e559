package io.hami.scheduler.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.hami.model.protocol.HamiAnnotations;
import io.hami.scheduler.daemon.DaemonConfig;
import io.hami.scheduler.daemon.SchedulerDaemon;
import io.hami.scheduler.support.TestCertificates;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm-up before readiness against fabric8's mock API server: it touches nothing real. No pod, event or node
 * lock of its reaches the API server, and the daemon's own state counts none of its pods.
 */
@EnableKubernetesMockClient(crud = true)
class WarmupEndToEndTest {

    KubernetesClient client;

    @TempDir
    Path dir;

    @Test
    void theWarmUpWritesNothingToTheApiServerAndLeavesNoReservationInTheDaemonsState() throws Exception {
        var tls = TestCertificates.write(dir, TestCertificates.KeyForm.PKCS8_EC);
        client.nodes().resource(Cluster.gpuNode("n1")).create();
        DaemonConfig c = Cluster.config(tls);
        var config = new DaemonConfig(c.decision(), c.nvidia(), c.http(), c.webhook(), c.tls(), c.schedulerName(),
                c.forceOverwriteDefaultScheduler(), c.metrics(), c.legacyMetrics(), c.nodeLabelSelector(),
                c.nodeLockTimeout(), c.nodeLockRetryTimeout(), c.nodeLockWait(), c.leader(), c.self(), c.timing(),
                c.buildInfo(), c.allocationPage(), new DaemonConfig.WarmUp(50, Duration.ofMinutes(5)));
        try (var daemon = SchedulerDaemon.start(config, client, Clock.systemUTC())) {
            daemon.ready().get(5, TimeUnit.MINUTES);
            daemon.synced().get(30, TimeUnit.SECONDS);
            daemon.state().flush().get(30, TimeUnit.SECONDS);

            assertThat(client.pods().inAnyNamespace().list().getItems()).isEmpty();
            assertThat(client.v1().events().inAnyNamespace().list().getItems())
                    .noneMatch(e -> e.getInvolvedObject().getName().startsWith("warmup"));
            assertThat(client.nodes().list().getItems()).extracting(n -> n.getMetadata().getName())
                    .containsExactly("n1");
            assertThat(client.nodes().withName("n1").get().getMetadata().getAnnotations())
                    .doesNotContainKey(HamiAnnotations.NODE_LOCK);
            assertThat(daemon.state().snapshot().pods()).isEmpty();
            assertThat(daemon.state().snapshot().nodes()).extracting(n -> n.name()).containsExactly("n1");
        }
    }
}
