/**
 * Reading fabric8 Kubernetes objects safely: annotations, resources and capacity, with absent parts answered as absent
 * rather than as {@code NullPointerException}s.
 */
package io.hami.scheduler.kube;
