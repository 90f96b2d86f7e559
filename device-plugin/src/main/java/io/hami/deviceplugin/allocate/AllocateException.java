package io.hami.deviceplugin.allocate;

import io.hami.model.annotation.PodRef;
import java.util.Objects;
import java.util.Optional;

/**
 * Why an {@code Allocate} failed, with the pod it was for when that is known. The one error path of
 * {@link Allocator} marks that pod's bind phase {@code failed} and ends its allocation; the kubelet API turns
 * the reason into a gRPC status.
 */
public final class AllocateException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The kind of failure, which decides the gRPC status kubelet sees. */
    public enum Reason {
        /** No pod on this node is waiting for devices. */
        NO_PENDING_POD,
        /** The pod's allocation annotation is missing, malformed or does not match kubelet's request. */
        BAD_ALLOCATION,
        /** Our own deadline passed (a slow API server). */
        TIMEOUT,
        /** The API server refused or failed a call. */
        API_ERROR,
        /** A host file operation failed. */
        HOST_ERROR,
        /** Anything else: a bug. */
        INTERNAL
    }

    private final Reason reason;
    private final transient Optional<PodRef> pod;

    public AllocateException(Reason reason, String message, Optional<PodRef> pod, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.pod = Objects.requireNonNull(pod, "pod");
    }

    /** A failure about a known pod. */
    public static AllocateException about(PodRef pod, Reason reason, String message) {
        return new AllocateException(reason, "pod " + pod + ": " + message, Optional.of(pod), null);
    }

    /** Any exception as an allocation failure: itself, or an API or unexpected failure wrapping it. */
    public static AllocateException of(Exception e) {
        if (e instanceof AllocateException a) {
            return a;
        }
        Reason reason;
        if (e instanceof io.fabric8.kubernetes.client.KubernetesClientException) {
            reason = Reason.API_ERROR;
        } else if (e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException) {
            reason = Reason.HOST_ERROR;
        } else {
            reason = Reason.INTERNAL;
        }
        return new AllocateException(reason, e.getClass().getSimpleName() + ": " + e.getMessage(), Optional.empty(), e);
    }

    public Reason reason() {
        return reason;
    }

    /** The pod the failed allocation was for, when known. */
    public Optional<PodRef> pod() {
        return pod;
    }
}
