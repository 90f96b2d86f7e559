package io.hami.scheduler.events;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * Kubernetes Events (docs/scheduler.md, "Metrics"): about pods, {@code FilteringFailed}, {@code FilteringSucceed},
 * {@code BindingFailed}, {@code BindingSucceed}; about nodes, {@code DeviceRegistrationUnreadable}. Recording never
 * blocks the caller and never fails it.
 */
public interface EventSink {

    /** Records nothing. */
    EventSink NONE = (pod, warning, reason, message) -> { };

    /**
     * Records one event on the pod.
     *
     * @param warning {@code Warning} rather than {@code Normal}
     */
    void record(Pod pod, boolean warning, String reason, String message);

    /**
     * Records one event on the node. A sink written as a lambda over {@link #record} (a test's) records none.
     *
     * @param warning {@code Warning} rather than {@code Normal}
     */
    default void recordOnNode(Node node, boolean warning, String reason, String message) {
    }
}
