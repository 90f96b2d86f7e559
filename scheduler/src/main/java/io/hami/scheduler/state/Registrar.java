package io.hami.scheduler.state;

import io.hami.model.annotation.HandshakeCodec;
import io.hami.scheduler.apiserver.ApiException;
import io.hami.scheduler.apiserver.ClusterWrites;
import io.hami.scheduler.leader.Leadership;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One registration round (docs/scheduler.md, "Node health"), run every 15 s, when a node is added and when leadership
 * is gained: the state re-judges node health at the current time and expires ledger entries; then, on the leader only,
 * the scheduler pods are relabelled and every handshake that is not a request is stamped
 * {@code Requesting_<local time>}. Failures are logged once per round and the round goes on.
 */
public final class Registrar {

    private static final Logger LOG = LoggerFactory.getLogger(Registrar.class);

    private final ClusterState state;
    private final ClusterWrites writes;
    private final Leadership leadership;
    private final Optional<Runnable> relabel;
    private final Clock clock;

    /** @param relabel the leader's relabelling of the scheduler pods, when this scheduler runs in a known pod */
    public Registrar(ClusterState state, ClusterWrites writes, Leadership leadership, Optional<Runnable> relabel,
                     Clock clock) {
        this.state = state;
        this.writes = writes;
        this.leadership = leadership;
        this.relabel = relabel;
        this.clock = clock;
    }

    /** Runs one round; returns the number of handshakes stamped. */
    public int round() throws InterruptedException {
        boolean leader = leadership.isLeader();
        if (leader && relabel.isPresent()) {
            try {
                relabel.get().run();
            } catch (RuntimeException e) {
                LOG.warn("labelling the scheduler pods: {}", e.getMessage());
            }
        }
        List<ClusterState.Stamp> stamps;
        try {
            stamps = state.tick().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("registration round: the cluster state did not answer: {}", e.toString());
            return 0;
        }
        if (!leader) {
            return 0;
        }
        String value = HandshakeCodec.requesting(LocalDateTime.now(clock));
        int written = 0;
        for (ClusterState.Stamp s : stamps) {
            try {
                writes.patchNode(s.node(), Map.of(s.key(), value));
                written++;
            } catch (ApiException e) {
                LOG.warn("stamping {} on node {}: {}", s.key(), s.node(), e.getMessage());
            }
        }
        return written;
    }
}
