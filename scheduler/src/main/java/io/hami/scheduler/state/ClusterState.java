package io.hami.scheduler.state;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.hami.scheduler.events.EventSink;
import io.hami.scheduler.kube.KubeObjects;
import io.hami.scheduler.snapshot.ClusterSnapshot;
import io.hami.scheduler.vendor.DeviceTypes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's view of the cluster, with one writer at a time: a state thread that owns the core's snapshot builder
 * ({@link ClusterModel}). Informer events, the filter's reservations and releases, and the registration round's ticks
 * are queued to it; it applies everything queued, in order, builds one immutable {@link ClusterSnapshot} and publishes
 * it in a volatile field. A reservation, which its filter call waits for, is applied by its caller when no one else is
 * applying (with whatever was queued before it, in order): handing it to the state thread and waiting to be woken cost
 * two thread switches per {@code /filter} call, most of the call's slowest times on a busy machine
 * (docs/performance.md). Readers ({@code /filter}, the webhook's quota check, metrics) take the latest snapshot without a
 * lock. Futures returned here complete after the snapshot that includes the change is published, and exceptionally
 * when the change could not be applied or that snapshot could not be built: whoever waits learns at once that the
 * change is not counted, instead of waiting in vain or going on as if it were.
 */
public final class ClusterState implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterState.class);
    private static final int MAX_BATCH = 4096;

    /** A handshake annotation the leader has to stamp on a node. */
    public record Stamp(String node, String key) {
    }

    private final ClusterModel model;
    private final ConcurrentLinkedQueue<Request<?>> inbox = new ConcurrentLinkedQueue<>();
    /** Released for each request queued for the state thread. */
    private final Semaphore queued = new Semaphore(0);
    /** Held while queued requests are taken, applied and published: they leave the inbox only under it, in order. */
    private final ReentrantLock applying = new ReentrantLock();
    private final CompletableFuture<Void> synced = new CompletableFuture<>();
    private final Thread thread;
    private volatile ClusterSnapshot current;
    private volatile boolean started;
    private volatile boolean closed;
    // Under applying:
    /** The informers' first lists are applied; {@link #synced} completes with the next published snapshot. */
    private boolean syncRequested;
    private final List<Request<?>> batch = new ArrayList<>();
    private final List<Request<?>> applied = new ArrayList<>();

    /**
     * @param selector  {@code --node-label-selector}
     * @param ledgerTtl how long a reservation or supersession outlives the informer's silence
     * @param cache     the informers' caches, to re-read a pod whose ledger entry expired
     */
    public ClusterState(DeviceTypes types, Clock clock, Map<String, String> selector, Duration ledgerTtl,
                        KubeCache cache) {
        this(types, clock, selector, ledgerTtl, cache, EventSink.NONE);
    }

    /** @param events where a node's unreadable device registrations are recorded, once per value */
    public ClusterState(DeviceTypes types, Clock clock, Map<String, String> selector, Duration ledgerTtl,
                        KubeCache cache, EventSink events) {
        this(types, new ClusterModel(types, clock, selector, ledgerTtl, cache, events));
    }

    /** Over a given model (tests make its builds fail). */
    ClusterState(DeviceTypes types, ClusterModel model) {
        this.model = model;
        this.current = ClusterSnapshot.empty(types);
        this.thread = Thread.ofPlatform().name("hami-cluster-state").daemon().unstarted(this::loop);
    }

    /** Starts the state thread. */
    public ClusterState start() {
        thread.start();
        started = true;
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

    /**
     * Counts a filter's decision; completes once a snapshot that counts it is published, or exceptionally with the
     * cause when the reservation or that snapshot could not be built.
     */
    public CompletableFuture<Void> reserve(Reservation reservation) {
        var request = new Request<Void>(() -> {
            model.reserve(reservation);
            return null;
        });
        inbox.add(request);
        if (started && !closed && applying.tryLock()) {
            try {
                while (!request.done.isDone()) {
                    applyQueued(); // here, in order with what was queued before it
                }
            } finally {
                applying.unlock();
            }
        } else {
            queued.release();
        }
        return request.done;
    }

    /**
     * The pod's latest filter gave it nothing: stop counting it, and treat the allocation annotations it carries
     * ({@code stale}) as void until they change or the pod is bound.
     */
    public void release(Pod pod, Map<String, String> stale) {
        String uid = KubeObjects.uid(pod);
        submit(() -> model.release(uid, KubeObjects.namespace(pod), KubeObjects.name(pod), stale));
    }

    /**
     * Re-judges node health now and expires ledger entries; completes with the handshakes to stamp, or exceptionally
     * when the snapshot could not be built.
     */
    public CompletableFuture<List<Stamp>> tick() {
        return request(model::tick);
    }

    /**
     * Completes once everything queued before this call is applied and published, or exceptionally when the snapshot
     * could not be built.
     */
    public CompletableFuture<ClusterSnapshot> flush() {
        return request(() -> null).thenApply(published -> current);
    }

    /** Marks the informers' first lists as applied (call after queueing them). */
    public void markSynced() {
        submit(() -> syncRequested = true);
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
        request(() -> {
            change.run();
            return null;
        });
    }

    private <T> CompletableFuture<T> request(Supplier<T> change) {
        var request = new Request<>(change);
        inbox.add(request);
        queued.release();
        return request.done;
    }

    private void loop() {
        while (!closed) {
            try {
                queued.acquire();
            } catch (InterruptedException e) {
                return;
            }
            queued.drainPermits();
            applying.lock();
            try {
                while (!closed && !inbox.isEmpty()) {
                    applyQueued();
                }
            } finally {
                applying.unlock();
            }
        }
    }

    /** Takes up to {@link #MAX_BATCH} queued requests, applies them in order and publishes; under {@link #applying}. */
    private void applyQueued() {
        try {
            for (Request<?> r; batch.size() < MAX_BATCH && (r = inbox.poll()) != null; ) {
                batch.add(r);
            }
            for (Request<?> request : batch) {
                try {
                    request.apply();
                    applied.add(request);
                } catch (RuntimeException e) {
                    LOG.error("cluster state: an event could not be applied; the state goes on without it", e);
                    request.done.completeExceptionally(e);
                }
            }
            RuntimeException failure = publish();
            if (failure == null && syncRequested) {
                synced.complete(null);
            }
            for (Request<?> request : applied) {
                if (failure == null) {
                    request.published();
                } else {
                    request.done.completeExceptionally(failure);
                }
            }
        } finally {
            batch.clear();
            applied.clear();
        }
    }

    /**
     * Builds and publishes a snapshot when something changed since the last one; the build's failure, or null. A
     * failed build leaves the model dirty, so the next change (the 15 s round at the latest) builds again.
     */
    private RuntimeException publish() {
        if (!model.dirty()) {
            return null;
        }
        try {
            current = model.build();
            return null;
        } catch (RuntimeException e) {
            LOG.error("cluster state: the snapshot could not be built; the previous one stays until a build succeeds",
                    e);
            return e;
        }
    }

    /** A change queued for the state thread, and the future of whoever waits for the snapshot that includes it. */
    private static final class Request<T> {
        final Supplier<T> change;
        final CompletableFuture<T> done = new CompletableFuture<>();
        /** What {@link #change} returned; only the state thread touches it. */
        T value;

        Request(Supplier<T> change) {
            this.change = change;
        }

        void apply() {
            value = change.get();
        }

        void published() {
            done.complete(value);
        }
    }
}
