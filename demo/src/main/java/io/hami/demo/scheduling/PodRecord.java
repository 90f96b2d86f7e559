package io.hami.demo.scheduling;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Optional;

/**
 * What the kube-scheduler stand-in knows of one pod it was given: where it is in the scheduling cycle, why it is
 * not placed, and the times of each step ({@link System#nanoTime()} values, 0 when not reached). Guarded by the
 * stand-in's lock; readers get {@link #copy()}s.
 */
public final class PodRecord {

    /** Where the pod is. */
    public enum State {
        /** Refused by the webhook; never created. */
        REJECTED,
        /** Waiting to be filtered. */
        QUEUED,
        /** Being filtered. */
        FILTERING,
        /** Filtered onto a node; its bind is in flight. */
        BINDING,
        /** Waiting out a backoff after a failed bind. */
        BACKOFF,
        /** No node fits (or the filter answered an error); retried when the cluster changes. */
        UNSCHEDULABLE,
        /** Bound to a node. */
        BOUND,
        /** Deleted before it was bound, or after. */
        DELETED,
        /** Not ours: another scheduler's pod, left alone. */
        IGNORED
    }

    final String namespace;
    final String name;
    String uid = "";
    /** The API server's answer to the creation: the pod as first created, until the informer has it. */
    Pod created;
    State state;
    String reason = "";
    String node = "";
    String phase = "";
    int attempts;
    int filterCalls;
    int bindCalls;
    int bindFailures;
    long filterNanos;
    long bindNanos;
    final long submittedAt;
    long admittedAt;
    long createdAt;
    long filteredAt;
    long boundAt;
    long runningAt;

    PodRecord(String namespace, String name, long submittedAt) {
        this.namespace = namespace;
        this.name = name;
        this.submittedAt = submittedAt;
        this.state = State.QUEUED;
    }

    private PodRecord(PodRecord o) {
        this(o.namespace, o.name, o.submittedAt);
        uid = o.uid;
        state = o.state;
        reason = o.reason;
        node = o.node;
        phase = o.phase;
        attempts = o.attempts;
        filterCalls = o.filterCalls;
        bindCalls = o.bindCalls;
        bindFailures = o.bindFailures;
        filterNanos = o.filterNanos;
        bindNanos = o.bindNanos;
        admittedAt = o.admittedAt;
        createdAt = o.createdAt;
        filteredAt = o.filteredAt;
        boundAt = o.boundAt;
        runningAt = o.runningAt;
    }

    PodRecord copy() {
        return new PodRecord(this);
    }

    public String namespace() {
        return namespace;
    }

    public String name() {
        return name;
    }

    public String uid() {
        return uid;
    }

    public State state() {
        return state;
    }

    /** Why the pod is not placed: the webhook's refusal, the filter's failed nodes or error, the last bind error. */
    public String reason() {
        return reason;
    }

    /** The node it is bound to, when bound. */
    public Optional<String> node() {
        return node.isEmpty() ? Optional.empty() : Optional.of(node);
    }

    /** The pod's phase as last seen in the API ({@code Running}, {@code Failed}, ...), empty before any. */
    public String phase() {
        return phase;
    }

    public int filterCalls() {
        return filterCalls;
    }

    public int bindCalls() {
        return bindCalls;
    }

    public int bindFailures() {
        return bindFailures;
    }

    /** Time spent in {@code /filter} calls, all attempts. */
    public long filterNanos() {
        return filterNanos;
    }

    /** Time spent in {@code /bind} calls, all attempts. */
    public long bindNanos() {
        return bindNanos;
    }

    public long submittedAt() {
        return submittedAt;
    }

    /** When the webhook answered. */
    public long admittedAt() {
        return admittedAt;
    }

    /** When the API server answered the pod's creation. */
    public long createdAt() {
        return createdAt;
    }

    /** When the last {@code /filter} call for the pod answered. */
    public long filteredAt() {
        return filteredAt;
    }

    /** When the successful {@code /bind} call answered. */
    public long boundAt() {
        return boundAt;
    }

    /** When the stand-in saw the pod Running (the kubelet stand-in's status patch), 0 before. */
    public long runningAt() {
        return runningAt;
    }
}
