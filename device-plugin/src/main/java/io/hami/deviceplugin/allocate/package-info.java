/**
 * kubelet's {@code Allocate}, HAMi-compatible: which pod it is for ({@link io.hami.deviceplugin.allocate.PendingPods},
 * today HAMi's node-lock rule), a pure plan from the pod's allocation annotation
 * ({@link io.hami.deviceplugin.allocate.AllocationPlanner}), and the one place that writes the outcome, fails the bind
 * and ends the pod's allocation ({@link io.hami.deviceplugin.allocate.Allocator}).
 */
package io.hami.deviceplugin.allocate;
