/**
 * The scheduler extender's filter (spec §5.3) over the cluster state, with the JSON of
 * {@code k8s.io/kube-scheduler/extender/v1} ({@link io.hami.scheduler.extender.ExtenderJson},
 * {@link io.hami.scheduler.extender.FilterService}).
 */
package io.hami.scheduler.extender;
