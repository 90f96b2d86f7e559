package io.hami.deviceplugin.allocate;

import io.hami.model.annotation.PodRef;
import io.hami.model.kube.LeanPod;
import java.util.Collection;

/**
 * Which pod a kubelet {@code Allocate} is for. kubelet's request names only device IDs, so the plugin must
 * learn the pod another way: HAMi v2.10 through the node lock the scheduler holds while binding
 * ({@link NodeLockPendingPods}); later through the pod identity a runtime shim sees. {@link Allocator} asks
 * this interface and nothing else.
 */
public interface PendingPods {

    /**
     * The pod whose containers this node is allocating now, read fresh from the API.
     *
     * @throws AllocateException {@code NO_PENDING_POD} when there is none (with the pod when a dangling
     *                           reference named one), {@code API_ERROR} or {@code TIMEOUT}
     */
    LeanPod find(Deadline deadline) throws AllocateException;

    /**
     * Ends the pod's allocation on this node: all of its containers were allocated, or its allocation failed.
     * Called at most once per {@code Allocate}; never throws (a failure is logged and left to expiry).
     */
    void finish(PodRef pod);

    /**
     * Ends the allocation of whichever of {@code pods} it is still open for (lockless mode: pods that got their
     * allocation record, where a lock HAMi's scheduler took may name one of them). Never throws.
     */
    default void finishAny(Collection<PodRef> pods) {
        pods.forEach(this::finish);
    }
}
