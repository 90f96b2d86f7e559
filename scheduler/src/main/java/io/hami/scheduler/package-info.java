/**
 * The scheduler: the mutating admission webhook and the scheduler extender (filter, bind, node lock).
 * It never depends on native bindings: it runs on nodes without accelerators.
 */
package io.hami.scheduler;
