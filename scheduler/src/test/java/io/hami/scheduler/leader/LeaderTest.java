package io.hami.scheduler.leader;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.hami.model.protocol.HamiAnnotations;
import io.hami.scheduler.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Leadership from kube-scheduler's Lease and the role labels (docs/scheduler.md, "Leadership"), on the CRUD mock
 * server.
 */
@EnableKubernetesMockClient(crud = true)
class LeaderTest {

    KubernetesClient client;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));

    Lease lease(String holder, String renew) {
        return new LeaseBuilder().withNewMetadata().withName("hami-scheduler").withNamespace("hami").endMetadata()
                .withNewSpec().withHolderIdentity(holder).withLeaseDurationSeconds(15)
                .withRenewTime(java.time.ZonedDateTime.parse(renew)).endSpec().build();
    }

    @Test
    void leadsWhileTheLeaseNamesThisHostAndKeepsBeingRenewed() {
        var observer = new LeaseObserver(client, "hami", "hami-scheduler", "sched-0", clock);
        assertThat(observer.poll()).as("no lease yet").isFalse();
        client.leases().inNamespace("hami").resource(lease("sched-0_1234", "2026-11-28T10:00:00Z")).create();
        assertThat(observer.poll()).as("just gained").isTrue();
        assertThat(observer.isLeader()).isTrue();
        clock.advance(Duration.ofSeconds(10));
        client.leases().inNamespace("hami").resource(lease("sched-0_1234", "2026-11-28T10:00:10Z")).update();
        observer.poll();
        clock.advance(Duration.ofSeconds(14));
        assertThat(observer.poll()).isFalse();
        assertThat(observer.isLeader()).as("renewed 14 s ago").isTrue();
        clock.advance(Duration.ofSeconds(2));
        observer.poll();
        assertThat(observer.isLeader()).as("not renewed for 16 s").isFalse();
    }

    @Test
    void anotherHolderMeansFollower() {
        client.leases().inNamespace("hami").resource(lease("sched-1_99", "2026-11-28T10:00:00Z")).create();
        var observer = new LeaseObserver(client, "hami", "hami-scheduler", "sched-0", clock);
        observer.poll();
        assertThat(observer.isLeader()).isFalse();
    }

    @Test
    void leaderLabelsItselfLeaderAndItsSiblingsFollower() {
        for (String name : new String[] {"sched-0", "sched-1"}) {
            client.pods().inNamespace("hami").resource(new PodBuilder().withNewMetadata().withName(name)
                    .withNamespace("hami").addToLabels(RoleLabeler.COMPONENT, RoleLabeler.SCHEDULER).endMetadata()
                    .withNewSpec().addNewContainer().withName("c").endContainer().endSpec().build()).create();
        }
        new RoleLabeler(client, "hami", "sched-0").label();
        assertThat(client.pods().inNamespace("hami").withName("sched-0").get().getMetadata().getLabels())
                .containsEntry(HamiAnnotations.SCHEDULER_ROLE, "leader");
        assertThat(client.pods().inNamespace("hami").withName("sched-1").get().getMetadata().getLabels())
                .containsEntry(HamiAnnotations.SCHEDULER_ROLE, "follower");
    }
}
