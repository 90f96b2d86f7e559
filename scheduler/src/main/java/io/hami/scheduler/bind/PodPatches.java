package io.hami.scheduler.bind;

import io.hami.model.annotation.GoDuration;
import io.hami.scheduler.apiserver.ApiException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The filter's pod patches still in flight, by pod UID (docs/scheduler.md, "The filter's patch after the answer"). For
 * a pod placed on a node that binds without the node lock, the filter answers as soon as its decision is reserved and
 * hands the patch of the pod's annotations here; the write runs on a thread of its own, beside later filters. The
 * pod's bind, and a later filter of the same pod, {@link #await} it first, so the annotations reach the API server
 * before the Binding, as under the lock.
 *
 * <p>A write that fails runs its failure action (the filter releases the reservation) before anyone waiting learns of
 * the failure, and the failure is kept until the pod's next filter (a pod filtered no more, e.g. deleted, for
 * {@code keepFailed}), so a bind arriving after the failure refuses as one arriving before it. A finished write is forgotten: the annotations are on the pod then.
 */
public final class PodPatches {

    /** A write of the pod's annotations. */
    @FunctionalInterface
    public interface Write {
        void run() throws ApiException;
    }

    private final Map<String, CompletableFuture<Void>> writes = new ConcurrentHashMap<>();
    private final Duration wait;
    private final Duration keepFailed;

    /**
     * @param wait       how long {@link #await} and {@link #settle} wait for a write before giving up
     * @param keepFailed how long a failed write is remembered when no filter of the pod comes (the pod was deleted)
     */
    public PodPatches(Duration wait, Duration keepFailed) {
        this.wait = wait;
        this.keepFailed = keepFailed;
    }

    /**
     * Starts the pod's write. The caller has awaited any earlier write of the same pod.
     *
     * @param failed runs with the write's error, before the failure is told to those waiting
     */
    public void start(String uid, Write write, Consumer<ApiException> failed) {
        var done = new CompletableFuture<Void>();
        writes.put(uid, done);
        Thread.ofVirtual().name("pod-patch-", 0).start(() -> {
            try {
                write.run();
                writes.remove(uid, done);
                done.complete(null);
            } catch (ApiException e) {
                fail(uid, done, e, failed);
            } catch (RuntimeException e) {
                fail(uid, done, new ApiException(ApiException.Kind.OTHER, e.toString(), e), failed);
            }
        });
    }

    private void fail(String uid, CompletableFuture<Void> done, ApiException e, Consumer<ApiException> failed) {
        try {
            failed.accept(e);
        } finally {
            done.completeExceptionally(e);
            CompletableFuture.delayedExecutor(keepFailed.toMillis(), TimeUnit.MILLISECONDS)
                    .execute(() -> writes.remove(uid, done));
        }
    }

    /**
     * Waits for the pod's write, if one is in flight or failed; empty when there is none or it succeeded, else why
     * the pod's annotations were not written.
     */
    public Optional<String> await(String uid) throws InterruptedException {
        CompletableFuture<Void> done = writes.get(uid);
        if (done == null) {
            return Optional.empty();
        }
        try {
            done.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.empty();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return Optional.of("the filter's patch of the pod's allocation failed: "
                    + (cause.getMessage() != null ? cause.getMessage() : cause.toString()));
        } catch (TimeoutException e) {
            return Optional.of("the filter's patch of the pod's allocation did not finish within "
                    + GoDuration.format(wait));
        }
    }

    /**
     * For the pod's next filter: waits for its earlier write and forgets it, so the new decision's write is the only
     * one and an earlier failure can no longer release the new reservation; false when the earlier write is still in
     * flight after the wait.
     */
    public boolean settle(String uid) throws InterruptedException {
        CompletableFuture<Void> done = writes.get(uid);
        if (done == null) {
            return true;
        }
        try {
            done.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            // its failure released its reservation already
        } catch (TimeoutException e) {
            return false;
        }
        writes.remove(uid, done);
        return true;
    }

    /** Whether a write of the pod is in flight, or failed and not yet forgotten. */
    public boolean inFlight(String uid) {
        return writes.containsKey(uid);
    }

    /** How long a bind or a filter waits for a write. */
    public Duration waitLimit() {
        return wait;
    }

    /** How many writes are in flight or failed and not yet forgotten. */
    public int size() {
        return writes.size();
    }
}
