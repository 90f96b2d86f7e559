package io.hami.scheduler.leader;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leadership as HAMi decides it (docs/scheduler.md, "Leadership"): the extender does not campaign; it reads the Lease
 * that the kube-scheduler beside it renews, and leads while the holder identity starts with this host's name and the
 * lease was last seen renewed less than {@code leaseDurationSeconds} ago. "Seen" is this process's clock at the moment
 * the holder or renew time last changed, so clock skew between nodes does not matter. {@link #poll()} is called
 * periodically.
 */
public final class LeaseObserver implements Leadership {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseObserver.class);

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final String identity;
    private final Clock clock;
    private volatile boolean leader;
    private String lastHolder;
    private Object lastRenew;
    private Instant observedAt = Instant.MIN;
    private Duration duration = Duration.ZERO;

    public LeaseObserver(KubernetesClient client, String namespace, String name, String identity, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespace = namespace;
        this.name = name;
        this.identity = identity;
        this.clock = clock;
    }

    @Override
    public boolean isLeader() {
        return leader;
    }

    /** Reads the Lease and updates leadership; returns whether this process just became the leader. */
    public synchronized boolean poll() {
        Lease lease;
        try {
            lease = client.leases().inNamespace(namespace).withName(name).get();
        } catch (KubernetesClientException e) {
            LOG.warn("reading lease {}/{}: {}", namespace, name, e.getMessage());
            lease = null;
        }
        Instant now = clock.instant();
        if (lease != null && lease.getSpec() != null) {
            String holder = lease.getSpec().getHolderIdentity();
            Object renew = lease.getSpec().getRenewTime();
            if (!Objects.equals(holder, lastHolder) || !Objects.equals(renew, lastRenew)) {
                lastHolder = holder;
                lastRenew = renew;
                observedAt = now;
                Integer seconds = lease.getSpec().getLeaseDurationSeconds();
                duration = Duration.ofSeconds(seconds == null ? 15 : seconds);
            }
        }
        boolean was = leader;
        leader = lastHolder != null && !identity.isEmpty() && lastHolder.startsWith(identity)
                && observedAt.plus(duration).isAfter(now);
        if (leader != was) {
            LOG.info("leadership {}: lease {}/{} held by {}", leader ? "gained" : "lost", namespace, name, lastHolder);
        }
        return leader && !was;
    }
}
