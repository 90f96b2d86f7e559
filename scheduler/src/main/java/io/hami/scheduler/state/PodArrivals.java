package io.hami.scheduler.state;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Waits for a pod to reach a cache that has not seen it yet (docs/scheduler.md, "A bind ahead of the informer").
 * kube-scheduler calls {@code /bind} for a pod its own informer saw; ours may see it a little later, most of all in a
 * burst of creations answered without waiting for the pod's patch. The cache calls {@link #arrived} for each pod it
 * adds or updates; a waiter registers before it looks again, so no arrival between the look and the wait is lost.
 * Thread-safe.
 */
public final class PodArrivals {

    private final ConcurrentHashMap<String, CompletableFuture<Pod>> waiting = new ConcurrentHashMap<>();

    /** Tells the waiters of this pod, if any, that the cache holds it now. Never blocks. */
    public void arrived(String namespace, String name, Pod pod) {
        if (waiting.isEmpty()) {
            return;
        }
        CompletableFuture<Pod> f = waiting.get(key(namespace, name));
        if (f != null) {
            f.complete(pod);
        }
    }

    /**
     * The pod as {@code lookup} finds it, waiting up to {@code max} for it to arrive; empty when it did not.
     *
     * @param lookup the cache's own look-up, asked again once the waiter is registered
     */
    public Optional<Pod> await(String namespace, String name, Duration max, Supplier<Optional<Pod>> lookup)
            throws InterruptedException {
        Optional<Pod> now = lookup.get();
        if (now.isPresent() || max.isZero() || max.isNegative()) {
            return now;
        }
        String key = key(namespace, name);
        CompletableFuture<Pod> f = waiting.computeIfAbsent(key, k -> new CompletableFuture<>());
        try {
            now = lookup.get(); // it may have arrived before the waiter was registered
            if (now.isPresent()) {
                return now;
            }
            return Optional.of(f.get(max.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return lookup.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a pod arrival cannot fail", e);
        } finally {
            waiting.remove(key, f);
        }
    }

    /** How many pods are waited for now. */
    public int waiting() {
        return waiting.size();
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
