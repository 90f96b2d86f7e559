/**
 * The pods of this node: a {@link io.hami.monitor.pods.PodSource} of {@link io.hami.monitor.pods.PodView}s,
 * fed by a fabric8 informer in production. No other package sees a fabric8 type.
 */
package io.hami.monitor.pods;
