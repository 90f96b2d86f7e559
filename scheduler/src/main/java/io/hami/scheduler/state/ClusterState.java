package io.hami.scheduler.state;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.hami.scheduler.kube.KubeObjects;
import io.hami.scheduler.snapshot.ClusterSnapshot;
import io.hami.scheduler.vendor.DeviceTypes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's view of the cluster, with one writer: a state thread that owns the core's snapshot builder
 * ({@link ClusterModel}). Informer events, the filter's reservations and releases, and the registration round's ticks
 * are queued to it; it applies everything queued, builds one immutable {@link ClusterSnapshot} and publishes it in a
 * volatile field. Readers ({@code /filter}, the webhook's quota check, metrics) take the latest snapshot without a
 * lock. Futures returned here complete after the snapshot that includes the change is published.
 */
public final class ClusterState implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterState.class);
    private static final int MAX_BATCH = 4096;

    /** A handshake annotation the leader has to stamp on a node. */
    public record Stamp(String node, String key) {
    }

    private final ClusterModel model;
    private final BlockingQueue<Consumer<List<Runnable>>> inbox = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> synced = new CompletableFuture<>();
    private final Thread thread;
    private volatile ClusterSnapshot current;
    private volatile boolean closed;

    /**
     * @param selector  {@code --node-label-selector}
     * @param ledgerTtl how long a reservation or supersession outlives the informer's silence
     * @param cache     the informers' caches, to re-read a pod whose ledger entry expired
     */
    public ClusterState(DeviceTypes types, Clock clock, Map<String, String> selector, Duration ledgerTtl,
                        KubeCache cache) {
        this.model = new ClusterModel(types, clock, selector, ledgerTtl, cache);
        this.current = ClusterSnapshot.empty(types);
        this.thread = Thread.ofPlatform().name("hami-cluster-state").daemon().unstarted(this::loop);
    }

    /** Starts the state thread. */
    public ClusterState start() {
        thread.start();
        return this;
    }

    /** The latest published snapshot. */
    public ClusterSnapshot snapshot() {
        return current;
    }

    public void putNode(Node node) {
        submit(() -> model.putNode(node));
    }

    public void removeNode(String name) {
        submit(() -> model.removeNode(name));
    }

    public void putPod(Pod pod) {
        submit(() -> model.putPod(pod));
    }

    /** A deleted pod stops counting by UID, whatever its annotations said (HAMi #2923). */
    public void removePod(String uid) {
        submit(() -> model.removePod(uid));
    }

    public void putQuota(ResourceQuota quota) {
        submit(() -> model.putQuota(quota));
    }

    public void removeQuota(String namespace, String name) {
        submit(() -> model.removeQuota(namespace, name));
    }

    /** Counts a filter's decision; completes once a snapshot that counts it is published. */
    public CompletableFuture<Void> reserve(Reservation reservation) {
        var done = new CompletableFuture<Void>();
        inbox.add(after -> {
            model.reserve(reservation);
            after.add(() -> done.complete(null));
        });
        return done;
    }

    /**
     * The pod's latest filter gave it nothing: stop counting it, and treat the allocation annotations it carries
     * ({@code stale}) as void until they change or the pod is bound.
     */
    public void release(Pod pod, Map<String, String> stale) {
        String uid = KubeObjects.uid(pod);
        submit(() -> model.release(uid, KubeObjects.namespace(pod), KubeObjects.name(pod), stale));
    }

    /** Re-judges node health now and expires ledger entries; completes with the handshakes to stamp. */
    public CompletableFuture<List<Stamp>> tick() {
        var done = new CompletableFuture<List<Stamp>>();
        inbox.add(after -> {
            List<Stamp> stamps = model.tick();
            after.add(() -> done.complete(stamps));
        });
        return done;
    }

    /** Completes once everything queued before this call is applied and published. */
    public CompletableFuture<ClusterSnapshot> flush() {
        var done = new CompletableFuture<ClusterSnapshot>();
        inbox.add(after -> after.add(() -> done.complete(current)));
        return done;
    }

    /** Marks the informers' first lists as applied (call after queueing them). */
    public void markSynced() {
        inbox.add(after -> after.add(() -> synced.complete(null)));
    }

    /** Whether the informers' first lists are applied. */
    public boolean synced() {
        return synced.isDone();
    }

    /** Waits until {@link #synced()}; false on timeout. */
    public boolean awaitSynced(Duration timeout) throws InterruptedException {
        try {
            synced.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }

    private void submit(Runnable change) {
        inbox.add(after -> change.run());
    }

    private void loop() {
        var batch = new ArrayList<Consumer<List<Runnable>>>();
        var after = new ArrayList<Runnable>();
        while (!closed) {
            try {
                batch.add(inbox.take());
            } catch (InterruptedException e) {
                return;
            }
            inbox.drainTo(batch, MAX_BATCH);
            for (var task : batch) {
                try {
                    task.accept(after);
                } catch (RuntimeException e) {
                    LOG.error("cluster state: an event could not be applied; the state goes on without it", e);
                }
            }
            batch.clear();
            if (model.dirty()) {
                try {
                    current = model.build();
                } catch (RuntimeException e) {
                    LOG.error("cluster state: the snapshot could not be built; the previous one stays", e);
                }
            }
            after.forEach(Runnable::run);
            after.clear();
        }
    }
}
