package io.hami.scheduler.events;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * Kubernetes Events about pods (docs/scheduler.md, "Metrics"): {@code FilteringFailed}, {@code FilteringSucceed},
 * {@code BindingFailed}, {@code BindingSucceed}. Recording never blocks the caller and never fails it.
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
}
