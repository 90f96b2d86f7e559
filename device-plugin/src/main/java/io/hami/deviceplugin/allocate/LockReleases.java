package io.hami.deviceplugin.allocate;

import io.hami.model.annotation.PodRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The lockless plugin's node-lock releases (docs/protocol.md, "Binds without the node lock", step 3): each pod that got
 * its allocation record may be named by a lock HAMi's scheduler took, so the node is read to see; the pods whose records
 * were written while a read was queued or running are checked together by the next one read, instead of one read of
 * the node per pod (a burst of binds to a node writes many records at once, and under our scheduler no lock names any
 * of them). Runs on {@code executor}, one batch at a time.
 */
public final class LockReleases implements Consumer<PodRef> {

    private final PendingPods pending;
    private final Executor executor;
    private final ConcurrentLinkedQueue<PodRef> queued = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    /** @param executor a single thread: batches run one after the other */
    public LockReleases(PendingPods pending, Executor executor) {
        this.pending = Objects.requireNonNull(pending, "pending");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** Queues the pod's release; a batch is scheduled unless one is waiting to run. */
    @Override
    public void accept(PodRef pod) {
        queued.add(pod);
        if (scheduled.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        scheduled.set(false); // a pod queued from now on schedules the next batch
        List<PodRef> batch = new ArrayList<>();
        for (PodRef pod; (pod = queued.poll()) != null; ) {
            batch.add(pod);
        }
        if (!batch.isEmpty()) {
            pending.finishAny(batch);
        }
    }
}
