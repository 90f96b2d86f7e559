/** Leadership from kube-scheduler's Lease, and the scheduler pods' role label ({@link io.hami.scheduler.leader.LeaseObserver}). */
package io.hami.scheduler.leader;
