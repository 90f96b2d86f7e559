/**
 * Scheduling policies: how a GPU policy orders a node's devices ({@link io.hami.scheduler.policy.DeviceOrder}) and
 * how a node policy orders candidate nodes ({@link io.hami.scheduler.policy.NodeOrder}).
 */
package io.hami.scheduler.policy;
