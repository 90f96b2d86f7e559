package io.hami.scheduler.lock;

import io.hami.scheduler.apiserver.ApiException;

/**
 * The API calls the node lock makes, always against the API server (never a cache): read a node's lock annotation
 * with the node's resourceVersion, write or remove it guarded by that resourceVersion, and ask whether the pod named
 * as owner still holds anything.
 */
public interface NodeLockApi {

    /**
     * A node's lock and the resourceVersion it was read at.
     *
     * @param value           the annotation's value, or {@code null} when the node is not locked
     * @param resourceVersion the node's resourceVersion
     */
    record LockState(String value, String resourceVersion) {
    }

    /** Whether a lock's owner still exists. */
    enum OwnerState {
        /** The pod is gone: its lock is dangling. */
        ABSENT,
        /** The pod has reached {@code Succeeded} or {@code Failed}: it will never call Allocate. */
        TERMINAL,
        /** The pod exists and may still be waiting for its devices. */
        ACTIVE
    }

    /**
     * Reads the node's lock.
     *
     * @throws ApiException {@link ApiException.Kind#NOT_FOUND} when the node does not exist
     */
    LockState read(String node, String key) throws ApiException;

    /**
     * Sets ({@code value != null}) or removes ({@code null}) the lock with a merge patch that carries
     * {@code resourceVersion}, so that the API server refuses it with 409 when the node changed since it was read.
     *
     * @throws ApiException {@link ApiException.Kind#CONFLICT} on 409
     */
    void write(String node, String key, String value, String resourceVersion) throws ApiException;

    /** The state of pod {@code namespace/name}. */
    OwnerState owner(String namespace, String name) throws ApiException;
}
