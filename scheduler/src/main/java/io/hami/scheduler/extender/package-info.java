/**
 * The scheduler extender's filter (docs/scheduler.md, "The filter") over the cluster state, with the JSON of
 * {@code k8s.io/kube-scheduler/extender/v1} ({@link io.hami.scheduler.extender.ExtenderJson},
 * {@link io.hami.scheduler.extender.FilterService}).
 */
package io.hami.scheduler.extender;
